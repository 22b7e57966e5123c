import { readAccountFacets, readMatrixColumns, type MatrixColumns } from '../db/scored-accounts.ts';
import type { StoredRun } from '../db/score-runs.ts';
import type { Store } from '../db/store.ts';
import { TIERS } from '../core/scoring/assign-tiers.ts';
import { resolveRun } from './portfolio.ts';

export type HotspotMatrix = Omit<MatrixColumns, 'tier'> & {
  run: StoredRun;
  /** The tier names `tier` indexes into. */
  tiers: string[];
  /** Each account's tier (its override when there is one) as an index into `tiers`. */
  tier: number[];
};

/**
 * Every scored account of a run (the latest by default) as a point of the value × need matrix,
 * in columns. Throws NOT_FOUND when there is no such run.
 */
export async function readHotspotMatrix(store: Store, runId?: number): Promise<HotspotMatrix> {
  const run = await resolveRun(store, runId);
  const columns = await readMatrixColumns(store, run.id);
  const tiers: string[] = [...TIERS];
  const index = new Map(tiers.map((t, i) => [t, i]));
  const tier = columns.tier.map((t) => {
    let i = index.get(t);
    if (i === undefined) {
      i = tiers.push(t) - 1;
      index.set(t, i);
    }
    return i;
  });
  return { ...columns, run, tiers, tier };
}

/** The owners and industries the accounts table filters on. */
export async function accountFacets(
  store: Store,
): Promise<{ owners: string[]; industries: string[] }> {
  return readAccountFacets(store);
}
