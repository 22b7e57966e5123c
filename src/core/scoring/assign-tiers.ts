import type { ScoringModel } from './scoring-model.ts';

export const TIERS = ['1a', '1b', '2-value', '2-need', '3'] as const;
export type Tier = (typeof TIERS)[number];

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

export type Thresholds = { value: number; need: number; behavior: number };

/** An account's standing in the previous run of the same model scope, for stable tiers. */
export type PreviousStanding = { tier: Tier };

const highValueTiers: readonly Tier[] = ['1a', '1b', '2-value'];
const highNeedTiers: readonly Tier[] = ['1a', '1b', '2-need'];

/**
 * The value and need thresholds of a run: fixed ones from the model, or the score t such that
 * about `tier1Share` of the scored accounts have both value and need at or above t (the
 * (share × n)-th largest of min(value, need)).
 */
export function chooseThresholds(options: {
  model: ScoringModel;
  value: Float64Array;
  need: Float64Array;
}): Thresholds {
  const { model, value, need } = options;
  const behavior = model.tiers.behaviorThreshold;
  if (model.tiers.thresholds) return { ...model.tiers.thresholds, behavior };
  const both: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const v = value[i] as number;
    const n = need[i] as number;
    if (!Number.isNaN(v) && !Number.isNaN(n)) both.push(Math.min(v, n));
  }
  if (both.length === 0) return { value: 100, need: 100, behavior };
  both.sort((a, b) => b - a);
  const k = Math.max(1, Math.round(model.tiers.tier1Share * both.length));
  const t = both[Math.min(k, both.length) - 1] as number;
  return { value: t, need: t, behavior };
}

/**
 * Tier of one account (DESIGN section 3): Tier 1 is high value and high need (1a when behavior
 * is at or above its threshold, else 1b), Tier 2 high on exactly one, Tier 3 neither. With a
 * previous tier, a side changes only when the score crosses its threshold by more than the
 * hysteresis margin, so small moves do not flip accounts.
 */
export function assignTier(options: {
  scores: { value: number; need: number; behavior: number };
  thresholds: Thresholds;
  margin: number;
  previous?: PreviousStanding;
}): Tier {
  const { scores, thresholds, margin, previous } = options;
  const high = (score: number, threshold: number, wasHigh: boolean | undefined): boolean => {
    if (Number.isNaN(score)) return false;
    if (wasHigh === undefined) return score >= threshold;
    return wasHigh ? score >= threshold - margin : score >= threshold + margin;
  };
  const wasHighValue = previous ? highValueTiers.includes(previous.tier) : undefined;
  const wasHighNeed = previous ? highNeedTiers.includes(previous.tier) : undefined;
  const wasGoodBehavior = previous
    ? previous.tier === '1a' || (previous.tier !== '1b' ? undefined : false)
    : undefined;
  const value = high(scores.value, thresholds.value, wasHighValue);
  const need = high(scores.need, thresholds.need, wasHighNeed);
  if (value && need) {
    return high(scores.behavior, thresholds.behavior, wasGoodBehavior) ? '1a' : '1b';
  }
  if (value) return '2-value';
  if (need) return '2-need';
  return '3';
}
