import { z } from 'zod';

export const ModelResponse = z.object({
  version: z
    .number()
    .int()
    .nullable()
    .meta({ description: 'the saved version in force; null: the built-in default model' }),
  savedAt: z.string().nullable(),
  savedBy: z.string().nullable(),
  name: z.string(),
  hash: z.string(),
  yaml: z.string().meta({ description: 'the model document in force, with comments' }),
  model: z.record(z.string(), z.unknown()).meta({ description: 'the same model, parsed' }),
});

export const ValidateModelRequest = z.object({
  document: z.string().meta({ description: 'a model document, YAML or JSON text' }),
});

export const ModelProblem = z.object({
  path: z.string().meta({ example: 'dimensions.need.criteria.2.weight' }),
  message: z.string(),
});

export const ValidateModelResponse = z.object({
  valid: z.boolean(),
  hash: z.string().nullable(),
  problems: z.array(ModelProblem),
});

export const SaveModelRequest = z.object({
  document: z.string().meta({ description: 'a model document, YAML or JSON text' }),
  by: z.string().trim().min(1, 'name who saves the model'),
});

export const ModelVersion = z
  .object({
    version: z.number().int(),
    name: z.string(),
    hash: z.string(),
    savedAt: z.string(),
    savedBy: z.string(),
  })
  .meta({ id: 'ModelVersion' });

export const ModelVersionList = z.object({ versions: z.array(ModelVersion) });

export const PreviewModelRequest = z.object({
  document: z.string().meta({ description: 'a model document, YAML or JSON text' }),
});

/** How the edited model would tier the accounts of the latest run (same as-of day), before saving. */
export const ModelPreview = z
  .object({
    baseRunId: z.number().int(),
    asOf: z.string(),
    accounts: z.number().int(),
    changed: z.number().int().meta({ description: 'accounts whose computed tier would change' }),
    before: z.record(z.string(), z.number().int()),
    after: z.record(z.string(), z.number().int()),
    moves: z.array(z.object({ from: z.string(), to: z.string(), accounts: z.number().int() })),
  })
  .meta({ id: 'ModelPreview' });
export type ModelPreview = z.infer<typeof ModelPreview>;

export const ModelBacktestRequest = z.object({
  document: z.string().meta({ description: 'the edited model document, YAML or JSON text' }),
  cutoff: z
    .string()
    .regex(/^(\d{4}-\d{2}-\d{2}|-\d+m)$/, 'expected YYYY-MM-DD or -12m')
    .default('-12m')
    .meta({
      description: 'score with data up to this day (or months back from the newest record)',
    }),
});

const Share = z.number().nullable().meta({
  description:
    "a selection's growth in the horizon over the whole book's net growth (below 0 when it shrank, above 1 when the rest did); null when the book did not grow",
});

/** What a backtest measured for one model at one cutoff. */
const BacktestFigures = z.object({
  modelName: z.string(),
  modelHash: z.string(),
  tier1Accounts: z.number().int(),
  tier1: Share,
  tier1a: Share,
  tier1b: Share,
  valueOnly: Share,
  random: z.object({ expected: Share, low: Share, high: Share }),
  advantageOverValueOnly: z.number().nullable(),
  gains: z
    .object({ tier1: z.number().nullable(), valueOnly: z.number().nullable() })
    .meta({ description: "increases only: shares of the sum of all accounts' increases" }),
  growth: z
    .object({
      book: z.number().nullable(),
      tier1: z.number().nullable(),
      valueOnly: z.number().nullable(),
    })
    .meta({
      description: 'net growth in money: the whole book, Tier 1, the value-only stack-rank',
    }),
  precision: z.number().nullable(),
  recall: z.number().nullable(),
});

/** The edited model and the saved one backtested at one cutoff, side by side. */
export const ModelBacktest = z
  .object({
    cutoff: z.string(),
    horizonEnd: z.string(),
    complete: z.boolean().meta({ description: 'false when the data ends before the horizon does' }),
    models: z.array(BacktestFigures.extend({ label: z.enum(['saved', 'edited']) })),
  })
  .meta({ id: 'ModelBacktest' });
export type ModelBacktest = z.infer<typeof ModelBacktest>;

export const BacktestListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Stored backtests, newest first (`hotspot backtest --list`). */
export const BacktestList = z
  .object({
    backtests: z.array(
      BacktestFigures.extend({
        id: z.number().int(),
        createdAt: z.string(),
        runId: z.number().int(),
        cutoff: z.string(),
        horizonMonths: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'BacktestList' });
export type BacktestList = z.infer<typeof BacktestList>;
