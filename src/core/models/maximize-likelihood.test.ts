import gammaln from '@stdlib/math-base-special-gammaln';
import { describe, expect, it } from 'vitest';
import { maximizeLikelihood, numericHessian } from './maximize-likelihood.ts';
import { createSeededRandom, sampleGamma } from './seeded-random.ts';

describe('maximizeLikelihood', () => {
  // Gamma(shape k, rate λ) sample: the MLE satisfies λ = k / mean and ln k − ψ(k) = ln mean − mean(ln x)
  const random = createSeededRandom(42);
  const sample = Array.from({ length: 2000 }, () => sampleGamma(random, 2.5, 0.5));
  const n = sample.length;
  const sum = sample.reduce((s, v) => s + v, 0);
  const sumLog = sample.reduce((s, v) => s + Math.log(v), 0);
  const ll = (p: Float64Array): number => {
    const k = p[0] ?? 1;
    const rate = p[1] ?? 1;
    return n * (k * Math.log(rate) - gammaln(k)) + (k - 1) * sumLog - rate * sum;
  };

  it('finds the gamma MLE from several starts and says so', () => {
    const result = maximizeLikelihood(ll, {
      names: ['shape', 'rate'],
      starts: [
        [1, 1],
        [10, 0.1],
        [0.2, 5],
      ],
    });
    expect(result.converged).toBe(true);
    expect(result.atBoundary).toEqual([]);
    const [k = 0, rate = 0] = result.estimates;
    // first-order condition for the rate: λ = k / mean
    expect(rate).toBeCloseTo(k / (sum / n), 6);
    expect(k).toBeGreaterThan(2.2);
    expect(k).toBeLessThan(2.8);
    expect(result.starts).toHaveLength(3);
    expect(result.message).toMatch(/3 of 3 starts/);
  });

  it('standard errors match the analytic inverse information of the gamma model', () => {
    const result = maximizeLikelihood(ll, { names: ['shape', 'rate'], starts: [[1, 1]] });
    const [k = 0, rate = 0] = result.estimates;
    // information per observation: [[ψ'(k), −1/λ], [−1/λ, k/λ²]]; trigamma by its asymptotic series
    const trigamma = (z: number): number => {
      let value = 0;
      let x = z;
      while (x < 20) {
        value += 1 / (x * x);
        x += 1;
      }
      return value + 1 / x + 1 / (2 * x * x) + 1 / (6 * x ** 3) - 1 / (30 * x ** 5);
    };
    const i11 = n * trigamma(k);
    const i12 = -n / rate;
    const i22 = (n * k) / (rate * rate);
    const det = i11 * i22 - i12 * i12;
    expect(result.standardErrors[0] ?? 0).toBeCloseTo(Math.sqrt(i22 / det), 4);
    expect(result.standardErrors[1] ?? 0).toBeCloseTo(Math.sqrt(i11 / det), 4);
  });

  it('reports a parameter that runs to the edge of the box, with finite numbers', () => {
    // the likelihood keeps rising as θ1 → 0: no interior maximum
    const boundary = (p: Float64Array): number => -(p[0] ?? 0) - ((p[1] ?? 0) - 2) ** 2;
    const result = maximizeLikelihood(boundary, { names: ['theta1', 'theta2'], starts: [[1, 1]] });
    expect(result.converged).toBe(false);
    expect(result.atBoundary).toEqual(['theta1']);
    expect(result.message).toMatch(/theta1 ran to the edge/);
    expect(result.estimates.every(Number.isFinite)).toBe(true);
    expect(result.standardErrors[0]).toBeNull();
    expect(result.estimates[1]).toBeCloseTo(2, 5);
  });

  it('reports non-convergence when the budget is too small', () => {
    const result = maximizeLikelihood(ll, {
      names: ['shape', 'rate'],
      starts: [[50, 50]],
      maxEvaluationsPerStart: 5,
      maxPolishEvaluations: 5,
    });
    expect(result.converged).toBe(false);
    expect(result.message).toMatch(/no convergence/);
  });

  it('rejects malformed starts, naming the function', () => {
    expect(() => maximizeLikelihood(ll, { names: ['shape', 'rate'], starts: [] })).toThrow(
      /maximizeLikelihood: no starting point/,
    );
    expect(() => maximizeLikelihood(ll, { names: ['shape', 'rate'], starts: [[1, -1]] })).toThrow(
      /positive finite/,
    );
  });
});

describe('numericHessian', () => {
  it('differentiates a quadratic form exactly', () => {
    const f = (v: Float64Array): number =>
      3 * (v[0] ?? 0) ** 2 + 2 * (v[0] ?? 0) * (v[1] ?? 0) - (v[1] ?? 0) ** 2;
    const h = numericHessian(f, [0.3, -1.2]);
    expect(Array.from(h).map((v) => Number(v.toFixed(6)))).toEqual([6, 2, 2, -2]);
  });
});
