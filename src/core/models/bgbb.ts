import betaln from '@stdlib/math-base-special-betaln';
import gammaln from '@stdlib/math-base-special-gammaln';
import { maximizeLikelihood, type StartOutcome } from './maximize-likelihood.ts';
import { ModelInputError } from './model-errors.ts';

/** BG/BB parameters: transaction probability p ~ Beta(alpha, beta); dropout probability θ ~ Beta(gamma, delta). */
export type BgBbParams = { alpha: number; beta: number; gamma: number; delta: number };

/** One customer's history over n discrete opportunities: x transactions, the last in period t_x (0 if none). */
export type DiscreteHistory = { x: number; tx: number; n: number };

/** Column-wise BG/BB data (`frequency`, `recency`, `periods`); weights count identical customers. */
export type BgBbData = {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  periods: ArrayLike<number>;
  weights?: ArrayLike<number>;
};

export type BgBbFit = BgBbParams & {
  logLikelihood: number;
  standardErrors: {
    alpha: number | null;
    beta: number | null;
    gamma: number | null;
    delta: number | null;
  };
  converged: boolean;
  message: string;
  atBoundary: string[];
  customers: number;
  starts: StartOutcome[];
};

/**
 * Per-customer BG/BB log-likelihood (Fader, Hardie & Shang 2010, "Customer-base analysis
 * in a discrete-time noncontractual setting", Marketing Science 29(6)):
 * L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ), summed in logs.
 */
export function bgBbCustomerLogLikelihood(params: BgBbParams, customer: DiscreteHistory): number {
  const { alpha, beta, gamma, delta } = params;
  const { x, tx, n } = customer;
  const base = -betaln(alpha, beta) - betaln(gamma, delta);
  let max = betaln(alpha + x, beta + n - x) + betaln(gamma, delta + n);
  const terms = [max];
  for (let i = 0; i <= n - tx - 1; i += 1) {
    const term = betaln(alpha + x, beta + tx - x + i) + betaln(gamma + 1, delta + tx + i);
    terms.push(term);
    if (term > max) max = term;
  }
  let sum = 0;
  for (const term of terms) sum += Math.exp(term - max);
  return base + max + Math.log(sum);
}

/**
 * Fits the BG/BB model by maximum likelihood (Fader, Hardie & Shang 2010, Marketing
 * Science 29(6)) on (frequency, recency, periods) with optional weights. Throws
 * ModelInputError on malformed data; non-convergence is reported by `converged: false`.
 */
export function fitBgBb(data: BgBbData): BgBbFit {
  const rows = compileBgBb(data);
  const ll = (params: BgBbParams): number => {
    let total = 0;
    for (const row of rows.histories) total += row.weight * bgBbCustomerLogLikelihood(params, row);
    return total;
  };
  const result = maximizeLikelihood(
    (p) => ll({ alpha: p[0] ?? 1, beta: p[1] ?? 1, gamma: p[2] ?? 1, delta: p[3] ?? 1 }),
    {
      names: ['alpha', 'beta', 'gamma', 'delta'],
      starts: [
        [1, 1, 1, 1],
        [0.5, 2, 0.5, 2],
        [2, 0.5, 2, 0.5],
      ],
    },
  );
  const [alpha = Number.NaN, beta = Number.NaN, gamma = Number.NaN, delta = Number.NaN] =
    result.estimates;
  const [seAlpha = null, seBeta = null, seGamma = null, seDelta = null] = result.standardErrors;
  return {
    alpha,
    beta,
    gamma,
    delta,
    logLikelihood: result.logLikelihood,
    standardErrors: { alpha: seAlpha, beta: seBeta, gamma: seGamma, delta: seDelta },
    converged: result.converged,
    message: result.message,
    atBoundary: result.atBoundary,
    customers: rows.customers,
    starts: result.starts,
  };
}

/**
 * E[X(n)]: expected transactions of a new customer in the first n periods (Fader, Hardie
 * & Shang 2010): α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(γ+δ+n)Γ(1+δ))].
 */
export function bgBbExpectedTransactions(params: BgBbParams, n: number): number {
  assertPeriods('bgBbExpectedTransactions', n);
  const { alpha, beta, delta } = params;
  return nearOne(params.gamma, (gamma) => {
    const ratio = Math.exp(
      gammaln(gamma + delta) +
        gammaln(1 + delta + n) -
        gammaln(gamma + delta + n) -
        gammaln(1 + delta),
    );
    return (alpha / (alpha + beta)) * (delta / (gamma - 1)) * (1 - ratio);
  });
}

/**
 * E[X(n, n+n*) | x, t_x, n]: expected transactions in the next n* periods of a customer
 * with this history (Fader, Hardie & Shang 2010).
 */
