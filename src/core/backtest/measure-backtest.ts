import { createSeededRandom } from '../models/seeded-random.ts';
import { TIERS, type Tier } from '../scoring/assign-tiers.ts';
import { BacktestInputError } from './backtest-input-error.ts';

/** One row per account of the population scored at the cutoff (parallel arrays, same length). */
export type BacktestOutcomes = {
  accountId: readonly number[];
  /** The account's tier at the cutoff. */
  tier: readonly Tier[];
  /** Revenue in the period as long as the horizon up to and including the cutoff, money. */
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

/**
 * What a selection of accounts did in the horizon. Growth is net: a selection holding accounts
 * that shrank is charged for them (a revenue stack-rank holds the stagnant giants), so a share
 * is the selection's growth over the whole population's net growth (above 1 when the rest shrank).
 * `gainsShare` counts increases only, as a share of all increases: it credits every upswing
 * and ignores every decline.
 */
export type Capture = {
  accounts: number;
  /** Sum of the members' growth (horizon revenue − revenue before), money. */
  growth: number;
  /** growth / the population's net growth; null when the population did not grow. */
  share: number | null;
  /** The members' increases over the population's increases; null when nothing grew. */
  gainsShare: number | null;
};

export type BacktestMetrics = {
  accounts: number;
  /** Sum of growth over all accounts, money. */
  netGrowth: number;
  /** Sum of max(growth, 0) over all accounts, money. */
  positiveGrowth: number;
  tier1: Capture;
  tier1a: Capture;
  tier1b: Capture;
  /** The top N accounts by revenue before the cutoff, N = Tier 1 size. */
  valueOnly: Capture;
  /** Random selections of N accounts: expected share of net growth N / accounts and the 2.5%–97.5% range of the draws. */
  random: {
    expected: number | null;
    low: number | null;
    high: number | null;
    draws: number;
    seed: number;
  };
  /** Tier 1 share − value-only share of net growth (share points as a fraction: 0.05 = 5 points). */
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
 * Growth per account = revenue in the horizon − revenue in as long a period up to the cutoff; a
 * selection "captures" the sum of its accounts' growth, as a share of the population's net growth
 * (and, beside it, its increases as a share of all increases: see Capture). Ties in every ranking
 * are broken by input order. Throws BacktestInputError on arrays of
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

  const growth = new Float64Array(n);
  let netGrowth = 0;
  let positiveGrowth = 0;
  for (let i = 0; i < n; i++) {
    growth[i] = (revenueHorizon[i] as number) - (revenueBefore[i] as number);
    netGrowth += growth[i] as number;
    positiveGrowth += Math.max(0, growth[i] as number);
  }
  const capture = (members: readonly number[]): Capture => {
    let sum = 0;
    let gains = 0;
    for (const i of members) {
      sum += growth[i] as number;
      gains += Math.max(0, growth[i] as number);
    }
    return {
      accounts: members.length,
      growth: sum,
      share: ratio(sum, netGrowth),
      gainsShare: ratio(gains, positiveGrowth),
    };
  };
  const indexes = Array.from({ length: n }, (_, i) => i);
  const inTier = (...tiers: Tier[]): number[] =>
    indexes.filter((i) => tiers.includes(tier[i] as Tier));
  const tier1 = inTier('1a', '1b');
  const size = tier1.length;
  const topBy = (key: ArrayLike<number>, k: number): number[] =>
    [...indexes].sort((a, b) => (key[b] as number) - (key[a] as number) || a - b).slice(0, k);

  const valueOnly = capture(topBy(revenueBefore, size));
  const tier1Capture = capture(tier1);
  const randomShares = drawRandomShares({ growth, netGrowth, size, draws, seed });
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
    netGrowth,
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
 * Shares of net growth held by `draws` uniform random selections of `size` accounts (partial
 * Fisher–Yates over one permutation, seeded), sorted ascending; null when the population did not
 * grow or there is no draw.
 */
function drawRandomShares(options: {
  growth: Float64Array;
  netGrowth: number;
  size: number;
  draws: number;
  seed: number;
}): Float64Array | null {
  const { growth, netGrowth: total, size, draws, seed } = options;
  if (total <= 0 || draws < 1) return null;
  const random = createSeededRandom(seed);
  const order = Int32Array.from({ length: growth.length }, (_, i) => i);
  const shares = new Float64Array(draws);
  for (let d = 0; d < draws; d++) {
    let sum = 0;
    for (let k = 0; k < size; k++) {
      // a partial shuffle of an already shuffled permutation is still a uniform sample
      const j = k + Math.floor(random() * (order.length - k));
      const picked = order[j] as number;
      order[j] = order[k] as number;
      order[k] = picked;
      sum += growth[picked] as number;
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
