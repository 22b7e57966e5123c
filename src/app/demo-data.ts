import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTITIES, type EntityName } from '../core/entities.ts';
import type { Store } from '../db/store.ts';
import {
  DEFAULT_DEMO_UNTIL,
  DEFAULT_DEMO_YEARS,
  generateDemo,
  type DemoOptions,
} from '../demo/generate-demo.ts';
import { writeCrmCsv } from '../ingest/crm-format.ts';
import type { Preset } from '../ingest/presets.ts';
import { importDirectory } from './import-directory.ts';
import type { ImportOptions, ImportSummary } from './import-file.ts';

export const DEMO_DEFAULTS = { years: DEFAULT_DEMO_YEARS, until: DEFAULT_DEMO_UNTIL } as const;

/** The source name demo records are stored under when loaded straight into a workspace. */
export const DEMO_SOURCE = 'demo';

/**
 * Writes the demo data set as one CSV file per entity (`account.csv`, `deal.csv`, …), shaped
 * like the chosen CRM's exports so that `hotspot import DIR --preset …` can read them back.
 */
export async function writeDemoFiles(
  options: DemoOptions & { dir: string; format: Preset },
): Promise<Record<EntityName, number>> {
  mkdirSync(options.dir, { recursive: true });
  const data = generateDemo(options);
  const counts = {} as Record<EntityName, number>;
  for (const entity of ENTITIES) {
    counts[entity.name] = await writeCrmCsv({
      path: join(options.dir, `${entity.name}.csv`),
      entity: entity.name,
      preset: options.format,
      rows: data.rows(entity.name),
    });
  }
  return counts;
}

/**
 * Fills a workspace with demo data through the same importer users run on their own files
 * (written as native CSV to a temporary folder first), so the data meets every import rule.
 */
export async function loadDemo(
  store: Store,
  options: DemoOptions &
    Pick<ImportOptions, 'onProgress'> & { onFile?: (summary: ImportSummary) => void },
): Promise<ImportSummary[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-demo-'));
  try {
    await writeDemoFiles({ ...options, dir, format: 'native' });
    return await importDirectory(store, {
      dir,
      preset: 'native',
      source: DEMO_SOURCE,
      onProgress: options.onProgress,
      onFile: options.onFile,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
