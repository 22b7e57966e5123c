import { describe, expect, it } from 'vitest';
import { minimizeNelderMead } from './nelder-mead.ts';

describe('minimizeNelderMead', () => {
  it('finds the minimum (1, 1) of the Rosenbrock function from (−1.2, 1)', () => {
    // the classic test problem (Rosenbrock 1960); known minimum f(1, 1) = 0
    const rosenbrock = (v: Float64Array): number =>
      100 * ((v[1] ?? 0) - (v[0] ?? 0) ** 2) ** 2 + (1 - (v[0] ?? 0)) ** 2;
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1], {
      maxEvaluations: 5000,
      xTolerance: 1e-9,
      fTolerance: 1e-16,
    });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
  });

  it('minimises a 4-dimensional quadratic with a shrink-prone start', () => {
    const centre = [3, -2, 0.5, 10];
    const f = (v: Float64Array): number =>
      centre.reduce((s, c, j) => s + (j + 1) * ((v[j] ?? 0) - c) ** 2, 0);
    const result = minimizeNelderMead(f, [0, 0, 0, 0], { maxEvaluations: 10_000 });
    expect(result.converged).toBe(true);
    result.x.forEach((v, j) => expect(v).toBeCloseTo(centre[j] ?? 0, 5));
  });

  it('treats non-finite values as +Infinity and stays inside the finite region', () => {
    const f = (v: Float64Array): number => ((v[0] ?? 0) < 0 ? Number.NaN : ((v[0] ?? 0) - 2) ** 2);
    const result = minimizeNelderMead(f, [0.5], {});
    expect(result.x[0]).toBeCloseTo(2, 5);
  });

  it('reports converged: false when the budget runs out', () => {
    const f = (v: Float64Array): number => ((v[0] ?? 0) - 100) ** 2 + ((v[1] ?? 0) + 100) ** 2;
    const result = minimizeNelderMead(f, [0, 0], { maxEvaluations: 20 });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(22);
  });

  it('converges on a coordinate that runs into a projected box edge', () => {
    // minimum beyond the box at x0 = 5; the clamp flattens f there, so the simplex must still stop
    const f = (v: Float64Array): number => -(v[0] ?? 0) + ((v[1] ?? 0) - 1) ** 2;
    const result = minimizeNelderMead(f, [0, 0], {
      project: (v, j) => (j === 0 ? Math.min(v, 3) : v),
      maxEvaluations: 10_000,
    });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBe(3);
    expect(result.x[1]).toBeCloseTo(1, 5);
  });
});
