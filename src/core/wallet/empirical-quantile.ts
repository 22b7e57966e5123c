import { ModelInputError } from '../models/model-errors.ts';

/**
 * The q-quantile of values sorted ascending, by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7; R's default): position (n − 1) · q. Same unit as the values.
 * Throws when the list is empty or q is outside [0, 1].
 */
export function sortedQuantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new ModelInputError('sortedQuantile', 'no values');
  assertProbability('sortedQuantile', q);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  const a = sorted[lower] ?? 0;
  const b = sorted[upper] ?? 0;
  return a + (b - a) * (position - lower);
}

/** The q-quantile (definition 7) of unsorted values; copies, never reorders its input. */
export function empiricalQuantile(values: ArrayLike<number>, q: number): number {
  return sortedQuantile(Float64Array.from(values).sort(), q);
}

/**
 * Check (pinball) loss of Koenker & Bassett (1978): ρ_q(r) = r · (q − 1{r < 0}) for the residual
 * r = actual − estimate, in the unit of the values.
 */
export function pinballLoss(actual: number, estimate: number, q: number): number {
  const r = actual - estimate;
  return r >= 0 ? q * r : (q - 1) * r;
}

/** Mean check loss of estimates against actuals (unit of the values); throws on empty or unequal lengths. */
export function meanPinballLoss(
  actual: ArrayLike<number>,
  estimate: ArrayLike<number>,
  q: number,
): number {
  if (actual.length === 0 || actual.length !== estimate.length) {
    throw new ModelInputError(
      'meanPinballLoss',
      `needs equal, non-zero lengths (got ${actual.length} actuals, ${estimate.length} estimates)`,
    );
  }
  assertProbability('meanPinballLoss', q);
  let sum = 0;
  for (let i = 0; i < actual.length; i += 1)
    sum += pinballLoss(actual[i] ?? 0, estimate[i] ?? 0, q);
  return sum / actual.length;
}

/** Throws unless 0 ≤ q ≤ 1. */
export function assertProbability(fn: string, q: number): void {
  if (!(q >= 0 && q <= 1)) throw new ModelInputError(fn, `quantile must be in [0, 1] (got ${q})`);
}
