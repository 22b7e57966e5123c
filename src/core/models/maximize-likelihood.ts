import { minimizeNelderMead } from './nelder-mead.ts';
import { ModelInputError } from './model-errors.ts';

/** Log-likelihood of a model at positive parameters given in their natural scale. */
export type LogLikelihood = (params: Float64Array) => number;

/** Options of {@link maximizeLikelihood}; every optional field documents its default. */
export type MaximizeLikelihoodOptions = {
  /** Parameter names, used in messages and to label the results. */
  names: readonly string[];
  /** Starting points in the natural (positive) scale; each starts one Nelder-Mead search. */
  starts: readonly (readonly number[])[];
  /**
   * Every parameter is searched in [lower, upper] (default [1e-8, 1e8]); the fit reports a
   * parameter that ends on this box as at the boundary and does not call it converged.
   */
  bounds?: readonly [number, number];
  /** Evaluation budget of each search from a start (default 300 × parameters). */
  maxEvaluationsPerStart?: number;
  /** Evaluation budget of the final polishing searches together (default 2000 × parameters). */
  maxPolishEvaluations?: number;
};

/** One start's outcome, kept so callers can see whether the starts agreed. */
export type StartOutcome = { start: number[]; estimates: number[]; logLikelihood: number };

export type MaximumLikelihoodResult = {
  /** Estimates in the natural scale, in the order of `names`. */
  estimates: number[];
  logLikelihood: number;
  /** Asymptotic standard errors from the inverse observed information; null where it is not positive definite or the parameter sits on the boundary. */
  standardErrors: (number | null)[];
  /** True only when the search met its tolerances, a restart found nothing better and no parameter sits on the boundary. */
  converged: boolean;
  /** Names of parameters that ran to the edge of the search box. */
  atBoundary: string[];
  /** One line saying how the search ended. */
  message: string;
  evaluations: number;
  starts: StartOutcome[];
};

const DEFAULT_BOUNDS: readonly [number, number] = [1e-8, 1e8];

/**
 * Maximises a log-likelihood over positive parameters: Nelder-Mead on log-parameters from
 * several starts, then restarts from the best point until a fresh simplex finds no
 * improvement; standard errors from the numerical Hessian (delta method back to the
 * natural scale). Throws ModelInputError on a malformed start; never throws for
 * non-convergence, which `converged: false` and `message` report.
 */
export function maximizeLikelihood(
  logLikelihood: LogLikelihood,
  options: MaximizeLikelihoodOptions,
): MaximumLikelihoodResult {
  const { names, starts } = options;
  const k = names.length;
  if (starts.length === 0) throw new ModelInputError('maximizeLikelihood', 'no starting point');
  for (const start of starts) {
    if (start.length !== k || start.some((v) => !(v > 0) || !Number.isFinite(v))) {
      throw new ModelInputError(
        'maximizeLikelihood',
        `every start needs ${k} positive finite values, got [${start.join(', ')}]`,
      );
    }
  }
  const [lower, upper] = options.bounds ?? DEFAULT_BOUNDS;
  const logLower = Math.log(lower);
  const logUpper = Math.log(upper);
  const clamp = (v: number): number => Math.min(logUpper, Math.max(logLower, v));
  const natural = new Float64Array(k);
  const objective = (phi: Float64Array): number => {
    for (let j = 0; j < k; j += 1) natural[j] = Math.exp(phi[j] ?? 0);
    return -logLikelihood(natural);
  };
  const project = (v: number): number => clamp(v);

  let evaluations = 0;
  const outcomes: StartOutcome[] = [];
  let bestPhi: number[] = [];
  let bestValue = Number.POSITIVE_INFINITY;
  for (const start of starts) {
    const phi0 = start.map((v) => clamp(Math.log(v)));
    const run = minimizeNelderMead(objective, phi0, {
      initialStep: 0.5,
      xTolerance: 1e-4,
      fTolerance: 1e-9,
      maxEvaluations: options.maxEvaluationsPerStart ?? 300 * k,
      project,
    });
    evaluations += run.evaluations;
    outcomes.push({ start: [...start], estimates: run.x.map(Math.exp), logLikelihood: -run.value });
    if (run.value < bestValue || bestPhi.length === 0) {
      bestValue = run.value;
      bestPhi = run.x;
    }
  }

  // Polish: a fresh small simplex from the best point until it stops finding anything better.
  // Restarting is the usual guard against Nelder-Mead's false convergence on a collapsed simplex.
  const polishBudget = options.maxPolishEvaluations ?? 2000 * k;
  let polishUsed = 0;
  let converged = false;
  for (let round = 0; round < 6 && polishUsed < polishBudget; round += 1) {
    const run = minimizeNelderMead(objective, bestPhi, {
      initialStep: round === 0 ? 0.1 : 0.02,
      xTolerance: 1e-7,
      fTolerance: 1e-13,
      maxEvaluations: polishBudget - polishUsed,
      project,
    });
    polishUsed += run.evaluations;
    const improvement = bestValue - run.value;
    if (run.value <= bestValue) {
      bestValue = run.value;
      bestPhi = run.x;
    }
    if (run.converged && improvement <= 1e-9 * (1 + Math.abs(bestValue))) {
      converged = true;
      break;
    }
  }
  evaluations += polishUsed;

  const estimates = bestPhi.map(Math.exp);
  const ll = -bestValue;
  // within a factor of 100 of a bound counts as on it: once the likelihood is flat toward an
  // edge the search stops anywhere short of it (sBG on [10,1,1,1] stopped at 9.6e-8 and 1.1e-8)
  const edge = Math.log(100);
  const atBoundary = names.filter((_, j) => {
    const phi = bestPhi[j] ?? 0;
    return phi <= logLower + edge || phi >= logUpper - edge;
  });
  const finite = Number.isFinite(ll) && estimates.every(Number.isFinite);
  const standardErrors = finite
    ? standardErrorsAt(
        logLikelihood,
        estimates,
        names.map((name) => !atBoundary.includes(name)),
      )
    : estimates.map(() => null);

  let message: string;
  if (!finite) message = 'the log-likelihood is not finite at any point tried';
  else if (atBoundary.length > 0) {
    message = `${atBoundary.join(', ')} ran to the edge of the parameter space (${lower} or ${upper}): the maximum is on the boundary, where the model degenerates`;
  } else if (!converged) message = `no convergence within ${evaluations} evaluations`;
  else {
    const agreeing = outcomes.filter(
      (o) => Math.abs(o.logLikelihood - ll) <= 1e-3 * (1 + Math.abs(ll)),
    ).length;
    message = `converged after ${evaluations} evaluations; ${agreeing} of ${outcomes.length} starts reached the maximum`;
  }
  return {
    estimates,
    logLikelihood: ll,
    standardErrors,
    converged: converged && finite && atBoundary.length === 0,
    atBoundary,
    message,
    evaluations,
    starts: outcomes,
  };
}

