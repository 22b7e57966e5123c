import type { AccountFacts } from './account-facts.ts';
import { assignCategories, type CategoryResult } from './assign-categories.ts';
import {
  assignTier,
  chooseThresholds,
  type PreviousStanding,
  type Thresholds,
  type Tier,
} from './assign-tiers.ts';
import { deriveFeatures, type Potential } from './derive-features.ts';
import { scoreDimensions, type CriterionColumn, type DimensionScores } from './score-dimensions.ts';
import type { Dimension, ScoringModel } from './scoring-model.ts';

export type Answer = { accountId: number; questionId: string; answer: number };

export type ScoreInput = {
  facts: AccountFacts;
  answers: readonly Answer[];
  potential: Potential;
  model: ScoringModel;
  /** The product life-cycle stage whose weight preset applies, or null for the base weights. */
  stage: string | null;
  asOf: string;
  /** Trailing 12-month average won deal (money), the high-value baseline; null when none was won. */
  averageDeal: number | null;
  /** Tiers of the previous run of the same scope, by account id, for hysteresis. */
  previous: ReadonlyMap<number, PreviousStanding>;
};

export type ScoredAccounts = {
  accountId: number[];
  dimensions: Record<Dimension, DimensionScores>;
  criteria: CriterionColumn[];
  thresholds: Thresholds;
  tier: Tier[];
  highValue: boolean[];
  categories: CategoryResult[];
  potential: Potential;
  revenueTtm: number[];
};

/**
 * Scores every account of a run (DESIGN sections 2–4): need, value and behavior 0–100 with
 * confidence and explanation, tier with hysteresis, high-value flag and relationship category.
 */
export function scoreAccounts(input: ScoreInput): ScoredAccounts {
  const { facts, model, potential } = input;
  const n = facts.accountId.length;
  const features = deriveFeatures(facts, potential);
  const answers = pivotAnswers(input.answers, facts.accountId);
  const { criteria, dimensions } = scoreDimensions({
    model,
    stage: input.stage,
    features,
    answers,
    accounts: n,
  });
  const thresholds = chooseThresholds({
    model,
    value: dimensions.value.score,
    need: dimensions.need.score,
  });
  const tier: Tier[] = new Array<Tier>(n);
  const highValue: boolean[] = new Array<boolean>(n);
  const bar = input.averageDeal === null ? Infinity : model.highValue.multiple * input.averageDeal;
  for (let i = 0; i < n; i++) {
    const previous = input.previous.get(facts.accountId[i] as number);
    tier[i] = assignTier({
      scores: {
        value: dimensions.value.score[i] as number,
        need: dimensions.need.score[i] as number,
        behavior: dimensions.behavior.score[i] as number,
      },
      thresholds,
      margin: model.tiers.hysteresis,
      ...(previous ? { previous } : {}),
    });
    highValue[i] = (potential.potentialSpend[i] as number) >= bar;
  }
  const categories = assignCategories({
    facts,
    shareOfWallet: potential.shareOfWallet,
    model,
    asOf: input.asOf,
  });
  return {
    accountId: facts.accountId,
    dimensions,
    criteria,
    thresholds,
    tier,
    highValue,
    categories,
    potential,
    revenueTtm: facts.revenueTtm,
  };
}

/** question id → answer per account position (NaN when the account has no answer). */
export function pivotAnswers(
  answers: readonly Answer[],
  accountIds: readonly number[],
): Record<string, Float64Array> {
  const position = new Map<number, number>();
  accountIds.forEach((id, i) => position.set(id, i));
  const out: Record<string, Float64Array> = {};
  for (const { accountId, questionId, answer } of answers) {
    const i = position.get(accountId);
    if (i === undefined) continue;
    out[questionId] ??= new Float64Array(accountIds.length).fill(NaN);
    out[questionId][i] = answer;
  }
  return out;
}
