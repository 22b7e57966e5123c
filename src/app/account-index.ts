import type { AccountScope } from '../core/access.ts';
import { readScopedAccountIds } from '../db/account-scope.ts';
import {
  readSearchStamp,
  type SearchStamp,
  searchableAccounts,
  type AccountSearch,
  type ScoredAccountRow,
  type SearchableAccountRow,
  type SortField,
} from '../db/scored-accounts.ts';
import type { StoredRun } from '../db/score-runs.ts';
import type { Store } from '../db/store.ts';
import { resolveRun } from './portfolio.ts';

/*
 * The accounts list is the busiest read: each page filters, sorts and counts a whole run. A run's
 * scores never change once stored, so each run's accounts are held in memory, with one sorted
 * order per sort key made on first use, and a page is a walk down that order. The index is
 * dropped when a new run, an import or an override changes what a reader would see (a stamp
 * read from the database, so other processes' writes count too). It answers exactly what
 * `searchScoredAccounts` answers (a test compares them on random searches). A manager's search
 * walks the same index, keeping the accounts of their scope only: read once while no audited
 * change (an assignment, a user's rep) has been made since.
 */

type Index = {
  run: StoredRun;
  /** The stamp's `rows` the index was built under. */
  stamp: string;
  rows: SearchableAccountRow[];
  /** What filters compare, one array per field (a page walks 100,000 rows: no objects there). */
  columns: {
    accountId: Float64Array;
    /** Index into `tiers` / `categories`. */
    tier: Uint8Array;
    category: Uint8Array;
    highValue: Uint8Array;
    /** Lower-cased, '' when missing. */
    name: string[];
    externalId: string[];
    owner: string[];
    ownerId: string[];
    industry: string[];
  };
  tiers: string[];
  categories: string[];
  orders: Map<string, Int32Array>;
  /** A manager's accounts, per scope, read under the stamp's `scopes` (`scopesStamp`). */
  scopes: Map<string, ReadonlySet<number> | null>;
  scopesStamp: string;
  /** Matching accounts per filter (without a manager's scope), so a page can stop at its end. */
  totals: Map<string, number>;
};

/** The runs kept per store: the latest and the last one asked for by id. */
const KEPT = 2;
const indexes = new WeakMap<Store, Index[]>();
/** Indexes being built, by stamp and run: concurrent requests wait for the same build. */
const building = new WeakMap<Store, Map<string, Promise<Index>>>();

/**
 * One page of a run's scored accounts (the latest run by default) in a scope (default: every
 * account) and the count over all pages, answered from the in-memory index. Throws NOT_FOUND
 * for an unknown run (or none yet).
 */
export async function searchIndexedAccounts(
  store: Store,
  options: { runId?: number; search: AccountSearch; scope?: AccountScope },
): Promise<{ run: StoredRun; total: number; accounts: ScoredAccountRow[] }> {
  const { index, scopes } = await indexFor(store, options.runId);
  const allowed = options.scope
    ? await scopedIds(store, { index, scopes, scope: options.scope })
    : null;
  const { total, rows } = searchIndex(index, { search: options.search, allowed });
  return { run: index.run, total, accounts: rows.map(withoutSearchKeys) };
}

/**
 * Every scored account of a run (the latest by default) in a scope (default: every account), in
 * account id order, from the index (the same rows the list pages through; the whole run is the
 * index's own array). Throws NOT_FOUND for an unknown run.
 */
export async function indexedAccounts(
  store: Store,
  options: { runId?: number; scope?: AccountScope } = {},
): Promise<{ run: StoredRun; accounts: readonly ScoredAccountRow[] }> {
  const { index, scopes } = await indexFor(store, options.runId);
  const allowed = options.scope
    ? await scopedIds(store, { index, scopes, scope: options.scope })
    : null;
  return {
    run: index.run,
    accounts: allowed ? index.rows.filter((r) => allowed.has(r.accountId)) : index.rows,
  };
}

type StampPolicy = {
  recheckMs: number;
  last: SearchStamp | null;
  checkedAt: number;
};
const stampPolicies = new WeakMap<Store, StampPolicy>();

/**
 * Lets searches reuse the store's stamp for up to `recheckMs` (a server answering many reads)
 * instead of reading it on every search; `markWorkspaceChanged` forces the next read. Writes
 * made by other processes show within `recheckMs`.
 */
export function reuseStamps(store: Store, recheckMs: number): void {
  stampPolicies.set(store, { recheckMs, last: null, checkedAt: 0 });
}

