import { z } from 'zod';
import { IsoDate } from './common.ts';
import { RunSummary } from './runs.ts';
import { ScoredAccount } from './accounts.ts';

const Bucket = { accounts: z.number().int(), revenue: z.number(), potential: z.number() };

export const PortfolioReport = z
  .object({
    run: RunSummary,
    tiers: z.array(z.object({ tier: z.string(), ...Bucket })),
    categories: z.array(z.object({ category: z.string(), ...Bucket })),
    highValue: z.array(ScoredAccount),
    averageDealByQuarter: z.array(
      z.object({ quarter: z.string(), deals: z.number().int(), average: z.number() }),
    ),
  })
  .meta({ id: 'PortfolioReport' });

export const LIFECYCLE_REPORTS = ['pilots', 'renewals', 'churn', 'retention'] as const;

export const LifecycleParams = z.object({ report: z.enum(LIFECYCLE_REPORTS) });
export type LifecycleParams = z.infer<typeof LifecycleParams>;

export const LifecycleQuery = z.object({
  asOf: IsoDate.optional().meta({
    description: "report as of this day (default: the workspace's newest dated record)",
  }),
  window: z.coerce.number().int().min(0).optional().meta({
    description:
      'pilots: days after a pilot ends within which a term contract converts it (default 90)',
  }),
  months: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: 'renewals: months ahead (default 12)' }),
  by: z
    .enum(['year', 'quarter'])
    .optional()
    .meta({ description: 'retention: cohort period (default year)' }),
});
export type LifecycleQuery = z.infer<typeof LifecycleQuery>;

/** The lifecycle reports' shapes are those of `hotspot lifecycle ... --json`. */
export const LifecycleReport = z
  .looseObject({ asOf: z.string() })
  .meta({ id: 'LifecycleReport', description: 'as `hotspot lifecycle REPORT --json` prints it' });
