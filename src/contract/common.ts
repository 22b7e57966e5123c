import { z } from 'zod';

/*
 * Shapes shared by the HTTP API and its clients. This folder imports zod only, so the web app
 * can use it as is; the value lists below mirror the domain's (a server test keeps them equal).
 */

export const TIER_VALUES = ['1a', '1b', '2-value', '2-need', '3'] as const;
export const CATEGORY_VALUES = ['strategic', 'core', 'beachhead', 'greenfield'] as const;
export const STAGE_VALUES = ['introduction', 'growth', 'maturity', 'decline'] as const;
export const PRESET_VALUES = ['native', 'salesforce', 'hubspot'] as const;
export const EXPORT_FORMAT_VALUES = ['salesforce', 'hubspot', 'csv', 'parquet'] as const;
export const ENTITY_VALUES = [
  'rep',
  'product_family',
  'account',
  'contact',
  'deal',
  'contract',
  'invoice',
  'ticket',
  'activity',
  'assessment_answer',
  'competitor_sighting',
  'feature_request',
  'signal',
] as const;

export const Tier = z.enum(TIER_VALUES);
export const Category = z.enum(CATEGORY_VALUES);

/** A calendar day, YYYY-MM-DD. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .meta({ example: '2026-10-31' });

/** A positive integer given as text (path and query parameters). */
export const IdText = z.coerce.number().int().positive();

/** `true` or `false` given as text (query parameters, form fields). */
export const BooleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `true` or `false` given as text, `false` when absent. */
export const FlagText = z
  .enum(['true', 'false'])
  .default('false')
  .transform((v) => v === 'true');

/** A comma-separated list of values, e.g. `1a,1b`. */
export function commaList<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)));
}

/** The query parameter that picks a scoring run (default: the latest). */
export const RunQuery = z.object({
  run: IdText.optional().meta({ description: 'a scoring run id (default: the latest run)' }),
});

/** Every error the API answers: a code from a closed list, a message for people, details for machines. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.enum([
        'USAGE',
        'NOT_FOUND',
        'INVALID_INPUT',
        'INVALID_FILE',
        'ENCODING',
        'IMPORT_REJECTED',
        'CONFLICT',
        'TOO_LARGE',
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'RATE_LIMITED',
        'STORE',
        'NOT_CONVERGED',
        'INTERNAL',
      ]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

/** One problem with a request: where (the field's path) and what. */
export const Issue = z
  .object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })
  .meta({ id: 'Issue' });
export type Issue = z.infer<typeof Issue>;
