import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { maximizeLikelihood, type StartOutcome } from './maximize-likelihood.ts';
import { ModelInputError } from './model-errors.ts';

/** BG/NBD parameters: purchase rate λ ~ Gamma(r, rate α); dropout probability p ~ Beta(a, b). */
export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

/** One customer's calibration summary, times in one model unit (e.g. weeks). */
export type RepeatPurchaseHistory = {
  /** Repeat purchases (transactions after the first) in the calibration period. */
  x: number;
  /** Time of the last purchase, measured from the first (0 when x = 0). */
  tx: number;
  /** Length of observation, from the first purchase to the end of calibration. */
  T: number;
};

/** Column-wise calibration data; `weights` counts identical customers (default 1 each). */
export type BgNbdData = {
  x: ArrayLike<number>;
  tx: ArrayLike<number>;
  T: ArrayLike<number>;
  weights?: ArrayLike<number>;
};

export type BgNbdFit = BgNbdParams & {
  logLikelihood: number;
  standardErrors: { r: number | null; alpha: number | null; a: number | null; b: number | null };
  converged: boolean;
  message: string;
  /** Parameters that ran to the edge of the search box (the model degenerates there). */
  atBoundary: string[];
  /** Customers (sum of weights) and distinct (x, t_x, T) rows the fit used. */
  customers: number;
  distinctRows: number;
  starts: StartOutcome[];
};

/**
 * Per-customer BG/NBD log-likelihood in the numerically stable form of Hardie's note 027
 * (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing Science
 * 24(2)): ln L = A1 + A2 + ln(e^A3 + δ(x>0)·e^A4), combined by log-sum-exp.
 */
export function bgNbdCustomerLogLikelihood(
  params: BgNbdParams,
  customer: RepeatPurchaseHistory,
): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const a2 = betaln(a, b + x) - betaln(a, b);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(a3, a4);
}

/**
 * Calibration data compiled for repeated likelihood evaluations: identical (x, t_x, T)
 * rows merged with summed weights, and each row pointing into tables of distinct x, t_x
 * and T so that the transcendental functions run once per distinct value.
 */
export type CompiledBgNbdData = {
  xValues: Float64Array;
  txValues: Float64Array;
  TValues: Float64Array;
  rowX: Uint32Array;
  rowTx: Uint32Array;
  rowT: Uint32Array;
  rowWeight: Float64Array;
  customers: number;
};

/**
 * Validates and compiles BG/NBD data (see {@link CompiledBgNbdData}). Throws
 * ModelInputError naming the row when lengths differ, x is not a non-negative integer,
 * or 0 ≤ t_x ≤ T is violated.
 */
