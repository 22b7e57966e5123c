import type { AccountScope } from '../core/access.ts';
import { accountScopeFilter } from './account-scope.ts';
import type { SqlValue, Store } from './store.ts';

/** Why a run exists: a scoring users act on, or the scoring step of a backtest (never "latest"). */
export type RunPurpose = 'score' | 'backtest';

export type RunRecord = {
  asOf: string;
  purpose: RunPurpose;
  stage: string | null;
  productLine: string | null;
  modelName: string;
  modelHash: string;
  modelDocument: string;
  /** The criteria with their effective weights, JSON (RunCriterion[]). */
  criteria: string;
  thresholds: { value: number; need: number; behavior: number };
  averageDeal: number | null;
  accounts: number;
};

export type StoredRun = RunRecord & { id: number; createdAt: string };

/** Column order of account_score rows handed to `appendScores`. */
export const SCORE_COLUMNS = [
  'run_id',
  'account_id',
  'need_score',
  'value_score',
  'behavior_score',
  'need_confidence',
  'value_confidence',
  'behavior_confidence',
  'tier',
  'high_value',
  'potential_spend',
  'share_of_wallet',
  'revenue_ttm',
  'category',
  'category_reason',
  'tier_change',
  'explanation',
] as const;

export async function insertRun(store: Store, run: RunRecord): Promise<number> {
  const [row] = await store.all<{ id: number }>(
    `INSERT INTO score_run (created_at, as_of, stage, product_line, model_name, model_hash, model_document, criteria,
       value_threshold, need_threshold, behavior_threshold, average_deal, accounts, purpose)
     VALUES (CURRENT_TIMESTAMP, CAST($1 AS DATE), $2, $3, $4, $5, $6, $12, $7, $8, $9, $10, $11, $13) RETURNING id`,
    [
      run.asOf,
      run.stage,
      run.productLine,
      run.modelName,
      run.modelHash,
      run.modelDocument,
      run.thresholds.value,
      run.thresholds.need,
      run.thresholds.behavior,
      run.averageDeal,
      run.accounts,
      run.criteria,
      run.purpose,
    ],
  );
  return Number(row?.id);
}

export async function appendScores(
  store: Store,
  rows: Iterable<readonly SqlValue[]>,
): Promise<number> {
  return store.appendRows('account_score', SCORE_COLUMNS, rows);
}

const RUN_COLUMNS = `id, CAST(created_at AS VARCHAR) AS created_at, CAST(as_of AS VARCHAR) AS as_of, stage, product_line,
  purpose, model_name, model_hash, model_document, criteria, value_threshold, need_threshold, behavior_threshold, average_deal, accounts`;

function toRun(row: Record<string, unknown>): StoredRun {
  return {
    id: Number(row.id),
    createdAt: String(row.created_at).slice(0, 19),
    asOf: String(row.as_of),
    purpose: row.purpose === 'backtest' ? 'backtest' : 'score',
    stage: (row.stage as string | null) ?? null,
    productLine: (row.product_line as string | null) ?? null,
    modelName: String(row.model_name),
    modelHash: String(row.model_hash),
    modelDocument: String(row.model_document),
    criteria: String(row.criteria),
    thresholds: {
      value: Number(row.value_threshold),
      need: Number(row.need_threshold),
      behavior: Number(row.behavior_threshold),
    },
    averageDeal: row.average_deal === null ? null : Number(row.average_deal),
    accounts: Number(row.accounts),
  };
}

/**
 * Run `id`, or the latest scoring run (of a scope: stage and product line). Backtest runs are
 * found by id only: they are never "the latest run" users act on or take hysteresis from.
 */
export async function findRun(
  store: Store,
  options: {
    id?: number;
    /**
     * A stage and product line; with `asOfAtMost`, only runs as of that day or earlier; with
     * `before`, only runs stored before that run.
     */
    scope?: {
      stage: string | null;
      productLine: string | null;
      asOfAtMost?: string;
      before?: number;
    };
  },
): Promise<StoredRun | null> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (options.id !== undefined) {
    params.push(options.id);
    where.push(`id = $${params.length}`);
  } else {
    where.push(`purpose = 'score'`);
  }
  if (options.scope) {
    params.push(options.scope.stage);
    where.push(`stage IS NOT DISTINCT FROM $${params.length}`);
    params.push(options.scope.productLine);
    where.push(`product_line IS NOT DISTINCT FROM $${params.length}`);
    if (options.scope.asOfAtMost !== undefined) {
      params.push(options.scope.asOfAtMost);
      where.push(`as_of <= CAST($${params.length} AS DATE)`);
    }
    if (options.scope.before !== undefined) {
      params.push(options.scope.before);
      where.push(`id < $${params.length}`);
    }
  }
  const rows = await store.all(
    `SELECT ${RUN_COLUMNS} FROM score_run ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT 1`,
    params,
  );
  return rows[0] ? toRun(rows[0]) : null;
}

