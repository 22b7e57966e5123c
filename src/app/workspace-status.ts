import type { AccountScope } from '../core/access.ts';
import type { EntityName } from '../core/entities.ts';
import { listImports, type ImportLogRow } from '../db/import-log.ts';
import type { Store } from '../db/store.ts';
import { countEntities, matchQuality, type MatchQuality } from '../db/workspace-status.ts';

export type WorkspaceStatus = {
  database: string;
  counts: Record<EntityName, number>;
  imports: ImportLogRow[];
  matchQuality: MatchQuality[];
};

/**
 * What is in the workspace: counts per entity, the latest imports, how well sources joined. A
 * scope narrower than every account (a manager's) gets the counts and match quality, which name
 * no account, but not the import log: its file names may (answers saved on an account page are
 * logged as "account page: NAME"), and files hold every manager's rows.
 */
export async function readStatus(
  store: Store,
  options: { imports?: number; scope?: AccountScope } = {},
): Promise<WorkspaceStatus> {
  const everyAccount = (options.scope?.kind ?? 'all') === 'all';
  return {
    database: store.location,
    counts: await countEntities(store),
    imports: everyAccount ? await listImports(store, options.imports ?? 10) : [],
    matchQuality: await matchQuality(store),
  };
}

/** True when the workspace holds no accounts yet. */
export async function isEmptyWorkspace(store: Store): Promise<boolean> {
  const counts = await countEntities(store);
  return counts.account === 0;
}
