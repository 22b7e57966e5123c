import { readFileSync } from 'node:fs';
import digamma from '@stdlib/math-base-special-digamma';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  bgBbConditionalExpectedTransactions,
  bgBbCustomerLogLikelihood,
  bgBbExpectedTransactions,
  bgBbProbabilityAlive,
  fitBgBb,
  type BgBbParams,
} from './bgbb.ts';
import { createSeededRandom, sampleBeta } from './seeded-random.ts';

const DATA = fileURLToPath(new URL('../../../../shared/data/cdnow/', import.meta.url));

function readDonations(): {
  frequency: number[];
  recency: number[];
  periods: number[];
  weights: number[];
} {
  // donations.csv: frequency,recency,periods,weights — 11,104 donors over 6 periods (data/README.md)
  const out = {
    frequency: [] as number[],
    recency: [] as number[],
    periods: [] as number[],
    weights: [] as number[],
  };
  for (const line of readFileSync(`${DATA}donations.csv`, 'utf8').trim().split(/\r?\n/).slice(1)) {
    const [f = 0, r = 0, n = 0, w = 0] = line.split(',').map(Number);
    out.frequency.push(f);
    out.recency.push(r);
    out.periods.push(n);
    out.weights.push(w);
  }
  return out;
}

describe('fitBgBb on the donations data', () => {
  const data = readDonations();
  const fit = fitBgBb(data);

  it('reproduces α = 1.204, β = 0.750, γ = 0.657, δ = 2.783 (Fader, Hardie & Shang 2010, Marketing Science 29(6))', () => {
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(11_104);
    expect(Math.abs(fit.alpha - 1.204)).toBeLessThan(0.005);
    expect(Math.abs(fit.beta - 0.75)).toBeLessThan(0.005);
    expect(Math.abs(fit.gamma - 0.657)).toBeLessThan(0.005);
    expect(Math.abs(fit.delta - 2.783)).toBeLessThan(0.005);
  });

  it('reaches the published log-likelihood −33225.58', () => {
    // published to two decimals: half a unit of the last digit
    expect(Math.abs(fit.logLikelihood + 33225.58)).toBeLessThan(0.005);
  });

  it('has finite standard errors', () => {
    for (const se of Object.values(fit.standardErrors)) expect(se ?? Number.NaN).toBeGreaterThan(0);
  });

  it('E[X(6)] matches the mean observed frequency of the 6-period cohort within 1 %', () => {
    const total = data.frequency.reduce((s, f, i) => s + f * (data.weights[i] ?? 0), 0);
    const observed = total / 11_104;
    expect(Math.abs(bgBbExpectedTransactions(fit, 6) / observed - 1)).toBeLessThan(0.01);
  });
});

describe('BG/BB functions against a simulation of the model', () => {
  // Oracle: simulate the BG/BB process (each opportunity: die with probability θ, else transact
  // with probability p) for 400,000 customers at the published donation parameters, and compare
  // averages by history with the closed forms.
  const params: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };
  const n = 6;
  const future = 5;
  const random = createSeededRandom(99);
  const groups = new Map<string, { count: number; future: number; alive: number }>();
  let totalFirstN = 0;
  const customers = 400_000;
  for (let i = 0; i < customers; i += 1) {
    const p = sampleBeta(random, params.alpha, params.beta);
    const theta = sampleBeta(random, params.gamma, params.delta);
    let x = 0;
    let tx = 0;
    let later = 0;
    let alive = true;
    let aliveAtNext = false;
    for (let t = 1; t <= n + future; t += 1) {
      if (alive && random() < theta) alive = false;
      if (t === n + 1) aliveAtNext = alive;
      if (alive && random() < p) {
        if (t <= n) {
          x += 1;
          tx = t;
        } else {
          later += 1;
        }
      }
    }
    totalFirstN += x;
    const key = `${x},${tx}`;
    const g = groups.get(key) ?? { count: 0, future: 0, alive: 0 };
    g.count += 1;
    g.future += later;
    g.alive += aliveAtNext ? 1 : 0;
    groups.set(key, g);
  }

  it('E[X(n)] equals the simulated mean within 1 %', () => {
    expect(
      Math.abs(bgBbExpectedTransactions(params, n) / (totalFirstN / customers) - 1),
    ).toBeLessThan(0.01);
  });

  it('conditional expected transactions and P(alive) match the simulated averages by history', () => {
    for (const [x, tx] of [
      [0, 0],
      [1, 1],
      [3, 6],
      [6, 6],
      [4, 4],
    ] as const) {
      const g = groups.get(`${x},${tx}`);
      if (!g) throw new Error(`no simulated customer with history ${x},${tx}`);
      const history = { x, tx, n };
      // standard errors of the simulated averages are below 1-2 % for these well-filled groups
      expect(
        Math.abs(bgBbConditionalExpectedTransactions(params, history, future) - g.future / g.count),
      ).toBeLessThan(0.05 + 0.03 * (g.future / g.count));
      expect(Math.abs(bgBbProbabilityAlive(params, history) - g.alive / g.count)).toBeLessThan(
        0.02,
      );
    }
  });

  it('the likelihood of all histories of n periods sums to 1', () => {
    let total = 0;
    total += Math.exp(bgBbCustomerLogLikelihood(params, { x: 0, tx: 0, n }));
    for (let tx = 1; tx <= n; tx += 1) {
      for (let x = 1; x <= tx; x += 1) {
        // histories with x transactions, the last at tx: C(tx − 1, x − 1) orderings share one likelihood
        let ways = 1;
        for (let k = 1; k <= x - 1; k += 1) ways = (ways * (tx - 1 - (x - 1) + k)) / k;
        total += ways * Math.exp(bgBbCustomerLogLikelihood(params, { x, tx, n }));
      }
    }
    expect(total).toBeCloseTo(1, 10);
  });

  it('at γ = 1, where the closed form is 0/0, E[X(n)] equals its limit α/(α+β) · δ · (ψ(1+δ+n) − ψ(1+δ))', () => {
    const { alpha, beta, delta } = params;
    const limit = (alpha / (alpha + beta)) * delta * (digamma(1 + delta + 10) - digamma(1 + delta));
    expect(bgBbExpectedTransactions({ ...params, gamma: 1 }, 10)).toBeCloseTo(limit, 7);
  });

  it('rejects impossible histories, naming the function', () => {
    expect(() => bgBbProbabilityAlive(params, { x: 3, tx: 2, n: 6 })).toThrow(
      /bgBbProbabilityAlive/,
    );
    expect(() => fitBgBb({ frequency: [1], recency: [7], periods: [6] })).toThrow(/fitBgBb: row 0/);
  });
});
