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
      // a run as of today: hysteresis of the next cutoff run would read its tiers
      await scoreWorkspace(store);
      const second = await runBacktest(store, { cutoffs: [cutoff] });
      const after = await readBacktestTiers(store, second.results[0]?.runId ?? 0);
      expect(tier1Of(after)).toEqual(tier1Of(before));
      expect(after).toEqual(before);
      // the run's stored tiers did move (hysteresis read the later run's tiers): that is why the
      // backtest takes tiers from the scores and thresholds, without hysteresis
      expect(second.results[0]?.metrics.hysteresisDifferences).toBeGreaterThan(0);
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
      'seed %i: Tier 1 captures more growth than random selection, stores and lists the result',
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
        // better than chance: above the 97.5% point of 1,000 random selections of the same size
        expect(m.tier1.share ?? 0).toBeGreaterThan(m.random.high ?? 1);
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

    // DOES NOT HOLD on the demo data, so it is not asserted (nothing was tuned to make it hold).
    // Measured (seed 3 / seed 7): Tier 1 captures 21.3% / 28.3% of next year's positive growth,
    // the value-only top 142 by revenue 61.1% / 57.6%, random 10.0% (95% of draws 4.3-17.0% /
    // 4.4-19.5%). Positive growth is counted in dollars, and dollars of growth follow size: the
    // value-only set (median revenue ~$165k) grows by ~$60k per account, Tier 1 (median ~$25k) by
    // ~$25k, and Spearman's rho between need or value score and growth is only 0.04-0.08.
    it.todo(
      "seeds 3 and 7: the default model's Tier 1 captures >= value-only + 5 points of next year's growth",
    );

    it('rolling cutoffs: one result per cutoff, a summary over the cutoffs with a full horizon', async () => {
      const store = await demoStore(engine, 3, 500);
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
