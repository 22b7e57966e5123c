import type { Tier } from '../core/scoring/assign-tiers.ts';
import type { Store } from './store.ts';

/** Per account of a run: its tier and revenue before the cutoff and in the horizon (parallel arrays). */
export type BacktestRows = {
  accountId: number[];
  tier: Tier[];
  revenueBefore: number[];
  revenueHorizon: number[];
};

/**
 * Revenue per scored account of a run in (before start, cutoff] and in (cutoff, horizon end], from
 * invoices (portable SQL). Parameters: the run, the cutoff, the horizon's last day and the start
 * of the period before (the cutoff less the horizon's length, so that both periods are alike).
 */
const OUTCOMES_SQL = `
WITH params AS (SELECT CAST($2 AS DATE) AS t, CAST($3 AS DATE) AS h, CAST($4 AS DATE) AS b)
SELECT s.account_id, s.tier,
  coalesce(sum(CAST(i.amount AS DOUBLE PRECISION)) FILTER (WHERE i.issued_on <= p.t), 0) AS revenue_before,
  coalesce(sum(CAST(i.amount AS DOUBLE PRECISION)) FILTER (WHERE i.issued_on > p.t), 0) AS revenue_horizon
FROM account_score s CROSS JOIN params p
LEFT JOIN invoice i ON i.account_id = s.account_id
  AND i.issued_on > p.b AND i.issued_on <= p.h
WHERE s.run_id = $1
GROUP BY s.account_id, s.tier
ORDER BY s.account_id
`;

/**
 * The accounts of run `runId` with their tier and revenue in (beforeStart, cutoff] and in (cutoff,
 * horizonEnd] (ISO dates).
 */
export async function readBacktestRows(
  store: Store,
  options: { runId: number; beforeStart: string; cutoff: string; horizonEnd: string },
): Promise<BacktestRows> {
  const c = await store.columns(OUTCOMES_SQL, [
    options.runId,
    options.cutoff,
    options.horizonEnd,
    options.beforeStart,
  ]);
  const numbers = (name: string): number[] =>
    (c[name] ?? []).map((v) => (v === null || v === undefined ? NaN : Number(v)));
  return {
    accountId: numbers('account_id'),
    tier: (c.tier ?? []).map((t) => String(t) as Tier),
    revenueBefore: numbers('revenue_before'),
    revenueHorizon: numbers('revenue_horizon'),
  };
}

export type BacktestRecord = {
  modelHash: string;
  modelName: string;
  runId: number;
  cutoff: string;
  horizonMonths: number;
  /** The metrics, JSON. */
  metrics: string;
};

export type StoredBacktest = BacktestRecord & { id: number; createdAt: string };

/** Stores one backtest (a model at a cutoff) and returns its id. */
export async function insertBacktest(store: Store, record: BacktestRecord): Promise<number> {
  const [row] = await store.all<{ id: number }>(
    `INSERT INTO backtest (created_at, model_hash, model_name, run_id, cutoff, horizon_months, metrics)
     VALUES (CURRENT_TIMESTAMP, $1, $2, $3, CAST($4 AS DATE), $5, $6) RETURNING id`,
    [
      record.modelHash,
      record.modelName,
      record.runId,
      record.cutoff,
      record.horizonMonths,
      record.metrics,
    ],
  );
  return Number(row?.id);
}

/** The latest stored backtests, newest first. */
export async function listBacktests(store: Store, limit: number): Promise<StoredBacktest[]> {
  const rows = await store.all(
    `SELECT id, CAST(created_at AS VARCHAR) AS created_at, model_hash, model_name, run_id,
            CAST(cutoff AS VARCHAR) AS cutoff, horizon_months, metrics
     FROM backtest ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    createdAt: String(r.created_at).slice(0, 19),
    modelHash: String(r.model_hash),
    modelName: String(r.model_name),
    runId: Number(r.run_id),
    cutoff: String(r.cutoff),
    horizonMonths: Number(r.horizon_months),
    metrics: String(r.metrics),
  }));
}
