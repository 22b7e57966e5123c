import { describe, expect, it } from 'vitest';
import { solveCholesky } from './solve-cholesky.ts';

describe('solveCholesky', () => {
  it('solves the textbook system A = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] (L = [[2], [6, 1], [−8, 5, 3]])', () => {
    const a = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
    // b = A · (1, 2, 3)
    const x = solveCholesky(a, Float64Array.from([-20, -43, 192]), 3);
    expect(x).not.toBeNull();
    expect(Array.from(x ?? [])).toEqual([1, 2, 3].map((v) => expect.closeTo(v, 12) as number));
  });

  it('returns null for a matrix that is not positive definite', () => {
    expect(solveCholesky(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toBeNull();
    expect(solveCholesky(Float64Array.from([1, 1, 1, 1]), Float64Array.from([1, 1]), 2)).toBeNull();
  });
});
