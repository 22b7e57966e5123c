import type { AccountScope } from '../core/access.ts';
import { readAccountFacets } from '../db/scored-accounts.ts';
import { indexedAccounts } from './account-index.ts';
import type { StoredRun } from '../db/score-runs.ts';
import type { Store } from '../db/store.ts';
import { TIERS } from '../core/scoring/assign-tiers.ts';

/** Every scored account of a run as matrix columns (one array per field), in account id order. */
export type HotspotMatrix = {
  run: StoredRun;
  ids: number[];
  names: string[];
  value: (number | null)[];
  need: (number | null)[];
  behavior: (number | null)[];
  highValue: boolean[];
  /** The tier names `tier` indexes into. */
  tiers: string[];
  /** Each account's tier (its override when there is one) as an index into `tiers`. */
  tier: number[];
};

/**
 * Every scored account of a run (the latest by default) in a scope (default: every account) as
 * a point of the value × need matrix, in columns. Throws NOT_FOUND when there is no such run.
 */
export async function readHotspotMatrix(
  store: Store,
  options: { runId?: number; scope?: AccountScope } = {},
): Promise<HotspotMatrix> {
  const { run, accounts } = await indexedAccounts(store, options);
  const cached = whole.get(accounts);
  if (cached) return cached;
  // one decimal is finer than a pixel of the matrix and keeps 100,000 points a few megabytes
  const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);
  const tiers: string[] = [...TIERS];
  const index = new Map(tiers.map((t, i) => [t, i]));
  const tierIndex = (t: string): number => {
    let i = index.get(t);
    if (i === undefined) {
      i = tiers.push(t) - 1;
      index.set(t, i);
    }
    return i;
  };
  const matrix: HotspotMatrix = {
    run,
    tiers,
    ids: accounts.map((a) => a.accountId),
    names: accounts.map((a) => a.name),
    value: accounts.map((a) => round(a.value)),
    need: accounts.map((a) => round(a.need)),
    behavior: accounts.map((a) => round(a.behavior)),
    tier: accounts.map((a) => tierIndex(a.tier)),
    highValue: accounts.map((a) => a.highValue),
  };
  whole.set(accounts, matrix);
  return matrix;
}

/**
 * Matrices by the array of accounts they were made from: the whole run's array is the index's own
 * (made once per index, never changed), a manager's a new one per request.
 */
const whole = new WeakMap<readonly object[], HotspotMatrix>();

/** The owners and industries the accounts table filters on, over the accounts in a scope (default: all). */
export async function accountFacets(
  store: Store,
  scope?: AccountScope,
): Promise<{ owners: string[]; industries: string[] }> {
  return readAccountFacets(store, scope);
}