export async function listRuns(store: Store, limit: number): Promise<StoredRun[]> {
  const rows = await store.all(
    `SELECT ${RUN_COLUMNS} FROM score_run WHERE purpose = 'score' ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map(toRun);
}

/** Computed tiers of a run by account id (overrides are applied on top when read). */
export async function readRunTiers(store: Store, runId: number): Promise<Map<number, string>> {
  const columns = await store.columns(
    'SELECT account_id, tier FROM account_score WHERE run_id = $1',
    [runId],
  );
  const ids = columns.account_id ?? [];
  const tiers = columns.tier ?? [];
  return new Map(ids.map((id, i) => [Number(id), String(tiers[i])]));
}

/** Explanations (JSON) of some accounts in a run. */
export async function readExplanations(
  store: Store,
  options: { runId: number; accountIds: readonly number[] },
): Promise<Map<number, string>> {
  if (options.accountIds.length === 0) return new Map();
  const rows = await store.all<{ account_id: number; explanation: string }>(
    `SELECT s.account_id, s.explanation FROM account_score s
     JOIN (SELECT CAST(unnest(string_to_array($2, ',')) AS BIGINT) AS id) wanted ON wanted.id = s.account_id
     WHERE s.run_id = $1`,
    [options.runId, options.accountIds.join(',')],
  );
  return new Map(rows.map((r) => [Number(r.account_id), r.explanation]));
}

export type OverrideRecord = {
  accountId: number;
  tier: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  /**
   * The audit entry of the latest change to this account's override: what a change says it was
   * based on, so that a change made meanwhile by someone else is refused, not overwritten.
   */
  revision: number | null;
};

export async function setOverride(
  store: Store,
  override: Omit<OverrideRecord, 'createdAt' | 'revision'>,
): Promise<void> {
  // one statement: two app processes overriding one account at once cannot both insert
  await store.run(
    `INSERT INTO tier_override (account_id, tier, reason, created_by, created_at) VALUES ($1, $2, $3, $4, CURRENT_TIMESTAMP)
     ON CONFLICT (account_id) DO UPDATE SET tier = excluded.tier, reason = excluded.reason,
       created_by = excluded.created_by, created_at = excluded.created_at`,
    [override.accountId, override.tier, override.reason, override.createdBy],
  );
}

/** Removes an account's override; false when it had none. */
export async function clearOverride(store: Store, accountId: number): Promise<boolean> {
  const rows = await store.all('SELECT account_id FROM tier_override WHERE account_id = $1', [
    accountId,
  ]);
  if (rows.length === 0) return false;
  await store.run('DELETE FROM tier_override WHERE account_id = $1', [accountId]);
  return true;
}

export async function readOverride(
  store: Store,
  accountId: number,
): Promise<OverrideRecord | null> {
  const [row] = await store.all<Record<string, unknown>>(
    `SELECT o.account_id, o.tier, o.reason, o.created_by, CAST(o.created_at AS VARCHAR) AS created_at,
            (SELECT max(l.id) FROM audit_log l
             WHERE l.entity = 'account' AND l.entity_id = CAST(o.account_id AS VARCHAR)
               AND l.action IN ('override.set', 'override.clear')) AS revision
     FROM tier_override o WHERE o.account_id = $1`,
    [accountId],
  );
  return row
    ? {
        accountId: Number(row.account_id),
        tier: String(row.tier),
        reason: String(row.reason),
        createdBy: String(row.created_by),
        createdAt: String(row.created_at).slice(0, 19),
        revision: row.revision === null || row.revision === undefined ? null : Number(row.revision),
      }
    : null;
}

/** Behavior scores of the latest run as of `asOf` or earlier (account id → 0..100), or null. */
export async function readLatestBehaviorScores(
  store: Store,
  asOf: string,
): Promise<Map<number, number> | null> {
  const [run] = await store.all<{ id: number }>(
    `SELECT id FROM score_run WHERE purpose = 'score' AND as_of <= CAST($1 AS DATE) ORDER BY as_of DESC, id DESC LIMIT 1`,
    [asOf],
  );
  if (!run) return null;
  const columns = await store.columns(
    'SELECT account_id, behavior_score FROM account_score WHERE run_id = $1 AND behavior_score IS NOT NULL',
    [run.id],
  );
  const ids = columns.account_id ?? [];
  const scores = columns.behavior_score ?? [];
  return new Map(ids.map((id, i) => [Number(id), Number(scores[i])]));
}

/** An account scored by two runs: its computed tier and scores in each. */
export type TierPair = {
  accountId: number;
  externalId: string;
  name: string;
  fromTier: string;
  toTier: string;
  value: number | null;
  need: number | null;
  behavior: number | null;
};

/** Every account scored by both runs, with its computed tier in each and its scores in `to`. */
export async function readTierPairs(
  store: Store,
  runs: { from: number; to: number; scope?: AccountScope },
): Promise<TierPair[]> {
  const params: SqlValue[] = [runs.from, runs.to];
  const inScope = accountScopeFilter(runs.scope, { column: 't.account_id', params });
  const rows = await store.all<Record<string, unknown>>(
    `SELECT t.account_id, a.external_id, a.name, f.tier AS from_tier, t.tier AS to_tier,
            t.value_score, t.need_score, t.behavior_score
     FROM account_score t
     JOIN account_score f ON f.account_id = t.account_id AND f.run_id = $1
     JOIN account a ON a.id = t.account_id
     WHERE t.run_id = $2 AND ${inScope} ORDER BY t.account_id`,
    params,
  );
  const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    accountId: Number(r.account_id),
    externalId: String(r.external_id),
    name: String(r.name),
    fromTier: String(r.from_tier),
    toTier: String(r.to_tier),
    value: n(r.value_score),
    need: n(r.need_score),
    behavior: n(r.behavior_score),
  }));
}
