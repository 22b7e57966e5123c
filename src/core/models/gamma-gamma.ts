import gammaln from '@stdlib/math-base-special-gammaln';
import {
  bgNbdConditionalExpectedPurchases,
  type BgNbdParams,
  type RepeatPurchaseHistory,
} from './bgnbd.ts';
import { maximizeLikelihood, type StartOutcome } from './maximize-likelihood.ts';
import { ModelInputError } from './model-errors.ts';

/**
 * Gamma-Gamma parameters: a transaction's value ~ Gamma(p, rate ν), the customer's
 * ν ~ Gamma(q, rate γ); the population mean spend per transaction is γp / (q − 1).
 */
export type GammaGammaParams = { p: number; q: number; gamma: number };

/** A repeat buyer's monetary summary: x repeat transactions with mean value zbar (money). */
export type SpendHistory = { x: number; zbar: number };

/** Column-wise monetary data; customers with x = 0 are ignored, `weights` count identical rows. */
export type GammaGammaData = {
  x: ArrayLike<number>;
  zbar: ArrayLike<number>;
  weights?: ArrayLike<number>;
};

export type GammaGammaFit = GammaGammaParams & {
  logLikelihood: number;
  standardErrors: { p: number | null; q: number | null; gamma: number | null };
  converged: boolean;
  message: string;
  atBoundary: string[];
  starts: StartOutcome[];
};

/** Checks that decide whether the Gamma-Gamma spend model can be trusted on these data. */
export type GammaGammaDiagnostics = {
  /** Repeat buyers used (sum of weights), and those skipped because zbar ≤ 0. */
  customers: number;
  skippedNonPositive: number;
  /** Pearson correlation of x and zbar; the model assumes spend is independent of frequency. */
  frequencySpendCorrelation: number;
  /** Mean of zbar over repeat buyers (money). */
  meanSpend: number;
  /** Mean of zbar with the lowest and highest 10 % of customers removed (money). */
  trimmedMeanSpend: number;
  /** γp/(q−1) at the fitted parameters (money); Infinity when q ≤ 1. */
  impliedMeanSpend: number;
};

/**
 * The stated alternative when Gamma-Gamma is not usable: empirical-Bayes (credibility)
 * shrinkage of each customer's own mean towards a trimmed population mean,
 * E[spend | x, zbar] = (k · populationMean + x · zbar) / (k + x).
 */
export type ShrunkMeanSpend = {
  method: 'shrunk-mean';
  description: string;
  /** Trimmed mean of zbar (money). */
  populationMean: number;
  /** k: the weight of the population mean, in transactions (Bühlmann's k = within-customer / between-customer variance). */
  shrinkage: number;
};

export type GammaGammaOutcome =
  | { ok: true; fit: GammaGammaFit; diagnostics: GammaGammaDiagnostics }
  | {
      ok: false;
      reason: string;
      fit: GammaGammaFit;
      fallback: ShrunkMeanSpend;
      diagnostics: GammaGammaDiagnostics;
    };

/** Options of {@link fitGammaGamma}; each field documents its default. */
export type FitGammaGammaOptions = {
  /** Reject the model when |corr(x, zbar)| exceeds this (default 0.3). */
  maxCorrelation?: number;
  /** Reject the model when q is below this: near 1 the implied mean spend explodes (default 1.5). */
  minQ?: number;
  /** Reject when the implied mean spend is outside [1/f, f] × the trimmed mean (default f = 3). */
  maxMeanRatio?: number;
};

/**
 * Per-customer Gamma-Gamma log-density of the mean transaction value zbar given x
 * transactions (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves", JMR
 * 42(4), and Fader & Hardie's note "The Gamma-Gamma model of monetary value").
 */