export function compileBgNbdData(data: BgNbdData): CompiledBgNbdData {
  const fn = 'fitBgNbd';
  const n = data.x.length;
  if (n === 0) throw new ModelInputError(fn, 'no customers');
  if (data.tx.length !== n || data.T.length !== n || (data.weights && data.weights.length !== n)) {
    throw new ModelInputError(
      fn,
      `x, tx, T (and weights) must have equal lengths, got ${n}, ${data.tx.length}, ${data.T.length}${data.weights ? `, ${data.weights.length}` : ''}`,
    );
  }
  const xIndex = new Map<number, number>();
  const txIndex = new Map<number, number>();
  const TIndex = new Map<number, number>();
  const intern = (map: Map<number, number>, v: number): number => {
    let i = map.get(v);
    if (i === undefined) {
      i = map.size;
      map.set(v, i);
    }
    return i;
  };
  const rx = new Uint32Array(n);
  const rtx = new Uint32Array(n);
  const rT = new Uint32Array(n);
  const w = new Float64Array(n);
  let customers = 0;
  for (let i = 0; i < n; i += 1) {
    const x = Number(data.x[i]);
    const T = Number(data.T[i]);
    // t_x carries no information when x = 0; normalise it so such rows merge
    const tx = x === 0 ? 0 : Number(data.tx[i]);
    const weight = data.weights ? Number(data.weights[i]) : 1;
    if (!Number.isInteger(x) || x < 0)
      throw new ModelInputError(fn, `row ${i}: x = ${x} is not a non-negative integer`);
    if (!(T >= 0) || !Number.isFinite(T))
      throw new ModelInputError(fn, `row ${i}: T = ${T} must be ≥ 0`);
    if (!(tx >= 0) || tx > T)
      throw new ModelInputError(fn, `row ${i}: t_x = ${tx} must lie in [0, T = ${T}]`);
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new ModelInputError(fn, `row ${i}: weight = ${weight} must be non-negative`);
    rx[i] = intern(xIndex, x);
    rtx[i] = intern(txIndex, tx);
    rT[i] = intern(TIndex, T);
    w[i] = weight;
    customers += weight;
  }
  if (!(customers > 0)) throw new ModelInputError(fn, 'the weights sum to 0');
  // merge identical rows: the key packs three table indices into one exact double
  const nx = xIndex.size;
  const ntx = txIndex.size;
  const nT = TIndex.size;
  const packable = nx * ntx * nT < Number.MAX_SAFE_INTEGER;
  const rowOf = new Map<number | string, number>();
  const outX: number[] = [];
  const outTx: number[] = [];
  const outT: number[] = [];
  const outW: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const ix = rx[i] ?? 0;
    const itx = rtx[i] ?? 0;
    const iT = rT[i] ?? 0;
    const key = packable ? (ix * ntx + itx) * nT + iT : `${ix},${itx},${iT}`;
    const row = rowOf.get(key);
    if (row === undefined) {
      rowOf.set(key, outW.length);
      outX.push(ix);
      outTx.push(itx);
      outT.push(iT);
      outW.push(w[i] ?? 0);
    } else {
      outW[row] = (outW[row] ?? 0) + (w[i] ?? 0);
    }
  }
  return {
    xValues: Float64Array.from(xIndex.keys()),
    txValues: Float64Array.from(txIndex.keys()),
    TValues: Float64Array.from(TIndex.keys()),
    rowX: Uint32Array.from(outX),
    rowTx: Uint32Array.from(outTx),
    rowT: Uint32Array.from(outT),
    rowWeight: Float64Array.from(outW),
    customers,
  };
}

/**
 * Total BG/NBD log-likelihood of compiled data (Fader, Hardie & Lee 2005, in the
 * stable form of Hardie's note 027); equals the sum of {@link bgNbdCustomerLogLikelihood}
 * over customers, weighted.
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: CompiledBgNbdData): number {
  const { r, alpha, a, b } = params;
  const { xValues, txValues, TValues, rowX, rowTx, rowT, rowWeight } = data;
  const nx = xValues.length;
  const c1 = new Float64Array(nx);
  const c4 = new Float64Array(nx);
  const rx = new Float64Array(nx);
  const lnGammaR = gammaln(r);
  const lnBetaAB = betaln(a, b);
  const lnA = Math.log(a);
  const common = r * Math.log(alpha) - lnGammaR - lnBetaAB;
  for (let i = 0; i < nx; i += 1) {
    const x = xValues[i] ?? 0;
    rx[i] = r + x;
    c1[i] = gammaln(r + x) + betaln(a, b + x) + common;
    c4[i] = x > 0 ? lnA - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
  }
  const lnT = TValues.map((T) => Math.log(alpha + T));
  const lnTx = txValues.map((tx) => Math.log(alpha + tx));
  let ll = 0;
  const rows = rowWeight.length;
  for (let i = 0; i < rows; i += 1) {
    const k = rowX[i] ?? 0;
    const rk = rx[k] ?? 0;
    const a3 = -rk * (lnT[rowT[i] ?? 0] ?? 0);
    const a4 = (c4[k] ?? 0) - rk * (lnTx[rowTx[i] ?? 0] ?? 0);
    let term: number;
    if (a4 === Number.NEGATIVE_INFINITY) term = a3;
    else if (a3 >= a4) term = a3 + Math.log1p(Math.exp(a4 - a3));
    else term = a4 + Math.log1p(Math.exp(a3 - a4));
    ll += (rowWeight[i] ?? 0) * ((c1[k] ?? 0) + term);
  }
  return ll;
}

/** Options of {@link fitBgNbd}. */
export type FitBgNbdOptions = {
  /** Extra starting points [r, α, a, b] tried besides the built-in ones (default none). */
  starts?: readonly (readonly number[])[];
};

