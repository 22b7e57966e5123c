import { z } from 'zod';
import { IdText, IsoDate, STAGE_VALUES } from './common.ts';

/** A stored scoring run, without its model document. */
export const RunSummary = z
  .object({
    id: z.number().int(),
    createdAt: z.string(),
    asOf: z.string(),
    stage: z.string().nullable(),
    productLine: z.string().nullable(),
    modelName: z.string(),
    modelHash: z.string(),
    thresholds: z.object({ value: z.number(), need: z.number(), behavior: z.number() }),
    averageDeal: z.number().nullable(),
    accounts: z.number().int(),
  })
  .meta({ id: 'RunSummary' });
export type RunSummary = z.infer<typeof RunSummary>;

export const RunList = z.object({ runs: z.array(RunSummary) });

/** A run with the criteria it used (effective weights) and the exact model document. */
export const RunDetail = RunSummary.extend({
  criteria: z.array(
    z.object({
      id: z.string(),
      dimension: z.string(),
      source: z.enum(['feature', 'question']),
      weight: z.number(),
    }),
  ),
  modelDocument: z.string(),
}).meta({ id: 'RunDetail' });

export const RunParams = z.object({ id: IdText });

export const ScoreRequest = z
  .object({
    asOf: IsoDate.optional().meta({
      description: 'score with data dated on or before this day (default: the newest dated record)',
    }),
    stage: z.enum(STAGE_VALUES).optional(),
    productLine: z.string().min(1).optional(),
    model: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'a model document, YAML or JSON text (default: the built-in model)' }),
    replay: z.number().int().positive().optional().meta({
      description: 'score again exactly as this run did (its model, as-of, stage and product line)',
    }),
  })
  .strict();

/** The run just stored, with its tier counts and how many accounts changed tier. */
export const ScoreResult = RunSummary.extend({
  tierCounts: z.record(z.string(), z.number().int()),
  tierChanges: z.number().int(),
}).meta({ id: 'ScoreResult' });

export const MigrationQuery = z.object({
  from: IdText.optional().meta({
    description:
      'the earlier run (default: the scoring run before `to` with the same stage and product line)',
  }),
  to: IdText.optional().meta({ description: 'the later run (default: the latest)' }),
  limit: z.coerce.number().int().min(0).max(5000).default(200).meta({
    description: 'how many moved accounts to list (the biggest moves up first)',
  }),
});

/** How accounts moved between the computed tiers of two runs, and why. */
export const TierMigration = z
  .object({
    from: RunSummary,
    to: RunSummary,
    flows: z
      .array(z.object({ from: z.string(), to: z.string(), accounts: z.number().int() }))
      .meta({ description: 'accounts per (tier in `from`, tier in `to`), staying ones included' }),
    totalMoved: z.number().int(),
    moved: z.array(
      z.object({
        accountId: z.number().int(),
        externalId: z.string(),
        name: z.string(),
        from: z.string(),
        to: z.string(),
        value: z.number().nullable(),
        need: z.number().nullable(),
        behavior: z.number().nullable(),
        why: z
          .array(
            z.object({
              criterion: z.string(),
              dimension: z.string(),
              before: z.number().nullable(),
              after: z.number().nullable(),
            }),
          )
          .meta({
            description:
              'the criteria whose contribution moved most (points of the dimension score)',
          }),
      }),
    ),
  })
  .meta({ id: 'TierMigration' });
export type TierMigration = z.infer<typeof TierMigration>;
