import { describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore, type Engine } from '../../test/stores.ts';
import { readRunTiers } from '../db/score-runs.ts';
import type { Store } from '../db/store.ts';
import { backtestFigures, listStoredBacktests, runBacktest } from './backtest.ts';
import type { BacktestMetrics } from '../core/backtest/measure-backtest.ts';
import { scoreWorkspace } from './score-workspace.ts';

async function demoStore(engine: Engine, seed: number, accounts = 1500): Promise<Store> {
  return openDemoStore(engine, { accounts, seed, years: 5, until: '2026-10-31' });
}

const tier1Of = (tiers: ReadonlyMap<number, string>): number[] =>
  [...tiers].filter(([, t]) => t === '1a' || t === '1b').map(([id]) => id);

describe.each(ENGINES)('%s', (engine) => {
  describe('backtest leak', () => {
    it('invoices and deals dated after the cutoff, and a later run, leave the Tier 1 set at the cutoff unchanged', async () => {
      const store = await demoStore(engine, 5, 600);
      const cutoff = '2025-10-31';
      const first = await runBacktest(store, { cutoffs: [cutoff] });
      const before = await readRunTiers(store, first.results[0]?.runId ?? 0);
      const accounts = (await store.all<{ id: number }>('SELECT id FROM account ORDER BY id')).map(
        (r) => Number(r.id),
      );
      // large late business for every 7th account, a day to a year after the cutoff
      for (const [k, id] of accounts.filter((_, i) => i % 7 === 0).entries()) {
        const day = `2025-11-${String(1 + (k % 28)).padStart(2, '0')}`;
        const later = `2026-${String(1 + (k % 9)).padStart(2, '0')}-15`;
        await store.run(
          `INSERT INTO invoice (source, external_id, account_id, account_match, issued_on, due_on, amount, import_id)
         VALUES ('late', $1, $2, 'id', CAST($3 AS DATE), CAST($3 AS DATE), 2500000, 0)`,
          [`INV-${k}`, id, later],
        );
        await store.run(
          `INSERT INTO deal (source, external_id, account_id, account_match, amount, stage, type, created_on, close_date, import_id)
         VALUES ('late', $1, $2, 'id', 900000, 'won', 'expansion', CAST($3 AS DATE), CAST($3 AS DATE), 0)`,
          [`DEAL-${k}`, id, day],
        );
      }
      // a run as of today, which knows the late records
      await scoreWorkspace(store);
      const second = await runBacktest(store, { cutoffs: [cutoff] });
      const after = await readRunTiers(store, second.results[0]?.runId ?? 0);
      expect(tier1Of(after)).toEqual(tier1Of(before));
      expect(after).toEqual(before);
      // the outcomes did see the late invoices
      expect(second.results[0]?.metrics.positiveGrowth).toBeGreaterThan(
        first.results[0]?.metrics.positiveGrowth ?? Infinity,
      );
      await store.close();
    });
  });

  describe('backtest on the demo data (1,500 accounts, cutoff -12m)', () => {
    // the metrics are TypeScript over rows that backtest-queries.test.ts shows both engines read
    // alike: on PostgreSQL one seed of the two is enough
    it.each(engine === 'duckdb' ? [3, 7] : [3])(
      'seed %i: Tier 1 is about 10%, grows more than random selection on average, stores and lists the result',
      async (seed) => {
        const store = await demoStore(engine, seed);
        const report = await runBacktest(store, { cutoffs: ['-12m'] });
        const result = report.results[0];
        expect(result).toMatchObject({
          cutoff: '2025-10-31',
          horizonEnd: '2026-10-31',
          complete: true,
        });
        const m = result?.metrics;
        if (!m) throw new Error('no result');
        // Tier 1 is about 10% of the scored accounts; value-only takes the same number
        expect(m.valueOnly.accounts).toBe(m.tier1.accounts);
        expect(Math.abs(m.tier1.accounts / m.accounts - 0.1)).toBeLessThanOrEqual(0.01);
        // 1,500 accounts are too few to beat random's 95% range on net growth (see below)
        expect(m.tier1.share ?? 0).toBeGreaterThan(m.random.expected ?? 1);
        const listed = await listStoredBacktests(store);
        expect(listed[0]).toMatchObject({
          id: result?.id,
          runId: result?.runId,
          cutoff: '2025-10-31',
          horizonMonths: 12,
          modelName: result?.modelName,
          modelHash: result?.modelHash,
        });
        expect(listed[0]?.metrics.tier1).toEqual(m.tier1);
        await store.close();
      },
    );

    it('rolling cutoffs: one result per cutoff, a summary over the cutoffs with a full horizon', async () => {
      const store = await demoStore(engine, 3);
      const report = await runBacktest(store, {
        cutoffs: ['2025-04-30', '-12m', '-6m'],
        draws: 200,
      });
      expect(report.results.map((r) => [r.cutoff, r.complete])).toEqual([
        ['2025-04-30', true],
        ['2025-10-31', true],
        ['2026-04-30', false],
      ]);
      const advantages = report.results
        .slice(0, 2)
        .map((r) => r.metrics.advantageOverValueOnly ?? 0);
      expect(report.summaries[0]?.advantage.count).toBe(2);
      expect(report.summaries[0]?.advantage.mean).toBeCloseTo(
        ((advantages[0] ?? 0) + (advantages[1] ?? 0)) / 2,
        12,
      );
      await expect(runBacktest(store, { cutoffs: ['2026-10-31'] })).rejects.toThrow(
        'leaves nothing to measure',
      );
      await store.close();
    });
  });
});