/** This process changed the workspace: the next search reads the stamp again. */
export function markWorkspaceChanged(store: Store): void {
  const policy = stampPolicies.get(store);
  if (policy) policy.last = null;
}

async function currentStamp(store: Store): Promise<SearchStamp> {
  const policy = stampPolicies.get(store);
  if (!policy) return readSearchStamp(store);
  const now = performance.now();
  if (policy.last && now - policy.checkedAt < policy.recheckMs) return policy.last;
  policy.last = await readSearchStamp(store);
  policy.checkedAt = now;
  return policy.last;
}

/** The index of a run (the latest by default) under the current stamp, and the stamp's `scopes`. */
async function indexFor(store: Store, runId?: number): Promise<{ index: Index; scopes: string }> {
  const { latestRun, rows: stamp, scopes } = await currentStamp(store);
  const wanted = runId ?? latestRun;
  const kept = (indexes.get(store) ?? []).filter((i) => i.stamp === stamp);
  const found = kept.find((i) => i.run.id === wanted);
  if (found) return { index: found, scopes };
  const inFlight = building.get(store) ?? new Map<string, Promise<Index>>();
  building.set(store, inFlight);
  const key = `${stamp}|${String(wanted)}`;
  let pending = inFlight.get(key);
  if (!pending) {
    pending = buildIndex(store, { runId, stamp }).finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  const index = await pending;
  const current = (indexes.get(store) ?? []).filter((i) => i.stamp === stamp && i !== index);
  indexes.set(store, [index, ...current].slice(0, KEPT));
  return { index, scopes };
}

async function buildIndex(
  store: Store,
  options: { runId: number | undefined; stamp: string },
): Promise<Index> {
  const { runId, stamp } = options;
  const run = await resolveRun(store, runId);
  const rows = await searchableAccounts(store, run.id);
  const tiers: string[] = [];
  const categories: string[] = [];
  const index: Index = {
    run,
    stamp,
    rows,
    columns: {
      accountId: Float64Array.from(rows, (r) => r.accountId),
      tier: codes(
        rows.map((r) => r.tier),
        tiers,
      ),
      category: codes(
        rows.map((r) => r.category),
        categories,
      ),
      highValue: Uint8Array.from(rows, (r) => (r.highValue ? 1 : 0)),
      name: rows.map((r) => r.name.toLowerCase()),
      externalId: rows.map((r) => r.externalId.toLowerCase()),
      owner: rows.map((r) => r.owner?.toLowerCase() ?? ''),
      ownerId: rows.map((r) => r.ownerExternalId?.toLowerCase() ?? ''),
      industry: rows.map((r) => r.industry?.toLowerCase() ?? ''),
    },
    tiers,
    categories,
    orders: new Map(),
    totals: new Map(),
    scopes: new Map(),
    scopesStamp: '',
  };
  // every order now, while the index is new: a request never waits for a sort
  for (const sort of Object.keys(SORT_VALUE) as SortField[]) {
    orderOf(index, sort, true);
    orderOf(index, sort, false);
  }
  return index;
}

function withoutSearchKeys({ ownerExternalId, ...row }: SearchableAccountRow): ScoredAccountRow {
  return row;
}

const SORT_VALUE: Record<SortField, (r: ScoredAccountRow) => number | string | null> = {
  name: (r) => r.name,
  need: (r) => r.need,
  value: (r) => r.value,
  behavior: (r) => r.behavior,
  tier: (r) => r.tier,
  potential: (r) => r.potentialSpend,
  revenue: (r) => r.revenueTtm,
  share: (r) => r.shareOfWallet,
};

/** Each row's sort key as a number (NaN for null): text becomes its rank among the values. */
function sortKeys(rows: readonly ScoredAccountRow[], sort: SortField): Float64Array {
  const values = rows.map(SORT_VALUE[sort]);
  if (!values.some((v) => typeof v === 'string'))
    return Float64Array.from(values, (v) => (v === null ? NaN : Number(v)));
  // the same order as the SQL's text comparison: rank the distinct values once
  const distinct = [...new Set(values.filter((v): v is string => typeof v === 'string'))].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  const rank = new Map(distinct.map((v, i) => [v, i]));
  return Float64Array.from(values, (v) => (typeof v === 'string' ? (rank.get(v) ?? NaN) : NaN));
}

/** Row positions sorted as the SQL orders them: by the key, nulls last, ties by account id. */
function orderOf(index: Index, sort: SortField, descending: boolean): Int32Array {
  const key = `${sort}:${descending ? 'desc' : 'asc'}`;
  const cached = index.orders.get(key);
  if (cached) return cached;
  const keys = sortKeys(index.rows, sort);
  const ids = index.columns.accountId;
  const order = Int32Array.from(index.rows.keys());
  order.sort((a, b) => {
    const x = keys[a] as number;
    const y = keys[b] as number;
    const xNull = Number.isNaN(x);
    const yNull = Number.isNaN(y);
    if (xNull !== yNull) return xNull ? 1 : -1;
    if (!xNull && x !== y) return descending ? y - x : x - y;
    return (ids[a] as number) - (ids[b] as number);
  });
  index.orders.set(key, order);
  return order;
}

async function scopedIds(
  store: Store,
  options: { index: Index; scopes: string; scope: AccountScope },
): Promise<ReadonlySet<number> | null> {
  if (options.index.scopesStamp !== options.scopes) {
    options.index.scopes.clear();
    options.index.scopesStamp = options.scopes;
  }
  const key = JSON.stringify(options.scope);
  const kept = options.index.scopes.get(key);
  if (kept !== undefined) return kept;
  const ids = await readScopedAccountIds(store, options.scope);
  options.index.scopes.set(key, ids);
  return ids;
}

/** Each value as its position in `names` (added there when new). */
function codes(values: readonly string[], names: string[]): Uint8Array {
  const positions = new Map<string, number>();
  return Uint8Array.from(values, (value) => {
    let code = positions.get(value);
    if (code === undefined) {
      code = names.push(value) - 1;
      positions.set(value, code);
    }
    return code;
  });
}

/** Which codes a filter keeps (null: no filter). */
function codeMask(
  names: readonly string[],
  wanted: readonly string[] | undefined,
): Uint8Array | null {
  if (!wanted?.length) return null;
  const keep = new Set(wanted);
  return Uint8Array.from(names, (name) => (keep.has(name) ? 1 : 0));
}

function searchIndex(
  index: Index,
  options: { search: AccountSearch; allowed: ReadonlySet<number> | null },
): { total: number; rows: SearchableAccountRow[] } {
  const { search, allowed } = options;
  const order = orderOf(index, search.sort ?? 'value', search.descending !== false);
  const offset = search.offset ?? 0;
  const end = search.limit === null ? Infinity : offset + (search.limit ?? 50);
  const c = index.columns;
  const tiers = codeMask(index.tiers, search.tiers);
  const categories = codeMask(index.categories, search.categories);
  const highValue = search.highValue === undefined ? -1 : search.highValue ? 1 : 0;
  const query = search.query?.trim().toLowerCase() ?? '';
  const owner = search.owner?.trim().toLowerCase() ?? '';
  const industry = search.industry?.trim().toLowerCase() ?? '';
  // the count of a filter does not depend on sort or page: once known, a page stops at its end
  const filterKey =
    allowed === null
      ? JSON.stringify([
          [...(search.tiers ?? [])].sort(),
          [...(search.categories ?? [])].sort(),
          highValue,
          query,
          owner,
          industry,
        ])
      : null;
  const known = filterKey === null ? undefined : index.totals.get(filterKey);
  const page: SearchableAccountRow[] = [];
  let total = 0;
  // one plain loop over the sorted positions, each filter a cheap comparison on a column
  for (let k = 0; k < order.length; k++) {
    if (known !== undefined && total >= end) break;
    const i = order[k] as number;
    if (allowed !== null && !allowed.has(c.accountId[i] as number)) continue;
    if (tiers !== null && tiers[c.tier[i] as number] !== 1) continue;
    if (categories !== null && categories[c.category[i] as number] !== 1) continue;
    if (highValue !== -1 && c.highValue[i] !== highValue) continue;
    if (query !== '' && !(c.name[i] as string).includes(query)) {
      if (!(c.externalId[i] as string).includes(query)) continue;
    }
    if (owner !== '' && c.owner[i] !== owner && c.ownerId[i] !== owner) continue;
    if (industry !== '' && c.industry[i] !== industry) continue;
    if (total >= offset && total < end) page.push(index.rows[i] as SearchableAccountRow);
    total++;
  }
  if (known !== undefined) return { total: known, rows: page };
  if (filterKey !== null) {
    // a bounded memo: dashboards repeat a few filters, searches typed letter by letter do not
    if (index.totals.size >= 1000) index.totals.clear();
    index.totals.set(filterKey, total);
  }
  return { total, rows: page };
}
