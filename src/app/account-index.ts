import {
  readSearchStamp,
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
 * read from the database on every search, so other processes' writes count too). It answers
 * exactly what `searchScoredAccounts` answers (a test compares them on random searches).
 */

type Index = {
  run: StoredRun;
  stamp: string;
  rows: SearchableAccountRow[];
  /** Lower-cased name, external id, owner name, owner external id, industry per row. */
  keys: { name: string; externalId: string; owner: string; ownerId: string; industry: string }[];
  orders: Map<string, Int32Array>;
};

/** The runs kept per store: the latest and the last one asked for by id. */
const KEPT = 2;
const indexes = new WeakMap<Store, Index[]>();

/**
 * One page of a run's scored accounts (the latest run by default) and the count over all pages,
 * answered from the in-memory index. Throws NOT_FOUND for an unknown run (or none yet).
 */
export async function searchIndexedAccounts(
  store: Store,
  options: { runId?: number; search: AccountSearch },
): Promise<{ run: StoredRun; total: number; accounts: ScoredAccountRow[] }> {
  const index = await indexFor(store, options.runId);
  const { total, rows } = searchIndex(index, options.search);
  return { run: index.run, total, accounts: rows.map(withoutSearchKeys) };
}

/**
 * Every scored account of a run (the latest by default), in account id order, from the index
 * (the same rows the list pages through). Throws NOT_FOUND for an unknown run.
 */
export async function indexedAccounts(
  store: Store,
  runId?: number,
): Promise<{ run: StoredRun; accounts: readonly ScoredAccountRow[] }> {
  const index = await indexFor(store, runId);
  return { run: index.run, accounts: index.rows };
}

async function indexFor(store: Store, runId?: number): Promise<Index> {
  const { latestRun, stamp } = await readSearchStamp(store);
  const wanted = runId ?? latestRun;
  const kept = (indexes.get(store) ?? []).filter((i) => i.stamp === stamp);
  const found = kept.find((i) => i.run.id === wanted);
  if (found) return found;
  const run = await resolveRun(store, runId);
  const rows = await searchableAccounts(store, run.id);
  const index: Index = {
    run,
    stamp,
    rows,
    keys: rows.map((r) => ({
      name: r.name.toLowerCase(),
      externalId: r.externalId.toLowerCase(),
      owner: r.owner?.toLowerCase() ?? '',
      ownerId: r.ownerExternalId?.toLowerCase() ?? '',
      industry: r.industry?.toLowerCase() ?? '',
    })),
    orders: new Map(),
  };
  indexes.set(store, [index, ...kept].slice(0, KEPT));
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

/** Row positions sorted as the SQL orders them: by the key, nulls last, ties by account id. */
function orderOf(index: Index, sort: SortField, descending: boolean): Int32Array {
  const key = `${sort}:${descending ? 'desc' : 'asc'}`;
  const cached = index.orders.get(key);
  if (cached) return cached;
  const value = SORT_VALUE[sort];
  const values = index.rows.map(value);
  const order = Int32Array.from(index.rows.keys());
  order.sort((a, b) => {
    const x = values[a] ?? null;
    const y = values[b] ?? null;
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const c = x < y ? -1 : 1;
      return descending ? -c : c;
    }
    return (index.rows[a]?.accountId ?? 0) - (index.rows[b]?.accountId ?? 0);
  });
  index.orders.set(key, order);
  return order;
}

function matcher(index: Index, search: AccountSearch): ((i: number) => boolean) | null {
  const tests: ((i: number) => boolean)[] = [];
  const { rows, keys } = index;
  if (search.tiers?.length) {
    const tiers = new Set(search.tiers);
    tests.push((i) => tiers.has(rows[i]?.tier ?? ''));
  }
  if (search.categories?.length) {
    const categories = new Set(search.categories);
    tests.push((i) => categories.has(rows[i]?.category ?? ''));
  }
  if (search.highValue !== undefined) {
    const wanted = search.highValue;
    tests.push((i) => rows[i]?.highValue === wanted);
  }
  const query = search.query?.trim().toLowerCase();
  if (query) {
    tests.push((i) => {
      const k = keys[i];
      return k !== undefined && (k.name.includes(query) || k.externalId.includes(query));
    });
  }
  const owner = search.owner?.trim().toLowerCase();
  if (owner) tests.push((i) => keys[i]?.owner === owner || keys[i]?.ownerId === owner);
  const industry = search.industry?.trim().toLowerCase();
  if (industry) tests.push((i) => keys[i]?.industry === industry);
  if (tests.length === 0) return null;
  return (i) => tests.every((test) => test(i));
}

function searchIndex(
  index: Index,
  search: AccountSearch,
): { total: number; rows: SearchableAccountRow[] } {
  const order = orderOf(index, search.sort ?? 'value', search.descending !== false);
  const offset = search.offset ?? 0;
  const end = search.limit === null ? Infinity : offset + (search.limit ?? 50);
  const matches = matcher(index, search);
  const page: SearchableAccountRow[] = [];
  let total = 0;
  for (const i of order) {
    if (matches && !matches(i)) continue;
    if (total >= offset && total < end) page.push(index.rows[i] as SearchableAccountRow);
    total++;
  }
  return { total, rows: page };
}
