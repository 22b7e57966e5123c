import { describe, expect, it } from 'vitest';
import { createSeededRandom, sampleNormal } from '../models/seeded-random.ts';
import { pinballLoss } from './empirical-quantile.ts';
import {
  fitSmoothedQuantileRegression,
  sparseRowPrediction,
  type SparseDesign,
} from './smoothed-quantile-regression.ts';

// Brownlee's stack loss data (R `datasets::stackloss`): Air.Flow, Water.Temp, Acid.Conc., stack.loss.
const STACKLOSS = [
  [80, 27, 89, 42],
  [80, 27, 88, 37],
  [75, 25, 90, 37],
  [62, 24, 87, 28],
  [62, 22, 87, 18],
  [62, 23, 87, 18],
  [62, 24, 93, 19],
  [62, 24, 93, 20],
  [58, 23, 87, 15],
  [58, 18, 80, 14],
  [58, 18, 89, 14],
  [58, 17, 88, 13],
  [58, 18, 82, 11],
  [58, 19, 93, 12],
  [50, 18, 89, 8],
  [50, 18, 86, 7],
  [50, 19, 72, 8],
  [50, 19, 79, 8],
  [50, 20, 80, 9],
  [56, 20, 82, 15],
  [70, 20, 91, 15],
] as const;

/** A dense design with an intercept column in front. */
function denseDesign(x: readonly (readonly number[])[], y: readonly number[]): SparseDesign {
  const width = (x[0]?.length ?? 0) + 1;
  const rows = x.length;
  const index = new Int32Array(rows * width);
  const value = new Float64Array(rows * width);
  x.forEach((row, i) => {
    index[i * width] = 0;
    value[i * width] = 1;
    row.forEach((v, j) => {
      index[i * width + j + 1] = j + 1;
      value[i * width + j + 1] = v;
    });
  });
  return { rows, columns: width, width, index, value, response: Float64Array.from(y) };
}

function checkLoss(design: SparseDesign, beta: ArrayLike<number>, tau: number): number {
  let sum = 0;
  for (let i = 0; i < design.rows; i += 1) {
    const fitted = sparseRowPrediction(design, Float64Array.from(beta), i);
    sum += pinballLoss(design.response[i] ?? 0, fitted, tau);
  }
  return sum;
}

/** Exact linear quantile regression by enumerating basic solutions (a vertex of the LP interpolates p points). */
function bruteForceOptimum(x: number[][], y: number[], tau: number): number {
  const n = y.length;
  const p = (x[0]?.length ?? 0) + 1;
  const rows = x.map((r) => [1, ...r]);
  let best = Number.POSITIVE_INFINITY;
  const choose = (start: number, picked: number[]): void => {
    if (picked.length === p) {
      const beta = solveSquare(
        picked.map((i) => rows[i] ?? []),
        picked.map((i) => y[i] ?? 0),
      );
      if (!beta) return;
      let loss = 0;
      rows.forEach((r, i) => {
        const fitted = r.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0);
        loss += pinballLoss(y[i] ?? 0, fitted, tau);
      });
      best = Math.min(best, loss);
      return;
    }
    for (let i = start; i < n; i += 1) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  return best;
}

