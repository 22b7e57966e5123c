import type { AccountScope } from '../core/access.ts';
import { accountScopeFilter } from './account-scope.ts';
import type { SqlValue, Store } from './store.ts';

/** A scored account as lists, reports and exports show it; `tier` is the override when there is one. */
export type ScoredAccountRow = {
  accountId: number;
  externalId: string;
  source: string;
  name: string;
  industry: string | null;
  owner: string | null;
  need: number | null;
  value: number | null;
  behavior: number | null;
  tier: string;
  computedTier: string;
  overridden: boolean;
  highValue: boolean;
  potentialSpend: number | null;
  shareOfWallet: number | null;
  revenueTtm: number;
  category: string;
};

export const SORT_FIELDS = {
  name: 'a.name',
  need: 's.need_score',
  value: 's.value_score',
  behavior: 's.behavior_score',
  tier: 'coalesce(o.tier, s.tier)',
  potential: 's.potential_spend',
  revenue: 's.revenue_ttm',
  share: 's.share_of_wallet',
} as const;
export type SortField = keyof typeof SORT_FIELDS;

export type AccountFilter = {
  tiers?: readonly string[];
  categories?: readonly string[];
  highValue?: boolean;
  sort?: SortField;
  descending?: boolean;
  /** Rows at most (default 50); null: every matching row. */
  limit?: number | null;
};

const SELECT = `SELECT s.account_id, a.external_id, a.source, a.name, a.industry, r.name AS owner,
  s.need_score, s.value_score, s.behavior_score, coalesce(o.tier, s.tier) AS tier, s.tier AS computed_tier,
  o.tier IS NOT NULL AS overridden, s.high_value, s.potential_spend, s.share_of_wallet, s.revenue_ttm, s.category`;

const FROM = `FROM account_score s
JOIN account a ON a.id = s.account_id
LEFT JOIN rep r ON r.id = a.owner_id
LEFT JOIN tier_override o ON o.account_id = s.account_id`;

function toRow(r: Record<string, unknown>): ScoredAccountRow {
  const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return {
    accountId: Number(r.account_id),
    externalId: String(r.external_id),
    source: String(r.source),
    name: String(r.name),
    industry: (r.industry as string | null) ?? null,
    owner: (r.owner as string | null) ?? null,
    need: n(r.need_score),
    value: n(r.value_score),
    behavior: n(r.behavior_score),
    tier: String(r.tier),
    computedTier: String(r.computed_tier),
    overridden: Boolean(r.overridden),
    highValue: Boolean(r.high_value),
    potentialSpend: n(r.potential_spend),
    shareOfWallet: n(r.share_of_wallet),
    revenueTtm: Number(r.revenue_ttm),
    category: String(r.category),
  };
}

/** A run's accounts filter, plus paging, search and owner / industry filters. */
export type AccountSearch = AccountFilter & {
  /** Rows skipped before the page (default 0). */
  offset?: number;
  /** Case-insensitive substring of the account name or external id. */
  query?: string;
  /** The owning rep's name or external id (case-insensitive, exact). */
  owner?: string;
  /** The account's industry (case-insensitive, exact). */
  industry?: string;
};

/** `%` and `_` in a search term match themselves. */
function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of a run's scored accounts, filtered, searched and sorted (ties broken by account id
 * so pages are stable), with the number of accounts matching the filter over all pages.
 */
export async function searchScoredAccounts(
  store: Store,
  options: { runId: number; search: AccountSearch; scope?: AccountScope },
): Promise<{ total: number; accounts: ScoredAccountRow[] }> {
  const { search } = options;
  const params: SqlValue[] = [options.runId];
  const where = ['s.run_id = $1'];
  where.push(accountScopeFilter(options.scope, { column: 's.account_id', params }));
  const bind = (value: SqlValue): string => {
    params.push(value);
    return `$${params.length}`;
  };
  if (search.tiers?.length)
    where.push(`coalesce(o.tier, s.tier) IN (${search.tiers.map(bind).join(', ')})`);
  if (search.categories?.length)
    where.push(`s.category IN (${search.categories.map(bind).join(', ')})`);
  if (search.highValue !== undefined)
    where.push(search.highValue ? 's.high_value' : 'NOT s.high_value');
  if (search.query?.trim()) {
    const pattern = bind(likePattern(search.query.trim()));
    where.push(
      `(lower(a.name) LIKE ${pattern} ESCAPE '\\' OR lower(a.external_id) LIKE ${pattern} ESCAPE '\\')`,
    );
  }
  if (search.owner?.trim()) {
    const owner = bind(search.owner.trim().toLowerCase());
    where.push(`(lower(r.name) = ${owner} OR lower(r.external_id) = ${owner})`);
  }
  if (search.industry?.trim())
    where.push(`lower(a.industry) = ${bind(search.industry.trim().toLowerCase())}`);
  const filter = `${FROM} WHERE ${where.join(' AND ')}`;
  const [count] = await store.all<{ n: number }>(`SELECT count(*) AS n ${filter}`, params);
  const order = SORT_FIELDS[search.sort ?? 'value'];
  const direction = search.descending === false ? 'ASC' : 'DESC';
  const page =
    search.limit === null
      ? ''
      : ` LIMIT ${bind(search.limit ?? 50)} OFFSET ${bind(search.offset ?? 0)}`;
  const rows = await store.all(
    `${SELECT} ${filter} ORDER BY ${order} ${direction} NULLS LAST, s.account_id${page}`,
    params,
  );
  return { total: Number(count?.n ?? 0), accounts: rows.map(toRow) };
}

