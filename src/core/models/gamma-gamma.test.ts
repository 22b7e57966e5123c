import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpectedPurchases } from './bgnbd.ts';
import {
  expectedSpend12Months,
  expectedSpendPerTransaction,
  fitGammaGamma,
  gammaGammaConditionalExpectedSpend,
  gammaGammaCustomerLogLikelihood,
  shrunkMeanSpend,
} from './gamma-gamma.ts';
import { createSeededRandom, sampleGamma } from './seeded-random.ts';
import { simulateBgNbdCustomers } from './simulate-customers.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));

type Row = { x: number; tx: number; T: number; zbar: number };

function readSummary(): Row[] {
  // cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar (data/README.md)
  return readFileSync(`${DATA}cdnow_customers_summary_with_transactions.csv`, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const [, x = 0, tx = 0, T = 0, zbar = 0] = line.split(',').map(Number);
      return { x, tx, T, zbar };
    });
}

describe('fitGammaGamma on the CDNOW repeat buyers', () => {
  const rows = readSummary();
  const outcome = fitGammaGamma({ x: rows.map((r) => r.x), zbar: rows.map((r) => r.zbar) });

  it('is usable and reproduces p = 6.25, q = 3.74, γ = 15.44 (Fader, Hardie & Lee 2005, JMR 42(4))', () => {
    expect(outcome.ok).toBe(true);
    const fit = outcome.fit;
    expect(fit.converged).toBe(true);
    expect(outcome.diagnostics.customers).toBe(946);
    // published with two decimals: within 0.005 of 6.25 and 3.74, and within 0.01 of 15.44
    expect(Math.abs(fit.p - 6.25)).toBeLessThan(0.005);
    expect(Math.abs(fit.q - 3.74)).toBeLessThan(0.005);
    expect(Math.abs(fit.gamma - 15.44)).toBeLessThan(0.01);
  });

  it('reaches the published log-likelihood −4055.92', () => {
    // published to two decimals, so half a unit of the last digit is the tolerance
    expect(Math.abs(outcome.fit.logLikelihood + 4055.92)).toBeLessThan(0.005);
  });

  it('gives the conditional expected spend of the first 10 customers (lifetimes docs: 24.65, 18.91, 35.17, …)', () => {
    if (!outcome.ok) throw new Error(outcome.reason);
    const published = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    const ours = rows.slice(0, 10).map((r) => gammaGammaConditionalExpectedSpend(outcome.fit, r));
    // the published list is truncated to cents (the first value is 24.658…), so allow one cent
    ours.forEach((value, i) => expect(Math.abs(value - (published[i] ?? 0))).toBeLessThan(0.01));
    // customers without repeat purchases get the population mean γp/(q − 1)
    expect(ours[2]).toBeCloseTo(outcome.diagnostics.impliedMeanSpend, 10);
  });

  it('has a total log-likelihood equal to the sum of the per-customer terms', () => {
    const fit = outcome.fit;
    const total = rows
      .filter((r) => r.x > 0)
      .reduce((s, r) => s + gammaGammaCustomerLogLikelihood(fit, r), 0);
    expect(total).toBeCloseTo(fit.logLikelihood, 6);
  });

  it('predicts 12-month spend as BG/NBD conditional purchases × Gamma-Gamma spend', () => {
    const bgNbd = { r: 0.2425945, alpha: 4.4136019, a: 0.7929199, b: 2.4258881 };
    const unitsPerYear = 365.25 / 7;
    const spend = expectedSpend12Months({ bgNbd, spend: outcome }, rows.slice(0, 10), {
      unitsPerYear,
    });
    rows.slice(0, 10).forEach((r, i) => {
      const expected =
        bgNbdConditionalExpectedPurchases(bgNbd, r, unitsPerYear) *
        expectedSpendPerTransaction(outcome, r);
      expect(spend[i]).toBeCloseTo(expected, 10);
      expect(spend[i]).toBeGreaterThan(0);
    });
  });
});

/**
 * Customers' mean spend is Pareto(scale 20, tail index `tail`); each of 1..8 transactions is
 * Gamma(4) around it. Gamma-Gamma's q plays the role of that tail index.
 */
function heavyTailedSpend(tail: number, seed: number): { x: number[]; zbar: number[] } {
  const random = createSeededRandom(seed);
  const x: number[] = [];
  const zbar: number[] = [];
  for (let i = 0; i < 3000; i += 1) {
    const mean = 20 / Math.pow(1 - random(), 1 / tail);
    const n = 1 + Math.floor(random() * 8);
    let total = 0;
    for (let j = 0; j < n; j += 1) total += sampleGamma(random, 4, 4 / mean);
    x.push(n);
    zbar.push(total / n);
  }
  return { x, zbar };
}

