import { basename } from 'node:path';
import { entitySpec, type EntityName } from '../core/entities.ts';
import type { Store } from '../db/store.ts';
import { detectPreset, matchColumns, targetAliases } from '../ingest/map-columns.ts';
import type { Preset } from '../ingest/presets.ts';
import { formatOf, type CsvProbe, type Encoding, type FileFormat } from '../ingest/probe-file.ts';
import { readOrExplain, removeCopy, stageFile } from './import-file.ts';

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
  const batch = store.createImportBatch();
  let probe: CsvProbe | null = null;
  try {
    const staged = await stageFile(batch, { path, encoding: options.encoding });
    probe = staged.probe;
    const rows = await readOrExplain(file, () => batch.firstRows(PREVIEW_ROWS));
    const detectedPreset = detectPreset(entity, staged.headers);
    const preset = options.preset ?? detectedPreset;
    const match = matchColumns({
      fileName: file,
      entity,
      preset,
      headers: staged.headers,
      overrides: options.maps,
    });
    const mapped = new Map(match.columns.map((c) => [c.index, c]));
    return {
      entity,
      file,
      format: formatOf(path),
      detectedPreset,
      preset,
      columns: staged.headers.map((header, index) => {
        const column = mapped.get(index);
        return column
          ? { header, target: column.target, how: column.how }
          : { header, target: null, how: 'ignored' };
      }),
      fields: fieldsOf(entity, preset),
      problem: match.problem?.message ?? null,
      rows,
    };
  } finally {
    await batch.cleanUp();
    removeCopy(path, probe);
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
