import { describe, expect, it } from 'vitest';
import {
  empiricalQuantile,
  meanPinballLoss,
  pinballLoss,
  sortedQuantile,
} from './empirical-quantile.ts';

describe('empiricalQuantile', () => {
  it("matches R's quantile(type = 7): quantile(c(1, 2, 3, 4, 10), c(0, .25, .5, .8, 1)) = 1, 2, 3, 5.2, 10", () => {
    const values = [10, 3, 1, 4, 2];
    const expected = [1, 2, 3, 5.2, 10];
    [0, 0.25, 0.5, 0.8, 1].forEach((q, i) => {
      expect(empiricalQuantile(values, q)).toBeCloseTo(expected[i] ?? Number.NaN, 12);
    });
    expect(values).toEqual([10, 3, 1, 4, 2]);
    expect(sortedQuantile([7], 0.9)).toBe(7);
  });

  it('throws naming the function on empty input or q outside [0, 1]', () => {
    expect(() => empiricalQuantile([], 0.5)).toThrow(/sortedQuantile/);
    expect(() => sortedQuantile([1, 2], 1.5)).toThrow(/sortedQuantile: quantile/);
  });
});

describe('pinballLoss', () => {
  it('weights under-estimates by q and over-estimates by 1 − q (Koenker & Bassett 1978)', () => {
    expect(pinballLoss(10, 6, 0.8)).toBeCloseTo(3.2, 12);
    expect(pinballLoss(6, 10, 0.8)).toBeCloseTo(0.8, 12);
    expect(pinballLoss(5, 5, 0.3)).toBe(0);
    expect(meanPinballLoss([10, 6], [6, 10], 0.8)).toBeCloseTo(2, 12);
    expect(() => meanPinballLoss([1], [1, 2], 0.5)).toThrow(/meanPinballLoss/);
  });
});
