import { z } from 'zod';
import { FlagText, ENTITY_VALUES, PRESET_VALUES } from './common.ts';

export const ImportParams = z.object({ entity: z.enum(ENTITY_VALUES) });

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
});

export const ImportSummary = z
  .object({
    entity: z.string(),
    file: z.string(),
    source: z.string(),
    preset: z.string(),
    format: z.enum(['csv', 'parquet', 'json']),
    dryRun: z.boolean(),
    outcome: z.enum(['imported', 'imported_with_rejections', 'rejected_strict', 'failed']),
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