/** A scored account with what searches match beyond what lists show. */
export type SearchableAccountRow = ScoredAccountRow & { ownerExternalId: string | null };

/** Every account of a run with its owner's external id, in account id order (for the search index). */
export async function searchableAccounts(
  store: Store,
  runId: number,
): Promise<SearchableAccountRow[]> {
  const rows = await store.all(
    `${SELECT}, r.external_id AS owner_external_id ${FROM} WHERE s.run_id = $1 ORDER BY s.account_id`,
    [runId],
  );
  return rows.map((r) => ({
    ...toRow(r),
    ownerExternalId: (r.owner_external_id as string | null) ?? null,
  }));
}

/** What the accounts of a run look like to readers, read in one query (see readSearchStamp). */
export type SearchStamp = {
  latestRun: number | null;
  /** The latest scoring run, the latest import (names, owners) and the overrides. */
  rows: string;
  /** The latest audited change: assignments and users change what a manager sees. */
  scopes: string;
};

/**
 * What the accounts of a run look like to a reader: a cached search of a run is current while
 * `rows` is unchanged, a manager's cached scope while `scopes` is, in this process or any other
 * serving the same database.
 */
export async function readSearchStamp(store: Store): Promise<SearchStamp> {
  const [row] = await store.all<{
    latest: bigint | null;
    imported: bigint | null;
    overrides: string;
    audited: bigint | null;
  }>(
    `SELECT (SELECT max(id) FROM score_run WHERE purpose = 'score') AS latest,
            (SELECT max(id) FROM import) AS imported,
            (SELECT CAST(count(*) AS VARCHAR) || ':' || coalesce(CAST(max(created_at) AS VARCHAR), '')
             FROM tier_override) AS overrides,
            (SELECT max(id) FROM audit_log) AS audited`,
  );
  const latest = row?.latest ?? null;
  return {
    latestRun: latest === null ? null : Number(latest),
    rows: `${String(latest)}/${String(row?.imported ?? null)}/${row?.overrides ?? ''}`,
    scopes: String(row?.audited ?? null),
  };
}

/** Every account of a run in a scope (default: all), for exports, in account id order. */
export async function allScoredAccounts(
  store: Store,
  options: { runId: number; scope?: AccountScope },
): Promise<ScoredAccountRow[]> {
  const params: SqlValue[] = [options.runId];
  const scope = accountScopeFilter(options.scope, {
    column: 's.account_id',
    params,
  });
  const rows = await store.all(
    `${SELECT} ${FROM} WHERE s.run_id = $1 AND ${scope} ORDER BY s.account_id`,
    params,
  );
  return rows.map(toRow);
}

/** Finds an account by internal id, external id or exact name (case-insensitive). */
export async function findAccounts(
  store: Store,
  reference: string,
): Promise<{ id: number; externalId: string; name: string; source: string }[]> {
  const rows = await store.all<{ id: number; external_id: string; name: string; source: string }>(
    `SELECT id, external_id, name, source FROM account
     WHERE external_id = $1 OR lower(name) = lower($1) OR CAST(id AS VARCHAR) = $1 ORDER BY id LIMIT 10`,
    [reference],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: r.external_id,
    name: r.name,
    source: r.source,
  }));
}

export type ScoreDetail = ScoredAccountRow & {
  confidence: { need: number; value: number; behavior: number };
  categoryReason: string;
  tierChange: string | null;
  explanation: string;
};

export async function readScoreDetail(
  store: Store,
  options: { runId: number; accountId: number },
): Promise<ScoreDetail | null> {
  const [row] = await store.all(
    `SELECT x.*, s.need_confidence, s.value_confidence, s.behavior_confidence, s.category_reason, s.tier_change, s.explanation
     FROM (${SELECT} ${FROM} WHERE s.run_id = $1 AND s.account_id = $2) x
     JOIN account_score s ON s.run_id = $1 AND s.account_id = x.account_id`,
    [options.runId, options.accountId],
  );
  if (!row) return null;
  return {
    ...toRow(row),
    confidence: {
      need: Number(row.need_confidence),
      value: Number(row.value_confidence),
      behavior: Number(row.behavior_confidence),
    },
    categoryReason: String(row.category_reason),
    tierChange: (row.tier_change as string | null) ?? null,
    explanation: String(row.explanation),
  };
}

