import { describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore } from '../../test/stores.ts';
import { scoreWorkspace } from '../app/score-workspace.ts';
import { insertBacktest, listBacktests, readBacktestRows } from './backtest-queries.ts';

describe.each(ENGINES)('backtest queries on %s', (engine) => {
  it('revenue before the cutoff and in the horizon match a plain TypeScript sum over the invoices', async () => {
    const store = await openDemoStore(engine, {
      accounts: 300,
      seed: 4,
      years: 5,
      until: '2026-10-31',
    });
    const cutoff = '2025-02-28';
    const horizonEnd = '2025-08-28';
    const run = await scoreWorkspace(store, { asOf: cutoff });
    const rows = await readBacktestRows(store, {
      runId: run.id,
      beforeStart: '2024-08-28',
      cutoff,
      horizonEnd,
    });
    const invoices = await store.all<{ account_id: number; issued_on: string; amount: number }>(
      'SELECT account_id, CAST(issued_on AS VARCHAR) AS issued_on, CAST(amount AS DOUBLE PRECISION) AS amount FROM invoice',
    );
    // the oracle: (2024-08-28, 2025-02-28] before, (cutoff, horizonEnd] after
    const before = new Map<number, number>();
    const after = new Map<number, number>();
    for (const i of invoices) {
      const id = Number(i.account_id);
      if (i.issued_on > '2024-08-28' && i.issued_on <= cutoff)
        before.set(id, (before.get(id) ?? 0) + Number(i.amount));
      if (i.issued_on > cutoff && i.issued_on <= horizonEnd)
        after.set(id, (after.get(id) ?? 0) + Number(i.amount));
    }
    expect(rows.accountId).toHaveLength(run.accounts);
    rows.accountId.forEach((id, k) => {
      expect(rows.revenueBefore[k]).toBeCloseTo(before.get(id) ?? 0, 6);
      expect(rows.revenueHorizon[k]).toBeCloseTo(after.get(id) ?? 0, 6);
    });
    expect([...after.values()].some((v) => v > 0)).toBe(true);

    const id = await insertBacktest(store, {
      modelHash: run.modelHash,
      modelName: run.modelName,
      runId: run.id,
      cutoff,
      horizonMonths: 6,
      metrics: '{"accounts":300}',
    });
    expect(await listBacktests(store, 5)).toEqual([
      expect.objectContaining({
        id,
        runId: run.id,
        cutoff,
        horizonMonths: 6,
        metrics: '{"accounts":300}',
      }),
    ]);
    await store.close();
  });
});