// The must-hold, on the demo workspace as `npm start` makes it (5,000 accounts), ten
// seeds, three yearly horizons each. The metrics do not depend on the engine (see above), so
// DuckDB alone. At a single cutoff a 5,000-account book is noisy: at -12m seed 2 falls short by
// 2.3 points and seed 10 wins by 1.8 (the note of issue 7 lists every figure).
describe('the default model on the demo data (5,000 accounts, cutoffs -24m, -18m, -12m)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    "seed %i: Tier 1 captures clearly more of next year's net growth than the value-only stack-rank",
    async (seed) => {
      const store = await openDemoStore('duckdb', {
        accounts: 5000,
        seed,
        years: 5,
        until: '2026-10-31',
      });
      const report = await runBacktest(store, { cutoffs: ['-24m', '-18m', '-12m'], draws: 200 });
      await store.close();
      const metrics = report.results.map((r) => r.metrics);
      const ahead = metrics.filter((m) => (m.advantageOverValueOnly ?? -1) > 0);
      // the 97.5% point of random selections moves with the draws (net growth is heavy-tailed
      // and internal ids, which order the draws, are given out in no fixed order): above it in
      // one year at least, and above random's expected share in every year
      const aboveChance = metrics.filter((m) => (m.tier1.share ?? 0) > (m.random.high ?? 1));
      const aboveExpected = metrics.filter((m) => (m.tier1.share ?? 0) > (m.random.expected ?? 1));
      // clearly more on average over the three years, and ahead in at least two of them
      expect(report.summaries[0]?.advantage.count).toBe(3);
      expect(report.summaries[0]?.advantage.mean).toBeGreaterThanOrEqual(0.05);
      expect(ahead.length).toBeGreaterThanOrEqual(2);
      expect(aboveChance.length).toBeGreaterThanOrEqual(1);
      expect(aboveExpected.length).toBe(3);
      if (seed === 3) {
        // the figures of the note: Tier 1 39.5%, value-only -17.1% at -12m
        expect(metrics[2]?.tier1.share).toBeCloseTo(0.395, 3);
        expect(metrics[2]?.valueOnly.share).toBeCloseTo(-0.171, 3);
      }
    },
    120_000,
  );
});

describe('backtestFigures', () => {
  it('shows metrics stored before shares were of net growth as increases only, with no net shares', () => {
    // the shape stored until shares became shares of net growth: no netGrowth, share = increases
    const legacy = {
      accounts: 10,
      positiveGrowth: 750,
      tier1: { accounts: 3, share: 0.4 },
      tier1a: { accounts: 2, share: 0.3 },
      tier1b: { accounts: 1, share: 0.1 },
      valueOnly: { accounts: 3, share: 0.6 },
      random: { expected: 0.3, low: 0.1, high: 0.5, draws: 10, seed: 1 },
      advantageOverValueOnly: -0.2,
      topGrowth: { accounts: 1, hits: 1, precision: 1 / 3, recall: 1 },
    } as unknown as BacktestMetrics;
    expect(backtestFigures({ modelName: 'm', modelHash: 'h', metrics: legacy })).toEqual({
      modelName: 'm',
      modelHash: 'h',
      tier1Accounts: 3,
      tier1: null,
      tier1a: null,
      tier1b: null,
      valueOnly: null,
      random: { expected: null, low: null, high: null },
      advantageOverValueOnly: null,
      gains: { tier1: 0.4, valueOnly: 0.6 },
      growth: { book: null, tier1: null, valueOnly: null },
      precision: 1 / 3,
      recall: 1,
    });
  });
});