/** Gaussian elimination with partial pivoting; null when singular. */
function solveSquare(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) {
      if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    }
    if (Math.abs(m[pivot]?.[col] ?? 0) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot] ?? [], m[col] ?? []];
    const top = m[col] ?? [];
    for (let r = 0; r < n; r += 1) {
      const row = m[r] ?? [];
      if (r === col) continue;
      const f = (row[col] ?? 0) / (top[col] ?? 1);
      for (let c = col; c <= n; c += 1) row[c] = (row[c] ?? 0) - f * (top[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

describe('fitSmoothedQuantileRegression', () => {
  const stack = denseDesign(
    STACKLOSS.map((r) => [r[0], r[1], r[2]]),
    STACKLOSS.map((r) => r[3]),
  );

  it('reproduces the median regression of the stack loss data (R quantreg rq(stack.loss ~ ., tau = 0.5): −39.68985507, 0.83188406, 0.57391304, −0.06086957)', () => {
    // the same coefficients and the LP optimum Σρ = 21.0405797 come out of an exact simplex
    // solve (scipy HiGHS) of the linear programme; with h = 0.001 the smoothing moves the
    // solution by well under the tolerances below
    const fit = fitSmoothedQuantileRegression(stack, { quantile: 0.5, bandwidth: 0.001 });
    expect(fit.converged).toBe(true);
    const [b0, b1, b2, b3] = Array.from(fit.coefficients);
    expect(Math.abs((b0 ?? 0) + 39.68985507)).toBeLessThan(0.05);
    expect(Math.abs((b1 ?? 0) - 0.83188406)).toBeLessThan(0.002);
    expect(Math.abs((b2 ?? 0) - 0.57391304)).toBeLessThan(0.005);
    expect(Math.abs((b3 ?? 0) + 0.06086957)).toBeLessThan(0.002);
    // ρ ≤ ℓ_h ≤ ρ + h φ(0) bounds the gap to the LP optimum by n h φ(0)
    expect(checkLoss(stack, fit.coefficients, 0.5)).toBeLessThan(21.0405797 + 21 * 0.001 * 0.4);
  });

  it('reproduces the 0.9 regression quantile of the stack loss data (exact LP, scipy HiGHS: −58.5433186, 0.79295154, 1.30543319, 0.03817915; Σρ = 8.36167401)', () => {
    const fit = fitSmoothedQuantileRegression(stack, { quantile: 0.9, bandwidth: 0.001 });
    expect(fit.converged).toBe(true);
    const [b0, b1, b2, b3] = Array.from(fit.coefficients);
    expect(Math.abs((b0 ?? 0) + 58.5433186)).toBeLessThan(0.05);
    expect(Math.abs((b1 ?? 0) - 0.79295154)).toBeLessThan(0.002);
    expect(Math.abs((b2 ?? 0) - 1.30543319)).toBeLessThan(0.005);
    expect(Math.abs((b3 ?? 0) - 0.03817915)).toBeLessThan(0.002);
    expect(checkLoss(stack, fit.coefficients, 0.9)).toBeLessThan(8.36167401 + 21 * 0.001 * 0.4);
  });

  it('comes within n·h·φ(0) of the exact optimum found by enumerating vertices, at its default bandwidth', () => {
    const random = createSeededRandom(11);
    for (const tau of [0.2, 0.5, 0.85]) {
      for (let trial = 0; trial < 3; trial += 1) {
        const x = Array.from({ length: 14 }, () => [sampleNormal(random), 3 * random()]);
        const y = x.map(([a = 0, b = 0]) => 1 + 2 * a - b + Math.exp(sampleNormal(random)));
        const design = denseDesign(x, y);
        const fit = fitSmoothedQuantileRegression(design, { quantile: tau });
        expect(fit.converged).toBe(true);
        const optimum = bruteForceOptimum(x, y, tau);
        const achieved = checkLoss(design, fit.coefficients, tau);
        expect(achieved).toBeGreaterThanOrEqual(optimum - 1e-9);
        expect(achieved).toBeLessThanOrEqual(optimum + 14 * fit.bandwidth * 0.39894 + 1e-9);
      }
    }
  });

  it('is deterministic, and the warm-start subsample does not change the optimum it polishes to', () => {
    const random = createSeededRandom(5);
    const x = Array.from({ length: 4000 }, () => [sampleNormal(random), sampleNormal(random)]);
    const y = x.map(([a = 0, b = 0]) => 0.5 * a - b + sampleNormal(random) * (1 + 0.3 * a * a));
    const design = denseDesign(x, y);
    const options = { quantile: 0.8, ridge: 1e-3, bandwidth: 0.1 };
    const sub = fitSmoothedQuantileRegression(design, { ...options, warmStartRows: 300 });
    const again = fitSmoothedQuantileRegression(design, { ...options, warmStartRows: 300 });
    const full = fitSmoothedQuantileRegression(design, options);
    expect(sub.warmStartRows).toBe(300);
    expect(full.warmStartRows).toBeNull();
    expect(Array.from(again.coefficients)).toEqual(Array.from(sub.coefficients));
    sub.coefficients.forEach((b, j) => {
      expect(Math.abs(b - (full.coefficients[j] ?? 0))).toBeLessThan(1e-5);
    });
  });

  it('reports a fit that stops early as not converged instead of pretending', () => {
    const fit = fitSmoothedQuantileRegression(stack, { quantile: 0.5, maxIterations: 0 });
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/no convergence/);
  });

  it('throws naming the function on an empty design, a bad quantile or a non-finite response', () => {
    const empty: SparseDesign = {
      rows: 0,
      columns: 1,
      width: 1,
      index: new Int32Array(0),
      value: new Float64Array(0),
      response: new Float64Array(0),
    };
    expect(() => fitSmoothedQuantileRegression(empty, { quantile: 0.5 })).toThrow(
      /fitSmoothedQuantileRegression: the design has no rows/,
    );
    expect(() => fitSmoothedQuantileRegression(stack, { quantile: 1 })).toThrow(
      /fitSmoothedQuantileRegression: quantile/,
    );
    const bad = { ...stack, response: Float64Array.from(stack.response).fill(Number.NaN, 3, 4) };
    expect(() => fitSmoothedQuantileRegression(bad, { quantile: 0.5 })).toThrow(/not finite/);
  });
});
