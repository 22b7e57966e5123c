import betaln from '@stdlib/math-base-special-betaln';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { maximizeLikelihood } from './maximize-likelihood.ts';
import { ModelInputError } from './model-errors.ts';

/** Shifted-beta-geometric parameters: churn probability θ ~ Beta(alpha, beta). */
export type SbgParams = { alpha: number; beta: number };

export type SbgFit = SbgParams & {
  logLikelihood: number;
  standardErrors: { alpha: number | null; beta: number | null };
  converged: boolean;
  /** How the search ended (see maximizeLikelihood). */
  message: string;
  /** Number of periods observed (survivors.length − 1). */
  periods: number;
};

/**
 * Log-likelihood of the sBG model for a cohort (Fader & Hardie 2007, "How to project
 * customer retention", J. Interactive Marketing 21(1)): survivors[t] is the number
 * alive at the start of period t (t = 0..n); losses in period t have probability
 * P(T = t) = B(α+1, β+t−1) / B(α, β), survivors at the end S(n) = B(α, β+n) / B(α, β).
 */
export function sbgLogLikelihood(params: SbgParams, survivors: readonly number[]): number {
  const { alpha, beta } = params;
  const lnB = betaln(alpha, beta);
  let ll = 0;
  for (let t = 1; t < survivors.length; t += 1) {
    const lost = (survivors[t - 1] ?? 0) - (survivors[t] ?? 0);
    if (lost > 0) ll += lost * (betaln(alpha + 1, beta + t - 1) - lnB);
  }
  const n = survivors.length - 1;
  const last = survivors[n] ?? 0;
  if (last > 0) ll += last * (betaln(alpha, beta + n) - lnB);
  return ll;
}

/**
 * Fits the sBG model by maximum likelihood (Fader & Hardie 2007) to survivors[t], the
 * count alive at the start of period t = 0..n (e.g. [1000, 869, 743, …]). Standard errors
 * from the numerical Hessian. Throws ModelInputError unless survivors has ≥ 2 finite,
 * non-negative, non-increasing counts starting above 0.
 */
export function fitSbg(survivors: readonly number[]): SbgFit {
  assertSurvivors(survivors);
  const result = maximizeLikelihood(
    (p) => sbgLogLikelihood({ alpha: p[0] ?? 1, beta: p[1] ?? 1 }, survivors),
    {
      names: ['alpha', 'beta'],
      starts: [
        [1, 1],
        [0.5, 3],
        [3, 0.5],
      ],
    },
  );
  const [alpha = Number.NaN, beta = Number.NaN] = result.estimates;
  const [seAlpha = null, seBeta = null] = result.standardErrors;
  return {
    alpha,
    beta,
    logLikelihood: result.logLikelihood,
    standardErrors: { alpha: seAlpha, beta: seBeta },
    converged: result.converged,
    message: result.message,
    periods: survivors.length - 1,
  };
}

/** P(T = t): probability that a new customer churns in period t ≥ 1 (Fader & Hardie 2007). */
export function sbgChurnProbability(params: SbgParams, t: number): number {
  assertPeriod('sbgChurnProbability', t, 1);
  return Math.exp(
    betaln(params.alpha + 1, params.beta + t - 1) - betaln(params.alpha, params.beta),
  );
}

/** S(t) = B(α, β+t) / B(α, β): share of a new cohort still alive at the start of period t ≥ 0 (Fader & Hardie 2007). */
export function sbgSurvival(params: SbgParams, t: number): number {
  assertPeriod('sbgSurvival', t, 0);
  return Math.exp(betaln(params.alpha, params.beta + t) - betaln(params.alpha, params.beta));
}

/** r_t = (β+t−1) / (α+β+t−1): share of those alive in period t−1 who renew into period t ≥ 1 (Fader & Hardie 2007). */
export function sbgRetentionRate(params: SbgParams, t: number): number {
  assertPeriod('sbgRetentionRate', t, 1);
  return (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
}

/** Survival curve S(0..periods) of a new cohort, as shares of its starting size (Fader & Hardie 2007). */
export function sbgProjectSurvival(params: SbgParams, periods: number): number[] {
  assertPeriod('sbgProjectSurvival', periods, 0);
  return Array.from({ length: periods + 1 }, (_, t) => sbgSurvival(params, t));
}

/**
 * Discounted expected residual lifetime, in periods (payments), of a customer who has
 * renewed `renewals` times and is about to decide on the next renewal, at discount rate d
 * per period (Fader & Hardie 2010, "Customer-base valuation in a contractual setting",
 * Marketing Science 29(1)): with n = renewals + 1,
 * DERL = B(α, β+n) / B(α, β+n−1) · 2F1(1, β+n; α+β+n; 1/(1+d)).
 */
export function sbgDiscountedExpectedResidualLifetime(
  params: SbgParams,
  discountRate: number,
  renewals: number,
): number {
  assertDiscountRate('sbgDiscountedExpectedResidualLifetime', discountRate);
  assertPeriod('sbgDiscountedExpectedResidualLifetime', renewals, 0);
  const { alpha, beta } = params;
  const n = renewals + 1;
  const ratio = Math.exp(betaln(alpha, beta + n) - betaln(alpha, beta + n - 1));
  return ratio * hyp2f1(1, beta + n, alpha + beta + n, 1 / (1 + discountRate));
}

/**
 * Discounted expected lifetime, in periods (payments, the first one undiscounted), of a
 * customer just acquired, at discount rate d per period (Fader & Hardie 2010, Marketing
 * Science 29(1)): DEL = 2F1(1, β; α+β; 1/(1+d)).
 */
export function sbgDiscountedExpectedLifetime(params: SbgParams, discountRate: number): number {
  assertDiscountRate('sbgDiscountedExpectedLifetime', discountRate);
  return hyp2f1(1, params.beta, params.alpha + params.beta, 1 / (1 + discountRate));
}

function assertSurvivors(survivors: readonly number[]): void {
  if (survivors.length < 2)
    throw new ModelInputError(
      'fitSbg',
      `needs survivors for at least 2 periods, got ${survivors.length}`,
    );
  survivors.forEach((v, t) => {
    if (!Number.isFinite(v) || v < 0)
      throw new ModelInputError('fitSbg', `survivors[${t}] = ${v} is not a non-negative count`);
    const previous = survivors[t - 1];
    if (previous !== undefined && v > previous) {
      throw new ModelInputError(
        'fitSbg',
        `survivors must not increase: survivors[${t}] = ${v} > survivors[${t - 1}] = ${previous}`,
      );
    }
  });
  if (!((survivors[0] ?? 0) > 0))
    throw new ModelInputError('fitSbg', 'survivors[0] must be positive');
  if ((survivors[0] ?? 0) === (survivors[survivors.length - 1] ?? 0)) {
    throw new ModelInputError(
      'fitSbg',
      'nobody churned: the churn distribution cannot be estimated',
    );
  }
}

function assertPeriod(fn: string, t: number, min: number): void {
  if (!Number.isInteger(t) || t < min)
    throw new ModelInputError(fn, `period must be an integer ≥ ${min}, got ${t}`);
}

function assertDiscountRate(fn: string, d: number): void {
  if (!(d > 0) || !Number.isFinite(d))
    throw new ModelInputError(fn, `discount rate must be positive, got ${d}`);
}