/**
 * Fits the BG/NBD model by maximum likelihood (Fader, Hardie & Lee 2005, Marketing
 * Science 24(2)): Nelder-Mead on log-parameters from several starts. Times in one unit
 * (e.g. weeks). Throws ModelInputError on malformed data; a fit that does not converge, or
 * whose maximum lies on the boundary (e.g. a/(a+b) → 0), returns finite numbers with
 * `converged: false` and a message.
 */
export function fitBgNbd(
  data: BgNbdData | CompiledBgNbdData,
  options: FitBgNbdOptions = {},
): BgNbdFit {
  const compiled = 'rowWeight' in data ? data : compileBgNbdData(data);
  let sumX = 0;
  let sumT = 0;
  for (let i = 0; i < compiled.rowWeight.length; i += 1) {
    const w = compiled.rowWeight[i] ?? 0;
    sumX += w * (compiled.xValues[compiled.rowX[i] ?? 0] ?? 0);
    sumT += w * (compiled.TValues[compiled.rowT[i] ?? 0] ?? 0);
  }
  if (!(sumT > 0))
    throw new ModelInputError('fitBgNbd', 'every customer has T = 0: there is no observation time');
  const meanT = sumT / compiled.customers;
  // a moment-style start: r / α near the observed purchase rate
  const rate = Math.max(sumX / sumT, 1e-6);
  const starts: (readonly number[])[] = [
    [1, 1, 1, 1],
    [0.5, 0.5 / rate, 1, 3],
    [0.25, Math.max(meanT / 10, 0.1), 0.5, 2],
    ...(options.starts ?? []),
  ];
  const result = maximizeLikelihood(
    (p) =>
      bgNbdLogLikelihood({ r: p[0] ?? 1, alpha: p[1] ?? 1, a: p[2] ?? 1, b: p[3] ?? 1 }, compiled),
    {
      names: ['r', 'alpha', 'a', 'b'],
      starts,
    },
  );
  const [r = Number.NaN, alpha = Number.NaN, a = Number.NaN, b = Number.NaN] = result.estimates;
  const [seR = null, seAlpha = null, seA = null, seB = null] = result.standardErrors;
  return {
    r,
    alpha,
    a,
    b,
    logLikelihood: result.logLikelihood,
    standardErrors: { r: seR, alpha: seAlpha, a: seA, b: seB },
    converged: result.converged,
    message: result.message,
    atBoundary: result.atBoundary,
    customers: compiled.customers,
    distinctRows: compiled.rowWeight.length,
    starts: result.starts,
  };
}

/**
 * E[X(t)]: expected purchases of a new customer in (0, t], t in model time units (Fader,
 * Hardie & Lee 2005): (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))].
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number): number {
  assertTime('bgNbdExpectedPurchases', t);
  if (t === 0) return 0;
  return nearOne(params.a, (a) => {
    const { r, alpha, b } = params;
    return (
      ((a + b - 1) / (a - 1)) *
      (1 - Math.pow(alpha / (alpha + t), r) * hyp2f1(r, b, a + b - 1, t / (alpha + t)))
    );
  });
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t time units of a customer with
 * history (x, t_x, T) (Fader, Hardie & Lee 2005).
 */
export function bgNbdConditionalExpectedPurchases(
  params: BgNbdParams,
  customer: RepeatPurchaseHistory,
  t: number,
): number {
  assertTime('bgNbdConditionalExpectedPurchases', t);
  assertHistory('bgNbdConditionalExpectedPurchases', customer);
  if (t === 0) return 0;
  const { r, alpha, b } = params;
  const { x, T } = customer;
  const numerator = nearOne(params.a, (a) => {
    const z = t / (alpha + T + t);
    const decay = Math.pow((alpha + T) / (alpha + T + t), r + x);
    return ((a + b + x - 1) / (a - 1)) * (1 - decay * hyp2f1(r + x, b + x, a + b + x - 1, z));
  });
  return numerator * bgNbdProbabilityAlive(params, customer);
}

