import { z } from 'zod';
import { FlagText, ENTITY_VALUES, IdText, PRESET_VALUES } from './common.ts';

export const ImportParams = z.object({ entity: z.enum(ENTITY_VALUES) });

export const ImportOutcome = z.enum([
  'imported',
  'imported_with_rejections',
  'rejected_strict',
  'failed',
]);

/** `Source Column=field` lines (as `--map`): they win over the preset's own header matching. */
export const ColumnMap = z.string().optional().meta({
  description: 'one `Source Column=field` per line; wins over the preset',
  example: 'Customer=account_name',
});

export const ImportForm = z.object({
  file: z.instanceof(File, { message: 'expected a file' }).meta({
    type: 'string',
    format: 'binary',
    description: 'CSV, Parquet (.parquet) or JSON (.json, .jsonl)',
  }),
  preset: z.enum(PRESET_VALUES).default('native'),
  source: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'the system the records come from (default: the preset)' }),
  encoding: z.enum(['utf-8', 'latin1', 'utf-16le', 'utf-16be']).optional(),
  dryRun: FlagText.meta({ description: 'validate and count, change nothing' }),
  strict: FlagText.meta({ description: 'import nothing when any row is rejected' }),
  map: ColumnMap,
});

export const ImportSummary = z
  .object({
    importId: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'the import log id (null for a dry run)' }),
    errorsUrl: z
      .string()
      .nullable()
      .meta({ description: 'where to download every rejected row as CSV (null when none)' }),
    entity: z.string(),
    file: z.string(),
    source: z.string(),
    preset: z.string(),
    format: z.enum(['csv', 'parquet', 'json']),
    dryRun: z.boolean(),
    outcome: ImportOutcome,
    rows: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    rejected: z.number().int(),
    matches: z.object({
      byId: z.number().int(),
      byDomain: z.number().int(),
      byName: z.number().int(),
      unmatched: z.number().int(),
      ambiguous: z.number().int(),
    }),
    ignoredColumns: z.array(z.string()),
    rejections: z
      .array(
        z.object({
          rowNumber: z
            .number()
            .int()
            .meta({ description: 'line in the file; the header is line 1' }),
          code: z.string(),
          column: z.string(),
          message: z.string(),
          original: z.array(z.string().nullable()),
        }),
      )
      .meta({ description: 'the first 100 rejected rows, in file order' }),
  })
  .meta({ id: 'ImportSummary' });

export const PreviewForm = z.object({
  file: ImportForm.shape.file,
  preset: z
    .enum(PRESET_VALUES)
    .optional()
    .meta({ description: 'default: the preset whose names match most headers' }),
  encoding: ImportForm.shape.encoding,
  map: ColumnMap,
});

/** What an import of this file would do with its columns, and its first rows, before importing. */
export const ImportPreview = z
  .object({
    entity: z.string(),
    file: z.string(),
    format: z.enum(['csv', 'parquet', 'json']),
    detectedPreset: z.enum(PRESET_VALUES),
    preset: z.enum(PRESET_VALUES).meta({ description: 'the preset used for this preview' }),
    columns: z.array(
      z.object({
        header: z.string(),
        target: z.string().nullable().meta({ description: 'the field it fills; null: ignored' }),
        how: z.enum(['preset', 'map', 'ignored']),
      }),
    ),
    fields: z
      .array(z.object({ name: z.string(), label: z.string(), required: z.boolean() }))
      .meta({ description: "the entity's fields, for choosing a mapping" }),
    problem: z.string().nullable().meta({
      description: 'why this mapping cannot be imported (e.g. a required field has no column)',
    }),
    rows: z.array(z.array(z.string().nullable())).meta({ description: 'the first 10 rows' }),
  })
  .meta({ id: 'ImportPreview' });
export type ImportPreview = z.infer<typeof ImportPreview>;

/** One import as the log records it (the status report lists the latest ones). */
export const ImportLogRow = z.object({
  id: z.number().int(),
  entity: z.string(),
  source: z.string(),
  fileName: z.string(),
  finishedAt: z.string(),
  outcome: ImportOutcome,
  totalRows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
});

export const ImportLogEntry = ImportLogRow.extend({ errorsUrl: z.string().nullable() }).meta({
  id: 'ImportLogEntry',
});

export const ImportList = z.object({ imports: z.array(ImportLogEntry) });

export const ImportIdParams = z.object({ id: IdText });

export const RejectionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const RejectionPage = z
  .object({
    importId: z.number().int(),
    total: z.number().int(),
    headers: z.array(z.string()).meta({ description: "the file's own columns" }),
    rows: z.array(
      z.object({
        rowNumber: z.number().int(),
        code: z.string(),
        column: z.string(),
        message: z.string(),
        original: z.array(z.string().nullable()),
      }),
    ),
  })
  .meta({ id: 'RejectionPage' });
export type RejectionPage = z.infer<typeof RejectionPage>;
