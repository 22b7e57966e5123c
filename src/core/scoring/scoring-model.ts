import { z } from 'zod';
import { QUESTION_IDS } from '../assessment.ts';
import { LIFECYCLE_STAGES } from '../entities.ts';

/** The features the engine computes per account as of a date (DESIGN section 2). */
export const FEATURES = [
  'revenue_ttm',
  'revenue_prev_12m',
  'growth_rate',
  'years_with_purchases_3y',
  'avg_won_deal',
  'max_won_deal',
  'won_deals',
  'sales_cycle_days',
  'potential_spend',
  'share_of_wallet',
  'share_of_wallet_gap',
  'product_families',
  'breadth',
  'whitespace',
  'growth_alignment',
  'margin_mix',
  'service_intensity',
  'high_severity_share',
  'payment_regularity',
  'days_to_pay_stddev',
  'senior_contacts_engaged',
  'days_since_last_purchase',
  'active_contracts',
  'competitor_sightings_12m',
  'upsell_hints_12m',
] as const;
export type Feature = (typeof FEATURES)[number];

export const DIMENSIONS = ['need', 'value', 'behavior'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const transformSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('percentile') }),
  z.strictObject({ kind: z.literal('log-percentile') }),
  z.strictObject({
    kind: z.literal('linear'),
    min: z.number(),
    max: z.number(),
  }),
  z.strictObject({
    kind: z.literal('bands'),
    /** Ascending lower bounds, each with the score (0–100) a value at or above it gets. */
    bands: z.array(z.strictObject({ from: z.number(), score: z.number().min(0).max(100) })).min(1),
  }),
]);

const criterionSchema = z
  .strictObject({
    id: z.string().min(1),
    feature: z.enum(FEATURES).optional(),
    question: z.enum(QUESTION_IDS).optional(),
    direction: z.enum(['higher', 'lower']).default('higher'),
    transform: transformSchema.default({ kind: 'percentile' }),
    weight: z.number().min(0),
  })
  .refine((c) => (c.feature === undefined) !== (c.question === undefined), {
    message: 'a criterion needs exactly one of feature or question',
  })
  .refine((c) => c.transform.kind !== 'linear' || c.transform.max > c.transform.min, {
    message: 'linear transform: max must be greater than min',
    path: ['transform'],
  });

const dimensionSchema = z
  .strictObject({ criteria: z.array(criterionSchema).min(1) })
  .refine((d) => d.criteria.some((c) => c.weight > 0), {
    message: 'the weights of a dimension sum to 0',
    path: ['criteria'],
  });

const stageSchema = z.enum(LIFECYCLE_STAGES);

const modelObjectSchema = z.strictObject({
  name: z.string().min(1),
  /** Criteria per dimension; each dimension scores 0–100. */
  dimensions: z.strictObject({
    need: dimensionSchema,
    value: dimensionSchema,
    behavior: dimensionSchema,
  }),
  /** Weight presets per product life-cycle stage: criterion id → weight, replacing the default. */
  stages: z.partialRecord(stageSchema, z.record(z.string(), z.number().min(0))).default({}),
  tiers: z
    .strictObject({
      /** Share of scored accounts in Tier 1 when no fixed thresholds are given. */
      tier1Share: z.number().gt(0).lt(1).default(0.1),
      /** Fixed thresholds (0–100) instead of a target share. */
      thresholds: z
        .strictObject({ value: z.number().min(0).max(100), need: z.number().min(0).max(100) })
        .optional(),
      /** Behavior at or above this makes a Tier 1 account 1a, below it 1b. */
      behaviorThreshold: z.number().min(0).max(100).default(50),
      /** Points a score must cross a threshold by before an account changes tier. */
      hysteresis: z.number().min(0).max(50).default(3),
    })
    .default({ tier1Share: 0.1, behaviorThreshold: 50, hysteresis: 3 }),
  highValue: z
    .strictObject({
      /** High-value when potential spend ≥ multiple × the trailing 12-month average won deal. */
      multiple: z.number().positive().default(10),
    })
    .default({ multiple: 10 }),
  categories: z
    .strictObject({
      greenfieldMonths: z.number().int().positive().default(36),
      strategicShareOfWallet: z.number().gt(0).max(1).default(0.5),
      /** "Large spend": at least this percentile of customers' annual spend, in each of the last 3 years. */
      strategicSpendPercentile: z.number().gt(0).lt(1).default(0.75),
      coreMinBreadth: z.number().int().min(1).default(2),
      coreMinYears: z.number().int().min(1).max(3).default(2),
    })
    .default({
      greenfieldMonths: 36,
      strategicShareOfWallet: 0.5,
      strategicSpendPercentile: 0.75,
      coreMinBreadth: 2,
      coreMinYears: 2,
    }),
  wallet: z
    .strictObject({
      quantile: z.number().gt(0).lt(1).default(0.8),
      /** Weight of the reps' "total opportunity" answer when blended with the peer estimate. */
      repWeight: z.number().min(0).max(1).default(0.5),
      /**
       * Weight of the transaction models' expected 12-month spend (BG/NBD x Gamma-Gamma) in the
       * peer estimate: for repeat-purchase businesses; 0 leaves them out.
       */
      transactionWeight: z.number().min(0).max(1).default(0),
      /** The assessment question that holds the reps' total-opportunity estimate. */
      question: z.enum(QUESTION_IDS).default('total_opportunity'),
    })
    .default({
      quantile: 0.8,
      repWeight: 0.5,
      transactionWeight: 0,
      question: 'total_opportunity',
    }),
});

/** A model document: criteria, stage presets and rules, with every cross-reference checked. */
export const scoringModelSchema = modelObjectSchema.superRefine((model, context) => {
  const ids = new Set<string>();
  for (const dimension of DIMENSIONS) {
    model.dimensions[dimension].criteria.forEach((criterion, index) => {
      if (ids.has(criterion.id)) {
        context.addIssue({
          code: 'custom',
          message: `criterion id "${criterion.id}" is used twice`,
          path: ['dimensions', dimension, 'criteria', index, 'id'],
        });
      }
      ids.add(criterion.id);
    });
  }
  for (const [stage, weights] of Object.entries(model.stages)) {
    for (const id of Object.keys(weights ?? {})) {
      if (!ids.has(id)) {
        context.addIssue({
          code: 'custom',
          message: `no criterion has id "${id}"`,
          path: ['stages', stage, id],
        });
      }
    }
  }
});

export type ScoringModel = z.infer<typeof modelObjectSchema>;
export type Criterion = ScoringModel['dimensions']['need']['criteria'][number];
export type Transform = Criterion['transform'];
export type LifecycleStageName = z.infer<typeof stageSchema>;