/**
 * P(alive | x, t_x, T): probability that a customer with this history has not dropped out
 * (Fader, Hardie & Lee's note "Computing P(alive) using the BG/NBD model"): 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 */
export function bgNbdProbabilityAlive(
  params: BgNbdParams,
  customer: RepeatPurchaseHistory,
): number {
  assertHistory('bgNbdProbabilityAlive', customer);
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  if (x === 0) return 1;
  // in logs: the odds overflow for heavy buyers who stopped long ago
  const logOdds =
    Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return logOdds > 0 ? Math.exp(-logOdds) / (1 + Math.exp(-logOdds)) : 1 / (1 + Math.exp(logOdds));
}

/**
 * P(X(t) = n): probability that a new customer makes exactly n purchases in (0, t]
 * (Fader, Hardie & Lee 2005); the negative-binomial tail is summed directly rather
 * than as 1 − CDF so small probabilities keep their digits.
 */
export function bgNbdProbabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  assertTime('bgNbdProbabilityOfPurchases', t);
  if (!Number.isInteger(n) || n < 0)
    throw new ModelInputError(
      'bgNbdProbabilityOfPurchases',
      `n must be a non-negative integer, got ${n}`,
    );
  const { r, alpha, a, b } = params;
  if (t === 0) return n === 0 ? 1 : 0;
  const z = t / (alpha + t);
  const lnNegBin = (j: number): number =>
    gammaln(r + j) -
    gammaln(r) -
    gammaln(j + 1) +
    r * Math.log(alpha / (alpha + t)) +
    (j > 0 ? j * Math.log(z) : 0);
  const lnBetaAB = betaln(a, b);
  const first = Math.exp(betaln(a, b + n) - lnBetaAB + lnNegBin(n));
  if (n === 0) return first;
  // P(NB ≥ n) = Σ_{j ≥ n} pmf(j); pmf(j+1)/pmf(j) = (r+j)/(j+1) · z
  let term = Math.exp(lnNegBin(n));
  let tail = 0;
  for (let j = n; j < n + 100_000 && term > 1e-17 * tail; j += 1) {
    tail += term;
    term *= ((r + j) / (j + 1)) * z;
  }
  if (tail === 0) tail = term;
  return first + Math.exp(betaln(a + 1, b + n - 1) - lnBetaAB) * Math.min(1, tail);
}

/** log(e^u + e^v) without overflow. */
function logAddExp(u: number, v: number): number {
  if (u === Number.NEGATIVE_INFINITY) return v;
  if (v === Number.NEGATIVE_INFINITY) return u;
  return u >= v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v));
}

/**
 * Evaluates f(a) where the closed form has a removable 0/0 at a = 1 (the (a−1) in the
 * denominator): near 1, the mean of f on both sides, accurate to O(1e-8).
 */
function nearOne(a: number, f: (a: number) => number): number {
  const eps = 1e-4;
  if (Math.abs(a - 1) >= eps) return f(a);
  return (f(1 - eps) + f(1 + eps)) / 2;
}

function assertTime(fn: string, t: number): void {
  if (!(t >= 0) || !Number.isFinite(t))
    throw new ModelInputError(fn, `t must be a finite time ≥ 0, got ${t}`);
}

function assertHistory(fn: string, c: RepeatPurchaseHistory): void {
  if (
    !Number.isInteger(c.x) ||
    c.x < 0 ||
    !(c.tx >= 0) ||
    !(c.T >= c.tx) ||
    !Number.isFinite(c.T)
  ) {
    throw new ModelInputError(
      fn,
      `needs an integer x ≥ 0 and 0 ≤ t_x ≤ T, got x = ${c.x}, t_x = ${c.tx}, T = ${c.T}`,
    );
  }
}
