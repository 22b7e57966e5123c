import { createSeededRandom } from '../models/seeded-random.ts';
import { TIERS, type Tier } from '../scoring/assign-tiers.ts';
import { BacktestInputError } from './backtest-input-error.ts';

/** One row per account of the population scored at the cutoff (parallel arrays, same length). */
export type BacktestOutcomes = {
  accountId: readonly number[];
  /** The account's tier at the cutoff. */
  tier: readonly Tier[];
  /** Revenue in the 12 months up to and including the cutoff, money. */
  revenueBefore: readonly number[];
  /** Revenue in (cutoff, cutoff + horizon], money. */
  revenueHorizon: readonly number[];
};

export type BacktestOptions = {
  /** Random selections drawn for the interval (default 1,000). */
  draws?: number;
  /** Seed of those draws (default 1), so a backtest is reproducible. */
  seed?: number;
  /** Share of accounts that make the "future top" sets (default 0.10). */
  topShare?: number;
};

/** A selection of accounts and the share of positive growth it holds. */
export type Capture = { accounts: number; share: number | null };

export type BacktestMetrics = {
  accounts: number;
  /** Sum of max(growth, 0) over all accounts, money. */
  positiveGrowth: number;
  tier1: Capture;
  tier1a: Capture;
  tier1b: Capture;
  /** The top N accounts by revenue before the cutoff, N = Tier 1 size. */
  valueOnly: Capture;
  /** Random selections of N accounts: expected share N / accounts and the 2.5%–97.5% range of the draws. */
  random: {
    expected: number | null;
    low: number | null;
    high: number | null;
    draws: number;
    seed: number;
  };
  /** Tier 1 share − value-only share (share points as a fraction: 0.05 = 5 points). */
  advantageOverValueOnly: number | null;
  liftOverValueOnly: number | null;
  liftOverRandom: number | null;
  /** Tier 1 against the future top `topShare` of accounts by growth (growth > 0 only). */
  topGrowth: { accounts: number; hits: number; precision: number | null; recall: number | null };
  /** Tier 3 accounts in the top `topShare` by horizon revenue that were not in it before the cutoff. */
  tier3BecameLarge: { tier3Accounts: number; becameLarge: number };
  /** Per tier: customers (revenue before the cutoff), churned (none in the horizon), rate. */
  churnByTier: Record<Tier, { customers: number; churned: number; rate: number | null }>;
};

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/**
 * Measures how well tiers set at a cutoff predicted the growth that followed (DESIGN section 7).
 * Growth per account = revenue in the horizon − revenue in the 12 months before the cutoff; a
 * selection "captures" the sum of its accounts' positive growth, as a share of the total positive
 * growth. Ties in every ranking are broken by input order. Throws BacktestInputError on arrays of
 * unequal length or an empty population.
 */
