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

/** What is in the workspace: counts per entity, the latest imports, how well sources joined. */
export async function readStatus(
  store: Store,
  options: { imports?: number } = {},
): Promise<WorkspaceStatus> {
  return {
    database: store.location,
    counts: await countEntities(store),
    imports: await listImports(store, options.imports ?? 10),
    matchQuality: await matchQuality(store),
  };
}

/** True when the workspace holds no accounts yet. */
export async function isEmptyWorkspace(store: Store): Promise<boolean> {
  const counts = await countEntities(store);
  return counts.account === 0;
}
