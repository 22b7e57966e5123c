import { z } from 'zod';
import { RunSummary } from './runs.ts';

/**
 * Every scored account of a run as one point of the value × need matrix, in columns (arrays of
 * equal length, one entry per account) so 100,000 accounts stay a few megabytes.
 */
export const MatrixPoints = z
  .object({
    run: RunSummary,
    tiers: z.array(z.string()).meta({ description: 'the tier names `tier` indexes into' }),
    ids: z.array(z.number().int()),
    names: z.array(z.string()),
    value: z.array(z.number().nullable()),
    need: z.array(z.number().nullable()),
    behavior: z.array(z.number().nullable()),
    tier: z.array(z.number().int()).meta({ description: 'index into `tiers` (override included)' }),
    highValue: z.array(z.boolean()),
  })
  .meta({ id: 'MatrixPoints' });
export type MatrixPoints = z.infer<typeof MatrixPoints>;

/** The values the accounts table can filter on. */
export const AccountFacets = z
  .object({
    owners: z.array(z.string()),
    industries: z.array(z.string()),
  })
  .meta({ id: 'AccountFacets' });
export type AccountFacets = z.infer<typeof AccountFacets>;