describe('fitGammaGamma on spend too heavy-tailed for the model', () => {
  // tail index 0.8: infinite mean in truth; the fit lands on q ≈ 1.18, "close to 1"
  const { x, zbar } = heavyTailedSpend(0.8, 2024);
  const outcome = fitGammaGamma({ x, zbar });

  it('returns ok: false with a reason instead of nonsense', () => {
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.reason).toMatch(/q = .* (≤ 1|close to 1)/);
    expect(outcome.fit.q).toBeLessThan(1.5);
  });

  it('offers the stated shrunk-mean fallback: finite, between the customer and the trimmed population mean', () => {
    if (outcome.ok) throw new Error('expected a rejected model');
    const { fallback } = outcome;
    expect(fallback.method).toBe('shrunk-mean');
    expect(fallback.description).toMatch(/shrunk towards the 10%-trimmed population mean/);
    expect(Number.isFinite(fallback.populationMean)).toBe(true);
    expect(fallback.shrinkage).toBeGreaterThanOrEqual(0.5);
    expect(fallback.shrinkage).toBeLessThanOrEqual(50);
    for (let i = 0; i < 200; i += 1) {
      const customer = { x: x[i] ?? 1, zbar: zbar[i] ?? 0 };
      const value = shrunkMeanSpend(fallback, customer);
      expect(value).toBeGreaterThanOrEqual(Math.min(customer.zbar, fallback.populationMean) - 1e-9);
      expect(value).toBeLessThanOrEqual(Math.max(customer.zbar, fallback.populationMean) + 1e-9);
      expect(expectedSpendPerTransaction(outcome, customer)).toBe(value);
    }
    expect(shrunkMeanSpend(fallback, { x: 0, zbar: 0 })).toBe(fallback.populationMean);
  });

  it('says the mean is infinite when the fitted q ≤ 1 (tail index 0.5)', () => {
    const heavier = fitGammaGamma(heavyTailedSpend(0.5, 7));
    expect(heavier.ok).toBe(false);
    if (heavier.ok) return;
    expect(heavier.fit.q).toBeLessThanOrEqual(1);
    expect(heavier.reason).toMatch(
      /q = [\d.]+ ≤ 1: the model's mean spend per transaction is infinite/,
    );
    expect(Number.isFinite(shrunkMeanSpend(heavier.fallback, { x: 3, zbar: 50 }))).toBe(true);
  });

  it('refuses to compute the Gamma-Gamma mean when q ≤ 1', () => {
    expect(() =>
      gammaGammaConditionalExpectedSpend({ p: 2, q: 0.9, gamma: 10 }, { x: 1, zbar: 10 }),
    ).toThrow(/infinite/);
  });
});

describe('fitGammaGamma on generated Gamma-Gamma data', () => {
  it('recovers p, q, γ and calls the model usable', () => {
    const truth = { p: 6, q: 4, gamma: 15 };
    const data = simulateBgNbdCustomers(
      { r: 2, alpha: 4, a: 0.5, b: 5 },
      { customers: 5000, random: createSeededRandom(5), spend: truth },
    );
    const outcome = fitGammaGamma({ x: data.x, zbar: data.zbar });
    expect(outcome.ok).toBe(true);
    expect(Math.abs(outcome.fit.p / truth.p - 1)).toBeLessThan(0.15);
    expect(Math.abs(outcome.fit.q / truth.q - 1)).toBeLessThan(0.15);
    expect(Math.abs(outcome.fit.gamma / truth.gamma - 1)).toBeLessThan(0.3);
  });

  it('rejects the model when spend grows with frequency (the model assumes independence)', () => {
    const random = createSeededRandom(3);
    const x: number[] = [];
    const zbar: number[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const n = 1 + Math.floor(random() * 10);
      x.push(n);
      zbar.push(sampleGamma(random, 20, 20 / (10 * n)));
    }
    const outcome = fitGammaGamma({ x, zbar });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toMatch(/correlated/);
  });

  it('rejects malformed data, naming the function', () => {
    expect(() => fitGammaGamma({ x: [1, 2], zbar: [1] })).toThrow(/fitGammaGamma: .*equal lengths/);
    expect(() => fitGammaGamma({ x: [0, 0, 1], zbar: [0, 0, 5] })).toThrow(
      /at least 3 repeat buyers/,
    );
  });
});