export function bgBbConditionalExpectedTransactions(
  params: BgBbParams,
  customer: DiscreteHistory,
  futurePeriods: number,
): number {
  assertPeriods('bgBbConditionalExpectedTransactions', futurePeriods);
  assertHistory('bgBbConditionalExpectedTransactions', customer);
  const { alpha, beta, delta } = params;
  const { x, n } = customer;
  const lnL = bgBbCustomerLogLikelihood(params, customer);
  return nearOne(params.gamma, (gamma) => {
    const p = { ...params, gamma };
    const lnLead =
      betaln(alpha + x + 1, beta + n - x) -
      betaln(alpha, beta) +
      gammaln(gamma + delta) -
      gammaln(1 + delta);
    const now = Math.exp(gammaln(1 + delta + n) - gammaln(gamma + delta + n));
    const later = Math.exp(
      gammaln(1 + delta + n + futurePeriods) - gammaln(gamma + delta + n + futurePeriods),
    );
    const lnLikelihood = gamma === params.gamma ? lnL : bgBbCustomerLogLikelihood(p, customer);
    return Math.exp(lnLead - lnLikelihood) * (delta / (gamma - 1)) * (now - later);
  });
}

/**
 * P(alive in period n+1 | x, t_x, n) (Fader, Hardie & Shang 2010):
 * B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L(α, β, γ, δ | x, t_x, n).
 */
export function bgBbProbabilityAlive(params: BgBbParams, customer: DiscreteHistory): number {
  assertHistory('bgBbProbabilityAlive', customer);
  const { alpha, beta, gamma, delta } = params;
  const { x, n } = customer;
  const lnNumerator =
    betaln(alpha + x, beta + n - x) -
    betaln(alpha, beta) +
    betaln(gamma, delta + n + 1) -
    betaln(gamma, delta);
  return Math.exp(lnNumerator - bgBbCustomerLogLikelihood(params, customer));
}

type CompiledBgBb = { histories: (DiscreteHistory & { weight: number })[]; customers: number };

function compileBgBb(data: BgBbData): CompiledBgBb {
  const fn = 'fitBgBb';
  const m = data.frequency.length;
  if (m === 0) throw new ModelInputError(fn, 'no customers');
  if (
    data.recency.length !== m ||
    data.periods.length !== m ||
    (data.weights && data.weights.length !== m)
  ) {
    throw new ModelInputError(
      fn,
      'frequency, recency, periods (and weights) must have equal lengths',
    );
  }
  const merged = new Map<string, DiscreteHistory & { weight: number }>();
  let customers = 0;
  for (let i = 0; i < m; i += 1) {
    const history = {
      x: Number(data.frequency[i]),
      tx: Number(data.recency[i]),
      n: Number(data.periods[i]),
    };
    const weight = data.weights ? Number(data.weights[i]) : 1;
    assertHistory(fn, history, i);
    if (!(weight >= 0) || !Number.isFinite(weight))
      throw new ModelInputError(fn, `row ${i}: weight = ${weight} must be non-negative`);
    customers += weight;
    const key = `${history.x},${history.tx},${history.n}`;
    const existing = merged.get(key);
    if (existing) existing.weight += weight;
    else merged.set(key, { ...history, weight });
  }
  if (!(customers > 0)) throw new ModelInputError(fn, 'the weights sum to 0');
  return { histories: [...merged.values()], customers };
}

function assertHistory(fn: string, h: DiscreteHistory, row?: number): void {
  const where = row === undefined ? '' : `row ${row}: `;
  const integers = [h.x, h.tx, h.n].every((v) => Number.isInteger(v) && v >= 0);
  // x transactions need at least x periods up to the last one; none means recency 0
  const consistent =
    h.x <= h.tx && h.tx <= h.n && (h.x > 0 || h.tx === 0) && (h.x === 0 || h.tx >= 1);
  if (!integers || !consistent) {
    throw new ModelInputError(
      fn,
      `${where}needs integers with x ≤ t_x ≤ n (t_x = 0 when x = 0), got x = ${h.x}, t_x = ${h.tx}, n = ${h.n}`,
    );
  }
}

function assertPeriods(fn: string, n: number): void {
  if (!Number.isInteger(n) || n < 0)
    throw new ModelInputError(fn, `periods must be an integer ≥ 0, got ${n}`);
}

/** Evaluates f(γ) where the closed form has a removable 0/0 at γ = 1: the mean of both sides there. */
function nearOne(gamma: number, f: (gamma: number) => number): number {
  const eps = 1e-4;
  if (Math.abs(gamma - 1) >= eps) return f(gamma);
  return (f(1 - eps) + f(1 + eps)) / 2;
}
