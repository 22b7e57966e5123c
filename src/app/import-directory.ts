import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITIES } from '../core/entities.ts';
import { InvalidFileError } from '../core/errors.ts';
import type { Store } from '../db/store.ts';
import { importFile, type ImportOptions, type ImportSummary } from './import-file.ts';

const FORMATS = ['.csv', '.parquet', '.json'];

/**
 * Imports every `ENTITY.csv` (or .parquet / .json) in a folder, in dependency order (reps and
 * product families before accounts, accounts before everything that refers to them). Each file
 * is its own transaction, as with `import ENTITY FILE`.
 */
export async function importDirectory(
  store: Store,
  options: Omit<ImportOptions, 'entity' | 'path' | 'maps' | 'errorsPath'> & {
    dir: string;
    onFile?: (summary: ImportSummary) => void;
  },
): Promise<ImportSummary[]> {
  const files = readdirSync(options.dir);
  const found = ENTITIES.flatMap((entity) => {
    const file = FORMATS.map((ext) => `${entity.name}${ext}`).find((name) => files.includes(name));
    return file ? [{ entity: entity.name, path: join(options.dir, file) }] : [];
  });
  if (found.length === 0) {
    throw new InvalidFileError(
      `${options.dir}: no entity files found (expected names like ${ENTITIES.slice(2, 5)
        .map((e) => `${e.name}.csv`)
        .join(', ')})`,
    );
  }
  const summaries: ImportSummary[] = [];
  for (const { entity, path } of found) {
    const summary = await importFile(store, { ...options, entity, path });
    options.onFile?.(summary);
    summaries.push(summary);
  }
  return summaries;
}
