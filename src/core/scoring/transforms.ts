import type { Criterion, Transform } from './scoring-model.ts';

/**
 * Maps raw values (NaN = no data) to 0–100 scores, population-relative where the transform
 * says so. `lower` direction mirrors the score (100 − s). Missing values stay NaN.
 */
export function transformValues(
  values: Float64Array,
  criterion: Pick<Criterion, 'transform' | 'direction'>,
): Float64Array {
  const scores = transformHigherIsBetter(values, criterion.transform);
  if (criterion.direction === 'lower') {
    for (let i = 0; i < scores.length; i++) scores[i] = 100 - (scores[i] as number);
  }
  return scores;
}

function transformHigherIsBetter(values: Float64Array, transform: Transform): Float64Array {
  switch (transform.kind) {
    case 'percentile':
      return percentileRanks(values);
    case 'log-percentile':
      return logPosition(values);
    case 'linear':
      return values.map((x) =>
        clamp(((x - transform.min) / (transform.max - transform.min)) * 100),
      );
    case 'bands': {
      const bands = [...transform.bands].sort((a, b) => a.from - b.from);
      return values.map((x) => {
        if (Number.isNaN(x)) return NaN;
        let score = 0;
        for (const band of bands) if (x >= band.from) score = band.score;
        return score;
      });
    }
  }
}

/** Percentile rank (mid-rank for ties): share of the population below, plus half of the equal ones, × 100. */
export function percentileRanks(values: Float64Array): Float64Array {
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) present.push(i);
  const order = Int32Array.from(present).sort(
    (a, b) => (values[a] as number) - (values[b] as number),
  );
  const out = new Float64Array(values.length).fill(NaN);
  const n = order.length;
  let start = 0;
  while (start < n) {
    let end = start;
    const v = values[order[start] as number] as number;
    while (end + 1 < n && values[order[end + 1] as number] === v) end++;
    const rank = n === 1 ? 50 : ((start + (end - start + 1) / 2) / n) * 100;
    for (let k = start; k <= end; k++) out[order[k] as number] = rank;
    start = end + 1;
  }
  return out;
}

/**
 * Position of log(1 + x) between the population's 1st and 99th percentile of log(1 + x), × 100:
 * orders of magnitude count, not ranks ("log-percentile").
 */
function logPosition(values: Float64Array): Float64Array {
  const logs = values.map((x) => (Number.isNaN(x) ? NaN : Math.log1p(Math.max(0, x))));
  const sorted = logs.filter((x) => !Number.isNaN(x)).sort();
  if (sorted.length === 0) return logs;
  const low = quantileSorted(sorted, 0.01);
  const high = quantileSorted(sorted, 0.99);
  if (high <= low) return logs.map((x) => (Number.isNaN(x) ? NaN : 50));
  return logs.map((x) => clamp(((x - low) / (high - low)) * 100));
}

/** The q-quantile of ascending values (linear interpolation between order statistics). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error('quantileSorted: empty input');
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  return a + (b - a) * (position - lower);
}

function clamp(score: number): number {
  if (Number.isNaN(score)) return NaN;
  return Math.min(100, Math.max(0, score));
}