export function gammaGammaCustomerLogLikelihood(
  params: GammaGammaParams,
  customer: SpendHistory,
): number {
  const { p, q, gamma } = params;
  const { x, zbar } = customer;
  const px = p * x;
  return (
    gammaln(px + q) -
    gammaln(px) -
    gammaln(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(zbar) +
    px * Math.log(x) -
    (px + q) * Math.log(gamma + x * zbar)
  );
}

type CompiledSpend = {
  xValues: Float64Array;
  rowX: Uint32Array;
  lnZbar: Float64Array;
  xZbar: Float64Array;
  weight: Float64Array;
  customers: number;
  skippedNonPositive: number;
  x: Float64Array;
  zbar: Float64Array;
};

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on repeat buyers' (x, zbar)
 * (Fader, Hardie & Lee 2005, JMR 42(4)), then checks it: ok only when the fit converged,
 * q ≥ minQ (q ≤ 1 means infinite mean spend), |corr(x, zbar)| ≤ maxCorrelation and the
 * implied mean spend is near the trimmed observed mean. Otherwise returns
 * `{ ok: false, reason, fallback }` with a shrunk-mean estimator. Throws ModelInputError on
 * malformed data or fewer than 3 usable repeat buyers.
 */
export function fitGammaGamma(
  data: GammaGammaData,
  options: FitGammaGammaOptions = {},
): GammaGammaOutcome {
  const maxCorrelation = options.maxCorrelation ?? 0.3;
  const minQ = options.minQ ?? 1.5;
  const maxMeanRatio = options.maxMeanRatio ?? 3;
  const spend = compileSpend(data);
  const stats = describeSpend(spend);
  const fallback = shrinkageFallback(spend, stats.trimmedMeanSpend);

  const startP = 2;
  // moment-style start: E[zbar] = γp/(q−1) with q = 3
  const starts: number[][] = [
    [1, 1, 1],
    [startP, 3, Math.max((stats.meanSpend * 2) / startP, 1e-3)],
    [10, 5, Math.max((stats.trimmedMeanSpend * 4) / 10, 1e-3)],
  ];
  const result = maximizeLikelihood(
    (v) => gammaGammaLogLikelihood({ p: v[0] ?? 1, q: v[1] ?? 1, gamma: v[2] ?? 1 }, spend),
    {
      names: ['p', 'q', 'gamma'],
      starts,
    },
  );
  const [p = Number.NaN, q = Number.NaN, gamma = Number.NaN] = result.estimates;
  const [seP = null, seQ = null, seGamma = null] = result.standardErrors;
  const fit: GammaGammaFit = {
    p,
    q,
    gamma,
    logLikelihood: result.logLikelihood,
    standardErrors: { p: seP, q: seQ, gamma: seGamma },
    converged: result.converged,
    message: result.message,
    atBoundary: result.atBoundary,
    starts: result.starts,
  };
  const impliedMeanSpend = q > 1 ? (gamma * p) / (q - 1) : Number.POSITIVE_INFINITY;
  const diagnostics: GammaGammaDiagnostics = { ...stats, impliedMeanSpend };

  // every failed check is reported, the data-quality ones first: they explain the others
  const reasons: string[] = [];
  if (Math.abs(stats.frequencySpendCorrelation) > maxCorrelation) {
    reasons.push(
      `frequency and spend are correlated (r = ${stats.frequencySpendCorrelation.toFixed(3)}); Gamma-Gamma assumes they are independent`,
    );
  }
  if (!fit.converged) reasons.push(`the fit did not converge: ${fit.message}`);
  if (q <= 1)
    reasons.push(
      `q = ${q.toFixed(3)} ≤ 1: the model's mean spend per transaction is infinite (spend is too heavy-tailed)`,
    );
  else if (q < minQ)
    reasons.push(
      `q = ${q.toFixed(3)} is close to 1: the implied mean spend ${impliedMeanSpend.toFixed(2)} rests on the extreme tail`,
    );
  else {
    const ratio = impliedMeanSpend / stats.trimmedMeanSpend;
    if (!(ratio <= maxMeanRatio && ratio >= 1 / maxMeanRatio)) {
      reasons.push(
        `the implied mean spend ${impliedMeanSpend.toFixed(2)} is ${ratio.toFixed(2)}× the trimmed observed mean ${stats.trimmedMeanSpend.toFixed(2)}: poor fit`,
      );
    }
  }
  if (reasons.length === 0) return { ok: true, fit, diagnostics };
  const reason = reasons.join('; ');
  return { ok: false, reason, fit, fallback, diagnostics };
}

/**
 * Total Gamma-Gamma log-likelihood over repeat buyers (Fader, Hardie & Lee 2005, JMR);
 * the x-only terms are computed once per distinct x.
 */
function gammaGammaLogLikelihood(params: GammaGammaParams, spend: CompiledSpend): number {
  const { p, q, gamma } = params;
  const { xValues, rowX, lnZbar, xZbar, weight } = spend;
  const perX = new Float64Array(xValues.length);
  const lnGamma = Math.log(gamma);
  const common = -gammaln(q) + q * lnGamma;
  for (let k = 0; k < xValues.length; k += 1) {
    const x = xValues[k] ?? 1;
    const px = p * x;
    perX[k] = gammaln(px + q) - gammaln(px) + px * Math.log(x) + common;
  }
  let ll = 0;
  for (let i = 0; i < weight.length; i += 1) {
    const k = rowX[i] ?? 0;
    const px = p * (xValues[k] ?? 1);
    ll +=
      (weight[i] ?? 0) *
      ((perX[k] ?? 0) + (px - 1) * (lnZbar[i] ?? 0) - (px + q) * Math.log(gamma + (xZbar[i] ?? 0)));
  }
  return ll;
}

/**
 * E[M | p, q, γ, x, zbar]: expected value of a customer's future transactions (money)
 * (Fader, Hardie & Lee 2005, JMR 42(4)): (γ + x·zbar) · p / (p·x + q − 1); for
 * x = 0 it is the population mean γp/(q−1). Throws ModelInputError when q ≤ 1.
 */
export function gammaGammaConditionalExpectedSpend(
  params: GammaGammaParams,
  customer: SpendHistory,
): number {
  const { p, q, gamma } = params;
  if (!(q > 1))
    throw new ModelInputError(
      'gammaGammaConditionalExpectedSpend',
      `q = ${q} ≤ 1: the mean spend is infinite`,
    );
  const x = customer.x;
  if (x === 0) return (gamma * p) / (q - 1);
  return ((gamma + x * customer.zbar) * p) / (p * x + q - 1);
}

/** The fallback's expected spend per transaction (money): (k · populationMean + x · zbar) / (k + x). */
export function shrunkMeanSpend(fallback: ShrunkMeanSpend, customer: SpendHistory): number {
  const { populationMean, shrinkage } = fallback;
  const x = customer.x;
  if (x === 0) return populationMean;
  return (shrinkage * populationMean + x * customer.zbar) / (shrinkage + x);
}

/** Expected spend per future transaction (money): Gamma-Gamma when ok, else the stated fallback. */
export function expectedSpendPerTransaction(
  outcome: GammaGammaOutcome,
  customer: SpendHistory,
): number {
  return outcome.ok
    ? gammaGammaConditionalExpectedSpend(outcome.fit, customer)
    : shrunkMeanSpend(outcome.fallback, customer);
}

/** Options of {@link expectedSpend12Months}. */
export type ExpectedSpendOptions = {
  /** Model time units per year (weeks: 365.25 / 7, days: 365.25, months: 12). */
  unitsPerYear: number;
};

/**
 * Expected spend in the next 12 months per customer (money): BG/NBD conditional expected
 * purchases over one year (Fader, Hardie & Lee 2005, Marketing Science) times the
 * expected spend per transaction (Gamma-Gamma, JMR 2005, or its fallback).
 * Undiscounted. Times of the histories are in the same unit as the BG/NBD fit.
 */
export function expectedSpend12Months(
  models: { bgNbd: BgNbdParams; spend: GammaGammaOutcome },
  customers: readonly (RepeatPurchaseHistory & { zbar: number })[],
  options: ExpectedSpendOptions,
): Float64Array {
  if (!(options.unitsPerYear > 0))
    throw new ModelInputError(
      'expectedSpend12Months',
      `unitsPerYear must be positive, got ${options.unitsPerYear}`,
    );
  const out = new Float64Array(customers.length);
  customers.forEach((c, i) => {
    const purchases = bgNbdConditionalExpectedPurchases(models.bgNbd, c, options.unitsPerYear);
    out[i] = purchases * expectedSpendPerTransaction(models.spend, c);
  });
  return out;
}

function compileSpend(data: GammaGammaData): CompiledSpend {
  const fn = 'fitGammaGamma';
  const n = data.x.length;
  if (data.zbar.length !== n || (data.weights && data.weights.length !== n)) {
    throw new ModelInputError(
      fn,
      `x, zbar (and weights) must have equal lengths, got ${n}, ${data.zbar.length}${data.weights ? `, ${data.weights.length}` : ''}`,
    );
  }
  const xIndex = new Map<number, number>();
  const rowX: number[] = [];
  const lnZbar: number[] = [];
  const xZbar: number[] = [];
  const weight: number[] = [];
  const xs: number[] = [];
  const zs: number[] = [];
  let customers = 0;
  let skippedNonPositive = 0;
  for (let i = 0; i < n; i += 1) {
    const x = Number(data.x[i]);
    const zbar = Number(data.zbar[i]);
    const w = data.weights ? Number(data.weights[i]) : 1;
    if (!Number.isInteger(x) || x < 0)
      throw new ModelInputError(fn, `row ${i}: x = ${x} is not a non-negative integer`);
    if (!Number.isFinite(zbar))
      throw new ModelInputError(fn, `row ${i}: zbar = ${zbar} is not a finite amount`);
    if (!(w >= 0) || !Number.isFinite(w))
      throw new ModelInputError(fn, `row ${i}: weight = ${w} must be non-negative`);
    if (x === 0 || w === 0) continue;
    if (zbar <= 0) {
      skippedNonPositive += w;
      continue;
    }
    let k = xIndex.get(x);
    if (k === undefined) {
      k = xIndex.size;
      xIndex.set(x, k);
    }
    rowX.push(k);
    lnZbar.push(Math.log(zbar));
    xZbar.push(x * zbar);
    weight.push(w);
    xs.push(x);
    zs.push(zbar);
    customers += w;
  }
  if (weight.length < 3)
    throw new ModelInputError(
      fn,
      `needs at least 3 repeat buyers with positive spend, got ${weight.length}`,
    );
  return {
    xValues: Float64Array.from(xIndex.keys()),
    rowX: Uint32Array.from(rowX),
    lnZbar: Float64Array.from(lnZbar),
    xZbar: Float64Array.from(xZbar),
    weight: Float64Array.from(weight),
    customers,
    skippedNonPositive,
    x: Float64Array.from(xs),
    zbar: Float64Array.from(zs),
  };
}

function describeSpend(spend: CompiledSpend): Omit<GammaGammaDiagnostics, 'impliedMeanSpend'> {
  const { x, zbar, weight, customers } = spend;
  let mx = 0;
  let mz = 0;
  for (let i = 0; i < weight.length; i += 1) {
    const w = weight[i] ?? 0;
    mx += w * (x[i] ?? 0);
    mz += w * (zbar[i] ?? 0);
  }
  mx /= customers;
  mz /= customers;
  let sxx = 0;
  let szz = 0;
  let sxz = 0;
  for (let i = 0; i < weight.length; i += 1) {
    const w = weight[i] ?? 0;
    const dx = (x[i] ?? 0) - mx;
    const dz = (zbar[i] ?? 0) - mz;
    sxx += w * dx * dx;
    szz += w * dz * dz;
    sxz += w * dx * dz;
  }
  const correlation = sxx > 0 && szz > 0 ? sxz / Math.sqrt(sxx * szz) : 0;
  return {
    customers,
    skippedNonPositive: spend.skippedNonPositive,
    frequencySpendCorrelation: correlation,
    meanSpend: mz,
    trimmedMeanSpend: weightedTrimmedMean(zbar, weight, 0.1),
  };
}

/** Weighted mean of values after removing `trim` of the total weight from each tail. */
function weightedTrimmedMean(values: Float64Array, weights: Float64Array, trim: number): number {
  const order = Array.from(values.keys()).sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
  let total = 0;
  for (const w of weights) total += w;
  const lo = trim * total;
  const hi = (1 - trim) * total;
  let cumulative = 0;
  let sum = 0;
  let kept = 0;
  for (const i of order) {
    const w = weights[i] ?? 0;
    // the part of this customer's weight that falls inside [lo, hi]
    const inside = Math.max(0, Math.min(cumulative + w, hi) - Math.max(cumulative, lo));
    sum += inside * (values[i] ?? 0);
    kept += inside;
    cumulative += w;
  }
  return kept > 0 ? sum / kept : Number.NaN;
}

/**
 * Bühlmann-style shrinkage on the trimmed sample: E[(zbar − m)²] = τ² + σ²/x, fitted by
 * weighted least squares on 1/x; k = σ²/τ², kept in [0.5, 50] so one wild customer can
 * neither ignore nor swamp the population mean.
 */
function shrinkageFallback(spend: CompiledSpend, populationMean: number): ShrunkMeanSpend {
  const { x, zbar, weight } = spend;
  const values = Array.from(zbar).sort((a, b) => a - b);
  const low = values[Math.floor(0.1 * (values.length - 1))] ?? Number.NEGATIVE_INFINITY;
  const high = values[Math.ceil(0.9 * (values.length - 1))] ?? Number.POSITIVE_INFINITY;
  let sw = 0;
  let su = 0;
  let sy = 0;
  let suu = 0;
  let suy = 0;
  for (let i = 0; i < weight.length; i += 1) {
    const z = zbar[i] ?? 0;
    if (z < low || z > high) continue;
    const w = weight[i] ?? 0;
    const u = 1 / (x[i] ?? 1);
    const y = (z - populationMean) ** 2;
    sw += w;
    su += w * u;
    sy += w * y;
    suu += w * u * u;
    suy += w * u * y;
  }
  const denominator = sw * suu - su * su;
  const sigma2 = denominator > 0 ? (sw * suy - su * sy) / denominator : Number.NaN;
  const tau2 = sw > 0 && Number.isFinite(sigma2) ? (sy - sigma2 * su) / sw : Number.NaN;
  let k = sigma2 > 0 && tau2 > 0 ? sigma2 / tau2 : tau2 > 0 ? 0.5 : 50;
  k = Math.min(50, Math.max(0.5, k));
  return {
    method: 'shrunk-mean',
    description: `each customer's own mean spend shrunk towards the 10%-trimmed population mean ${populationMean.toFixed(2)} with the weight of ${k.toFixed(2)} transactions (empirical Bayes)`,
    populationMean,
    shrinkage: k,
  };
}