/** Tier and category counts with revenue and potential, for a run's accounts in a scope (overrides applied). */
export async function summarizeRun(
  store: Store,
  options: { runId: number; scope?: AccountScope },
): Promise<{
  tiers: { tier: string; accounts: number; revenue: number; potential: number }[];
  categories: { category: string; accounts: number; revenue: number; potential: number }[];
}> {
  const params: SqlValue[] = [options.runId];
  const scope = accountScopeFilter(options.scope, {
    column: 's.account_id',
    params,
  });
  const tiers = await store.all<Record<string, unknown>>(
    `SELECT coalesce(o.tier, s.tier) AS tier, count(*) AS accounts, sum(s.revenue_ttm) AS revenue, sum(s.potential_spend) AS potential
     FROM account_score s LEFT JOIN tier_override o ON o.account_id = s.account_id
     WHERE s.run_id = $1 AND ${scope} GROUP BY coalesce(o.tier, s.tier) ORDER BY 1`,
    params,
  );
  const categories = await store.all<Record<string, unknown>>(
    `SELECT s.category, count(*) AS accounts, sum(s.revenue_ttm) AS revenue, sum(s.potential_spend) AS potential
     FROM account_score s WHERE s.run_id = $1 AND ${scope} GROUP BY s.category ORDER BY 1`,
    params,
  );
  return {
    tiers: tiers.map((t) => ({
      tier: String(t.tier),
      accounts: Number(t.accounts),
      revenue: Number(t.revenue ?? 0),
      potential: Number(t.potential ?? 0),
    })),
    categories: categories.map((c) => ({
      category: String(c.category),
      accounts: Number(c.accounts),
      revenue: Number(c.revenue ?? 0),
      potential: Number(c.potential ?? 0),
    })),
  };
}

/** Average won deal per quarter (the high-value baseline as it moves), up to `asOf`. */
export async function averageDealByQuarter(
  store: Store,
  asOf: string,
): Promise<{ quarter: string; deals: number; average: number }[]> {
  const rows = await store.all<Record<string, unknown>>(
    `SELECT CAST(EXTRACT(YEAR FROM close_date) AS INTEGER) AS y, CAST(EXTRACT(QUARTER FROM close_date) AS INTEGER) AS q,
            count(*) AS deals, avg(CAST(amount AS DOUBLE PRECISION)) AS average
     FROM deal WHERE stage = 'won' AND close_date <= CAST($1 AS DATE)
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [asOf],
  );
  return rows.map((r) => ({
    quarter: `${String(r.y)}-Q${String(r.q)}`,
    deals: Number(r.deals),
    average: Number(r.average),
  }));
}

/** The columns of a Parquet export: their types are the query's. */
const PARQUET_COLUMNS = [
  { name: 'account_id', expr: 'a.external_id' },
  { name: 'source', expr: 'a.source' },
  { name: 'name', expr: 'a.name' },
  { name: 'tier', expr: 'coalesce(o.tier, s.tier)' },
  { name: 'computed_tier', expr: 's.tier' },
  { name: 'overridden', expr: 'o.tier IS NOT NULL' },
  { name: 'value', expr: 's.value_score' },
  { name: 'need', expr: 's.need_score' },
  { name: 'behavior', expr: 's.behavior_score' },
  { name: 'category', expr: 's.category' },
  { name: 'high_value', expr: 's.high_value' },
  { name: 'potential_spend', expr: 's.potential_spend' },
  { name: 'share_of_wallet', expr: 's.share_of_wallet' },
  { name: 'revenue_ttm', expr: 's.revenue_ttm' },
  { name: 'score_updated', expr: 'r.as_of' },
] as const;

/** Writes a run's scores as Parquet; returns the number of accounts written. */
export async function exportRunParquet(
  store: Store,
  options: { runId: number; path: string; scope?: AccountScope },
): Promise<number> {
  const params: SqlValue[] = [options.runId];
  const scope = accountScopeFilter(options.scope, {
    column: 's.account_id',
    params,
  });
  return store.exportParquet(
    `SELECT ${PARQUET_COLUMNS.map((c) => `${c.expr} AS ${c.name}`).join(', ')}
     FROM account_score s JOIN account a ON a.id = s.account_id JOIN score_run r ON r.id = s.run_id
       LEFT JOIN tier_override o ON o.account_id = s.account_id
     WHERE s.run_id = $1 AND ${scope} ORDER BY s.account_id`,
    params,
    options.path,
  );
}

/** The owners (rep names) and industries of the accounts in a scope (default: all), sorted. */
export async function readAccountFacets(
  store: Store,
  scope?: AccountScope,
): Promise<{ owners: string[]; industries: string[] }> {
  const params: SqlValue[] = [];
  const filter = accountScopeFilter(scope, { column: 'a.id', params });
  const owners = await store.all<{ name: string }>(
    `SELECT DISTINCT r.name FROM account a JOIN rep r ON r.id = a.owner_id WHERE ${filter} ORDER BY r.name`,
    params,
  );
  const industries = await store.all<{ industry: string }>(
    `SELECT DISTINCT a.industry FROM account a WHERE a.industry IS NOT NULL AND ${filter} ORDER BY a.industry`,
    params,
  );
  return { owners: owners.map((o) => o.name), industries: industries.map((i) => i.industry) };
}
