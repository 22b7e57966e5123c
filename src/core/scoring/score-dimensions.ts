import { weightFor } from './parse-model.ts';
import {
  DIMENSIONS,
  type Criterion,
  type Dimension,
  type Feature,
  type ScoringModel,
} from './scoring-model.ts';
import { transformValues } from './transforms.ts';

/** One criterion of a run: its raw and transformed values per account and its weight. */
export type CriterionColumn = {
  id: string;
  dimension: Dimension;
  source: 'feature' | 'question';
  raw: Float64Array;
  transformed: Float64Array;
  weight: number;
};

export type DimensionScores = {
  /** 0–100 per account (NaN when no criterion of the dimension had data). */
  score: Float64Array;
  /** Share (0–1) of the dimension's weight that had data, per account. */
  confidence: Float64Array;
  /** The weight that had data, per account: the denominator of each contribution. */
  presentWeight: Float64Array;
};

/**
 * Scores each dimension: the weighted mean of the transformed criteria that have data for the
 * account (weights renormalised over those), so a missing value is left out, never counted as 0.
 */
export function scoreDimensions(options: {
  model: ScoringModel;
  stage: string | null;
  features: Record<Feature, Float64Array>;
  /** question id → answer per account (NaN when unanswered). */
  answers: Record<string, Float64Array>;
  accounts: number;
}): { criteria: CriterionColumn[]; dimensions: Record<Dimension, DimensionScores> } {
  const { model, stage, features, answers, accounts } = options;
  const criteria: CriterionColumn[] = [];
  const dimensions = {} as Record<Dimension, DimensionScores>;
  for (const dimension of DIMENSIONS) {
    const columns = model.dimensions[dimension].criteria.map((criterion) =>
      criterionColumn({
        criterion,
        dimension,
        features,
        answers,
        accounts,
        weight: weightFor(model, {
          criterionId: criterion.id,
          baseWeight: criterion.weight,
          stage,
        }),
      }),
    );
    criteria.push(...columns);
    dimensions[dimension] = combine(columns, accounts);
  }
  return { criteria, dimensions };
}

function criterionColumn(input: {
  criterion: Criterion;
  dimension: Dimension;
  features: Record<Feature, Float64Array>;
  answers: Record<string, Float64Array>;
  accounts: number;
  weight: number;
}): CriterionColumn {
  const { criterion, accounts } = input;
  const raw = criterion.feature
    ? input.features[criterion.feature]
    : (input.answers[criterion.question ?? ''] ?? new Float64Array(accounts).fill(NaN));
  return {
    id: criterion.id,
    dimension: input.dimension,
    source: criterion.feature ? 'feature' : 'question',
    raw,
    transformed: transformValues(raw, criterion),
    weight: input.weight,
  };
}

function combine(columns: CriterionColumn[], accounts: number): DimensionScores {
  const score = new Float64Array(accounts);
  const confidence = new Float64Array(accounts);
  const presentWeight = new Float64Array(accounts);
  const total = columns.reduce((sum, c) => sum + c.weight, 0);
  for (let i = 0; i < accounts; i++) {
    let weighted = 0;
    let present = 0;
    for (const column of columns) {
      const t = column.transformed[i] as number;
      if (Number.isNaN(t) || column.weight === 0) continue;
      weighted += column.weight * t;
      present += column.weight;
    }
    score[i] = present > 0 ? weighted / present : NaN;
    confidence[i] = total > 0 ? present / total : 0;
    presentWeight[i] = present;
  }
  return { score, confidence, presentWeight };
}

/** A criterion's contribution to one account's dimension score (they add up to the score). */
export function contributionOf(
  criterion: CriterionColumn,
  options: { account: number; presentWeight: Float64Array },
): number | null {
  const t = criterion.transformed[options.account] as number;
  const present = options.presentWeight[options.account] as number;
  if (Number.isNaN(t) || criterion.weight === 0 || present === 0) return null;
  return (criterion.weight * t) / present;
}
