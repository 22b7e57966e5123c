import { describe, expect, it } from 'vitest';
import { erfcx, normalDensity, normalUpperTail } from './normal-tail.ts';

// Reference values: mpmath 1.3 `ncdf(-u)` at 40 significant digits, rounded to doubles.
const REFERENCE: [number, number][] = [
  [-3, 0.9986501019683699],
  [-1, 0.8413447460685429],
  [0, 0.5],
  [0.5, 0.3085375387259869],
  [1, 0.15865525393145705],
  [2, 0.02275013194817921],
  [3, 0.0013498980316300946],
  [4, 3.1671241833119924e-5],
];

describe('normalUpperTail', () => {
  it('matches mpmath to 3e-15 relative for |u| ≤ 4', () => {
    for (const [u, expected] of REFERENCE) {
      expect(Math.abs(normalUpperTail(u) / expected - 1)).toBeLessThan(3e-15);
    }
  });

  it('keeps relative accuracy far in the tail (mpmath: P(Z > 5) = 2.866515718791939e-7, P(Z > 8) = 6.220960574271784e-16)', () => {
    expect(Math.abs(normalUpperTail(5) / 2.866515718791939e-7 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(normalUpperTail(8) / 6.220960574271784e-16 - 1)).toBeLessThan(1e-9);
    expect(normalUpperTail(40)).toBe(0);
    expect(normalUpperTail(-40)).toBe(1);
  });

  it('is symmetric and consistent with the density', () => {
    for (const u of [0.1, 0.7, 1.3, 2.9]) {
      expect(normalUpperTail(u) + normalUpperTail(-u)).toBeCloseTo(1, 15);
      // the derivative of P(Z > u) is −φ(u); central difference, step 1e-5
      const slope = (normalUpperTail(u + 1e-5) - normalUpperTail(u - 1e-5)) / 2e-5;
      expect(slope).toBeCloseTo(-normalDensity(u), 9);
    }
    expect(erfcx(0)).toBe(1);
    expect(erfcx(-1)).toBeNaN();
    expect(normalUpperTail(Number.NaN)).toBeNaN();
  });
});