/**
 * Central-difference Hessian of f at x with the same absolute step in every coordinate
 * (call it on log-parameters for relative steps). Returns a dense row-major k × k matrix;
 * entries are non-finite when f is not finite nearby.
 */
export function numericHessian(
  f: (x: Float64Array) => number,
  x: readonly number[],
  step = 1e-3,
): Float64Array {
  const k = x.length;
  const h = x.map(() => step);
  const point = Float64Array.from(x);
  const at = (shifts: readonly [number, number][]): number => {
    point.set(x);
    for (const [j, s] of shifts) point[j] = (point[j] ?? 0) + s;
    return f(point);
  };
  const f0 = at([]);
  const hessian = new Float64Array(k * k);
  for (let i = 0; i < k; i += 1) {
    const hi = h[i] ?? 0;
    hessian[i * k + i] = (at([[i, hi]]) - 2 * f0 + at([[i, -hi]])) / (hi * hi);
    for (let j = 0; j < i; j += 1) {
      const hj = h[j] ?? 0;
      const value =
        (at([
          [i, hi],
          [j, hj],
        ]) -
          at([
            [i, hi],
            [j, -hj],
          ]) -
          at([
            [i, -hi],
            [j, hj],
          ]) +
          at([
            [i, -hi],
            [j, -hj],
          ])) /
        (4 * hi * hj);
      hessian[i * k + j] = value;
      hessian[j * k + i] = value;
    }
  }
  return hessian;
}

/**
 * Standard errors of the free parameters: the Hessian of the log-likelihood in
 * log-parameters, inverted, and mapped back by the delta method (se(θ) = θ · se(log θ)).
 */
function standardErrorsAt(
  logLikelihood: LogLikelihood,
  estimates: readonly number[],
  free: readonly boolean[],
): (number | null)[] {
  const index = estimates.map((_, j) => j).filter((j) => free[j]);
  const m = index.length;
  const result: (number | null)[] = estimates.map(() => null);
  if (m === 0) return result;
  const full = new Float64Array(estimates.length);
  const phi0 = index.map((j) => Math.log(estimates[j] ?? 1));
  const f = (phi: Float64Array): number => {
    for (let j = 0; j < estimates.length; j += 1) full[j] = estimates[j] ?? 0;
    index.forEach((j, i) => {
      full[j] = Math.exp(phi[i] ?? 0);
    });
    return logLikelihood(full);
  };
  // a step of 1e-3 in log-parameters balances truncation error against rounding in sums of
  // thousands of per-customer terms
  const hessian = numericHessian(f, phi0, 1e-3);
  const information = hessian.map((v) => -v);
  const inverse = invertPositiveDefinite(information, m);
  if (!inverse) return result;
  index.forEach((j, i) => {
    const variance = inverse[i * m + i] ?? Number.NaN;
    result[j] =
      variance > 0 && Number.isFinite(variance) ? (estimates[j] ?? 0) * Math.sqrt(variance) : null;
  });
  return result;
}

/** Inverse of a symmetric positive-definite m × m matrix by Cholesky; null when it is not positive definite. */
function invertPositiveDefinite(matrix: Float64Array, m: number): Float64Array | null {
  const lower = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = matrix[i * m + j] ?? Number.NaN;
      for (let p = 0; p < j; p += 1) sum -= (lower[i * m + p] ?? 0) * (lower[j * m + p] ?? 0);
      if (i === j) {
        if (!(sum > 0)) return null;
        lower[i * m + i] = Math.sqrt(sum);
      } else {
        lower[i * m + j] = sum / (lower[j * m + j] ?? Number.NaN);
      }
    }
  }
  // inverse = (L L^T)^-1: solve for each unit vector
  const inverse = new Float64Array(m * m);
  const y = new Float64Array(m);
  for (let c = 0; c < m; c += 1) {
    for (let i = 0; i < m; i += 1) {
      let sum = i === c ? 1 : 0;
      for (let p = 0; p < i; p += 1) sum -= (lower[i * m + p] ?? 0) * (y[p] ?? 0);
      y[i] = sum / (lower[i * m + i] ?? Number.NaN);
    }
    for (let i = m - 1; i >= 0; i -= 1) {
      let sum = y[i] ?? 0;
      for (let p = i + 1; p < m; p += 1) sum -= (lower[p * m + i] ?? 0) * (inverse[p * m + c] ?? 0);
      inverse[i * m + c] = sum / (lower[i * m + i] ?? Number.NaN);
    }
  }
  return inverse;
}