export function measureBacktest(
  outcomes: BacktestOutcomes,
  options: BacktestOptions = {},
): BacktestMetrics {
  const { accountId, tier, revenueBefore, revenueHorizon } = outcomes;
  const n = accountId.length;
  if (tier.length !== n || revenueBefore.length !== n || revenueHorizon.length !== n)
    throw new BacktestInputError(
      'measureBacktest',
      'accountId, tier, revenueBefore and revenueHorizon differ in length',
    );
  if (n === 0) throw new BacktestInputError('measureBacktest', 'no accounts to measure');
  const draws = options.draws ?? 1000;
  const seed = options.seed ?? 1;
  const topShare = options.topShare ?? 0.1;

  const gain = new Float64Array(n);
  const growth = new Float64Array(n);
  let positiveGrowth = 0;
  for (let i = 0; i < n; i++) {
    growth[i] = (revenueHorizon[i] as number) - (revenueBefore[i] as number);
    gain[i] = Math.max(0, growth[i] as number);
    positiveGrowth += gain[i] as number;
  }
  const capture = (members: readonly number[]): Capture => ({
    accounts: members.length,
    share: ratio(
      members.reduce((sum, i) => sum + (gain[i] as number), 0),
      positiveGrowth,
    ),
  });
  const indexes = Array.from({ length: n }, (_, i) => i);
  const inTier = (...tiers: Tier[]): number[] =>
    indexes.filter((i) => tiers.includes(tier[i] as Tier));
  const tier1 = inTier('1a', '1b');
  const size = tier1.length;
  const topBy = (key: ArrayLike<number>, k: number): number[] =>
    [...indexes].sort((a, b) => (key[b] as number) - (key[a] as number) || a - b).slice(0, k);

  const valueOnly = capture(topBy(revenueBefore, size));
  const tier1Capture = capture(tier1);
  const randomShares = drawRandomShares({ gain, size, draws, seed });
  const expected = ratio(size, n);

  // the epsilon keeps 0.3 × 10 (3.0000000000000004 in floating point) at 3
  const topCount = Math.ceil(topShare * n - 1e-9);
  const futureTop = new Set(topBy(growth, topCount).filter((i) => (growth[i] as number) > 0));
  const hits = tier1.filter((i) => futureTop.has(i)).length;

  const largeAfter = topBy(revenueHorizon, topCount).filter(
    (i) => (revenueHorizon[i] as number) > 0,
  );
  const largeBefore = new Set(
    topBy(revenueBefore, topCount).filter((i) => (revenueBefore[i] as number) > 0),
  );
  const tier3 = inTier('3');
  const becameLarge = largeAfter.filter((i) => tier[i] === '3' && !largeBefore.has(i)).length;

  const churnByTier = Object.fromEntries(
    TIERS.map((t) => {
      const customers = inTier(t).filter((i) => (revenueBefore[i] as number) > 0);
      const churned = customers.filter((i) => (revenueHorizon[i] as number) <= 0).length;
      return [t, { customers: customers.length, churned, rate: ratio(churned, customers.length) }];
    }),
  ) as BacktestMetrics['churnByTier'];

  return {
    accounts: n,
    positiveGrowth,
    tier1: tier1Capture,
    tier1a: capture(inTier('1a')),
    tier1b: capture(inTier('1b')),
    valueOnly,
    random: {
      expected,
      low: randomShares ? quantileOfSorted(randomShares, 0.025) : null,
      high: randomShares ? quantileOfSorted(randomShares, 0.975) : null,
      draws,
      seed,
    },
    advantageOverValueOnly:
      tier1Capture.share === null || valueOnly.share === null
        ? null
        : tier1Capture.share - valueOnly.share,
    liftOverValueOnly:
      tier1Capture.share === null || valueOnly.share === null
        ? null
        : ratio(tier1Capture.share, valueOnly.share),
    liftOverRandom:
      tier1Capture.share === null || expected === null ? null : ratio(tier1Capture.share, expected),
    topGrowth: {
      accounts: futureTop.size,
      hits,
      precision: ratio(hits, size),
      recall: ratio(hits, futureTop.size),
    },
    tier3BecameLarge: { tier3Accounts: tier3.length, becameLarge },
    churnByTier,
  };
}

/**
 * Shares of positive growth held by `draws` uniform random selections of `size` accounts
 * (partial Fisher–Yates over one permutation, seeded), sorted ascending; null when there is no
 * positive growth or no draw.
 */
function drawRandomShares(options: {
  gain: Float64Array;
  size: number;
  draws: number;
  seed: number;
}): Float64Array | null {
  const { gain, size, draws, seed } = options;
  const total = gain.reduce((sum, g) => sum + g, 0);
  if (total <= 0 || draws < 1) return null;
  const random = createSeededRandom(seed);
  const order = Int32Array.from({ length: gain.length }, (_, i) => i);
  const shares = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    let sum = 0;
    for (let k = 0; k < size; k++) {
      // a partial shuffle of an already shuffled permutation is still a uniform sample
      const j = k + Math.floor(random() * (order.length - k));
      const picked = order[j] as number;
      order[j] = order[k] as number;
      order[k] = picked;
      sum += gain[picked] as number;
    }
    shares[d] = sum / total;
  }
  return shares.sort();
}

/** Nearest-rank quantile of an ascending array (q in [0, 1]). */
function quantileOfSorted(sorted: Float64Array, q: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Mean and sample standard deviation (null below two values) of a series, e.g. advantages over cutoffs. */
export function summarizeSeries(values: readonly number[]): {
  count: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
} {
  const count = values.length;
  if (count === 0) return { count, mean: null, sd: null, min: null, max: null };
  const mean = values.reduce((s, v) => s + v, 0) / count;
  const sd =
    count < 2 ? null : Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (count - 1));
  return { count, mean, sd, min: Math.min(...values), max: Math.max(...values) };
}
