import hyp2f1 from '@stdlib/math-base-special-hyp2f1';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fitSbg,
  sbgChurnProbability,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedExpectedResidualLifetime,
  sbgLogLikelihood,
  sbgProjectSurvival,
  sbgRetentionRate,
  sbgSurvival,
} from './sbg.ts';

// Fader & Hardie (2007), "How to project customer retention", J. Interactive Marketing 21(1),
// Table 1: customers alive out of 1,000 at the start of years 0..12 (via data/README.md).
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];
const calibration = (cohort: number[]): number[] => cohort.slice(0, 8); // years 0..7; 8..12 are the holdout

describe('fitSbg', () => {
  it('reproduces the regular cohort estimates (Fader & Hardie 2007: α = 0.704, β = 1.182; full-precision MLE LL −1680.2652)', () => {
    const fit = fitSbg(calibration(REGULAR));
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.alpha - 0.704)).toBeLessThan(0.005);
    expect(Math.abs(fit.beta - 1.182)).toBeLessThan(0.005);
    // full precision α = 0.704077, β = 1.182043 (data/README.md)
    expect(fit.alpha).toBeCloseTo(0.704077, 4);
    expect(fit.beta).toBeCloseTo(1.182043, 4);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-1680.2652 - 1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-1680.2652, 3);
  });

  it('reproduces the high-end cohort estimates (Fader & Hardie 2007: α = 0.668, β = 3.806; full-precision LL −1611.1581)', () => {
    const fit = fitSbg(calibration(HIGH_END));
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.alpha - 0.668)).toBeLessThan(0.005);
    expect(Math.abs(fit.beta - 3.806)).toBeLessThan(0.005);
    expect(fit.alpha).toBeCloseTo(0.668088, 4);
    expect(fit.beta).toBeCloseTo(3.806095, 4);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-1611.1581 - 1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-1611.1581, 3);
  });

  it('gives finite positive standard errors that match a finer Hessian', () => {
    const fit = fitSbg(calibration(HIGH_END));
    const { alpha, beta } = fit.standardErrors;
    expect(alpha).not.toBeNull();
    expect(beta).not.toBeNull();
    // reference: the inverse of the analytic-by-finite-difference information at the MLE
    // with a much smaller step in the natural scale (independent of the fitter's log-scale Hessian)
    const h = 1e-4;
    const ll = (a: number, b: number): number =>
      sbgLogLikelihood({ alpha: a, beta: b }, calibration(HIGH_END));
    const a = fit.alpha;
    const b = fit.beta;
    const haa = (ll(a + h, b) - 2 * ll(a, b) + ll(a - h, b)) / (h * h);
    const hbb = (ll(a, b + h) - 2 * ll(a, b) + ll(a, b - h)) / (h * h);
    const hab =
      (ll(a + h, b + h) - ll(a + h, b - h) - ll(a - h, b + h) + ll(a - h, b - h)) / (4 * h * h);
    const det = haa * hbb - hab * hab;
    expect(alpha ?? 0).toBeCloseTo(Math.sqrt(-hbb / det), 3);
    expect(beta ?? 0).toBeCloseTo(Math.sqrt(-haa / det), 2);
  });

  it('rejects malformed survivor counts, naming the function', () => {
    expect(() => fitSbg([1000])).toThrow(/fitSbg/);
    expect(() => fitSbg([1000, 1100])).toThrow(/must not increase/);
    expect(() => fitSbg([1000, -1])).toThrow(/non-negative/);
    expect(() => fitSbg([1000, 1000, 1000])).toThrow(/nobody churned/);
  });
});

