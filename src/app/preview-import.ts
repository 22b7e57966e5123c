import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { entitySpec, type EntityName } from '../core/entities.ts';
import { InvalidFileError } from '../core/errors.ts';
import type { Store } from '../db/store.ts';
import { detectPreset, matchColumns, targetAliases } from '../ingest/map-columns.ts';
import type { Preset } from '../ingest/presets.ts';
import { formatOf, probeCsv, type Encoding, type FileFormat } from '../ingest/probe-file.ts';

/** How many of the file's rows a preview shows. */
export const PREVIEW_ROWS = 10;

export type ImportPreview = {
  entity: EntityName;
  file: string;
  format: FileFormat;
  /** The preset whose names match most headers. */
  detectedPreset: Preset;
  /** The preset this preview used (the one asked for, else the detected one). */
  preset: Preset;
  columns: { header: string; target: string | null; how: 'preset' | 'map' | 'ignored' }[];
  fields: { name: string; label: string; required: boolean }[];
  /** Why an import with this mapping would fail, in the importer's words; null when it would run. */
  problem: string | null;
  rows: (string | null)[][];
};

/**
 * What importing a file would do with its columns, before importing: the detected preset, each
 * header's field (or that it is ignored), the entity's fields to choose from, the first rows.
 * Reads only the head of the file; changes nothing. Throws InvalidFileError for an unreadable file.
 */
export async function previewImport(
  store: Store,
  options: {
    entity: EntityName;
    path: string;
    preset?: Preset;
    encoding?: Encoding;
    maps?: ReadonlyMap<string, string>;
  },
): Promise<ImportPreview> {
  const { entity, path } = options;
  const file = basename(path);
  if (!existsSync(path) || !statSync(path).isFile())
    throw new InvalidFileError(`${path}: no such file`);
  const format = formatOf(path);
  const batch = store.createImportBatch();
  const probe = format === 'csv' ? await probeCsv(path, options.encoding) : null;
  try {
    await batch.prepare();
    const staged = probe
      ? await batch.stageCsv({
          path: probe.utf8Path,
          delimiter: probe.delimiter,
          headers: probe.headers,
        })
      : await batch.stageTable({ path, format: format === 'parquet' ? 'parquet' : 'json' });
    const rows = await batch.firstRows(PREVIEW_ROWS).catch((cause: unknown) => {
      throw new InvalidFileError(`${file}: cannot read the file (${firstLine(cause)})`, { cause });
    });
    const detectedPreset = detectPreset(entity, staged.headers);
    const preset = options.preset ?? detectedPreset;
    const overrides = options.maps ?? new Map<string, string>();
    const match = matchColumns({
      fileName: file,
      entity,
      preset,
      headers: staged.headers,
      overrides,
    });
    const mapped = new Map(match.columns.map((c) => [c.index, c.target]));
    const mappedByHand = new Set([...overrides.keys()].map((h) => h.trim().toLowerCase()));
    return {
      entity,
      file,
      format,
      detectedPreset,
      preset,
      columns: staged.headers.map((header, index) => {
        const target = mapped.get(index) ?? null;
        const how =
          target === null
            ? 'ignored'
            : mappedByHand.has(header.trim().toLowerCase())
              ? 'map'
              : 'preset';
        return { header, target, how };
      }),
      fields: fieldsOf(entity, preset),
      problem: match.problem?.message ?? null,
      rows,
    };
  } finally {
    await batch.cleanUp();
    if (probe && probe.utf8Path !== path)
      rmSync(dirname(probe.utf8Path), { recursive: true, force: true });
  }
}

/** Every column an entity's file may fill, with its label and whether it is required. */
function fieldsOf(entity: EntityName, preset: Preset): ImportPreview['fields'] {
  const spec = entitySpec(entity);
  return [...targetAliases(entity, preset).keys()].map((name) => {
    const field = spec.fields.find((f) => f.name === name);
    return {
      name,
      label: name === 'id' ? 'External ID' : (field?.label ?? name.replace(/_/g, ' ')),
      required: name === 'id' || Boolean(field?.required && name !== 'account_id'),
    };
  });
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
