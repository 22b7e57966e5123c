import { describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore, type Engine } from '../../test/stores.ts';
import type { Store } from '../db/store.ts';
import { listStoredBacktests, readBacktestTiers, runBacktest } from './backtest.ts';
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
      const before = await readBacktestTiers(store, first.results[0]?.runId ?? 0);
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
      const after = await readBacktestTiers(store, second.results[0]?.runId ?? 0);
      expect(tier1Of(after)).toEqual(tier1Of(before));
      expect(after).toEqual(before);
      // a backtest run has no hysteresis base (a later run must not steer it): its stored tiers
      // are the tiers by score
      expect(second.results[0]?.metrics.hysteresisDifferences).toBe(0);
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

// The must-hold, on the demo workspace as `npm start` makes it (5,000 accounts), several
// seeds. The metrics do not depend on the engine (see above), so DuckDB alone.
describe('the default model on the demo data (5,000 accounts, cutoff -12m)', () => {
  it.each([
    { seed: 3, tier1: 0.397, valueOnly: -0.172 },
    { seed: 5, tier1: 0.514, valueOnly: -0.209 },
    { seed: 7, tier1: 0.465, valueOnly: -0.113 },
  ])(
    "seed $seed: Tier 1 holds $tier1 of next year's net growth, the value-only stack-rank $valueOnly",
    async ({ seed, tier1, valueOnly }) => {
      const store = await openDemoStore('duckdb', {
        accounts: 5000,
        seed,
        years: 5,
        until: '2026-10-31',
      });
      const report = await runBacktest(store, { cutoffs: ['-12m'] });
      await store.close();
      const m = report.results[0]?.metrics;
      if (!m) throw new Error('no result');
      expect(m.tier1.share).toBeCloseTo(tier1, 3);
      expect(m.valueOnly.share).toBeCloseTo(valueOnly, 3);
      // clearly more than the value-only stack-rank of the same size, and more than chance
      expect(m.advantageOverValueOnly ?? 0).toBeGreaterThanOrEqual(0.05);
      expect(m.tier1.share ?? 0).toBeGreaterThan(m.random.high ?? 1);
    },
    120_000,
  );
});