describe('sBG projections at the high-end estimates', () => {
  const fit = fitSbg(calibration(HIGH_END));

  it('projects survival for years 8..12 as published (Fader & Hardie 2007: 0.460, 0.436, 0.414, 0.395, 0.378)', () => {
    const projected = sbgProjectSurvival(fit, 12).slice(8);
    [0.46, 0.436, 0.414, 0.395, 0.378].forEach((expected, i) => {
      expect(Math.abs((projected[i] ?? 0) - expected)).toBeLessThan(5e-4);
    });
  });

  it('gives DERL 7.530 at d = 0.10 after 7 renewals (Fader & Hardie 2010, Marketing Science 29(1), via data/README.md)', () => {
    expect(Math.abs(sbgDiscountedExpectedResidualLifetime(fit, 0.1, 7) - 7.53)).toBeLessThan(5e-4);
  });

  it('gives a new customer DEL of 5.922 (high end) and 3.695 (regular) at d = 0.10 (Fader & Hardie 2010)', () => {
    expect(Math.abs(sbgDiscountedExpectedLifetime(fit, 0.1) - 5.922)).toBeLessThan(5e-4);
    const regular = fitSbg(calibration(REGULAR));
    expect(Math.abs(sbgDiscountedExpectedLifetime(regular, 0.1) - 3.695)).toBeLessThan(5e-4);
  });

  it('DEL equals the discounted sum of survival, Σ_t S(t)/(1+d)^t (series truncated at 5,000 periods)', () => {
    let sum = 0;
    for (let t = 0; t < 5000; t += 1) sum += sbgSurvival(fit, t) / 1.1 ** t;
    expect(sbgDiscountedExpectedLifetime(fit, 0.1)).toBeCloseTo(sum, 8);
  });

  it('DERL equals Σ_t S(n+t)/S(n−1)/(1+d)^t, the conditional survival discounted from the next period', () => {
    const n = 8;
    let sum = 0;
    for (let t = 1; t < 5000; t += 1)
      sum += sbgSurvival(fit, n - 1 + t) / sbgSurvival(fit, n - 1) / 1.1 ** (t - 1);
    expect(sbgDiscountedExpectedResidualLifetime(fit, 0.1, 7)).toBeCloseTo(sum, 8);
  });
});

describe('sBG identities (property tests)', () => {
  const params = fc.record({
    alpha: fc.double({ min: 0.05, max: 20, noNaN: true }),
    beta: fc.double({ min: 0.05, max: 20, noNaN: true }),
  });

  it('S(t) = S(t−1) · r_t and S(t−1) − S(t) = P(T = t)', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 60 }), (p, t) => {
        const s = sbgSurvival(p, t);
        const previous = sbgSurvival(p, t - 1);
        expect(s).toBeCloseTo(previous * sbgRetentionRate(p, t), 10);
        expect(previous - s).toBeCloseTo(sbgChurnProbability(p, t), 10);
      }),
    );
  });

  it('retention rises with tenure (heterogeneity sorts out the churners)', () => {
    fc.assert(
      fc.property(params, fc.integer({ min: 1, max: 60 }), (p, t) => {
        expect(sbgRetentionRate(p, t + 1)).toBeGreaterThanOrEqual(sbgRetentionRate(p, t));
      }),
    );
  });
});

describe('the 2F1 behind DEL and DERL, near |z| → 1', () => {
  // @stdlib's hyp2f1 against closed forms (Abramowitz & Stegun 15.1.3, 15.1.6, 15.1.8)
  it.each([0.9, 0.99, 0.9999999, -0.999])('2F1(1, 1; 2; z) = −ln(1 − z)/z at z = %d', (z) => {
    expect(hyp2f1(1, 1, 2, z) / (-Math.log(1 - z) / z)).toBeCloseTo(1, 10);
  });

  it('2F1(1/2, 1/2; 3/2; z²) = arcsin(z)/z at z = 0.999', () => {
    expect(hyp2f1(0.5, 0.5, 1.5, 0.999 ** 2)).toBeCloseTo(Math.asin(0.999) / 0.999, 10);
  });

  it('2F1(a, b; b; z) = (1 − z)^−a at z = 0.999', () => {
    expect(hyp2f1(0.3, 2.5, 2.5, 0.999) / (1 - 0.999) ** -0.3).toBeCloseTo(1, 10);
  });
});

describe('a degenerate cohort', () => {
  it('is not reported as converged when the maximum runs to the edge of the parameter space', () => {
    // 9 of 10 customers leave after year one, the last one never does: alpha and beta both head to 0
    const fit = fitSbg([10, 1, 1, 1]);
    expect(fit.converged).toBe(false);
  });
});
