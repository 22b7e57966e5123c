import { ENTITIES, type EntityName } from '../core/entities.ts';
import type { Store } from './store.ts';

/** Rows stored per entity. */
export async function countEntities(store: Store): Promise<Record<EntityName, number>> {
  const union = ENTITIES.map(
    (e) => `SELECT '${e.name}' AS entity, count(*) AS n FROM ${e.name}`,
  ).join(' UNION ALL ');
  const rows = await store.all<{ entity: EntityName; n: bigint }>(union);
  const counts = Object.fromEntries(ENTITIES.map((e) => [e.name, 0])) as Record<EntityName, number>;
  for (const row of rows) counts[row.entity] = Number(row.n);
  return counts;
}

/** How each source's records found their account: one line per source and entity. */
export type MatchQuality = {
  source: string;
  entity: EntityName;
  records: number;
  byId: number;
  byDomain: number;
  byName: number;
  /** Rows the latest import of this source and entity rejected for an unknown or ambiguous account. */
  lastUnmatched: number;
  lastAmbiguous: number;
  /** Share of the latest import's rows that were joined to an account (0..1). */
  joinedShare: number;
};

export async function matchQuality(store: Store): Promise<MatchQuality[]> {
  const withAccount = ENTITIES.filter((e) => e.fields.some((f) => f.name === 'account_id'));
  const union = withAccount
    .map(
      (e) => `SELECT '${e.name}' AS entity, source, count(*) AS records,
        count(*) FILTER (WHERE account_match = 'id') AS by_id,
        count(*) FILTER (WHERE account_match = 'domain') AS by_domain,
        count(*) FILTER (WHERE account_match = 'name') AS by_name
      FROM ${e.name} GROUP BY source`,
    )
    .join(' UNION ALL ');
  const rows = await store.all<Record<string, unknown>>(
    `WITH stored AS (${union}),
     latest AS (
       SELECT entity, source, total_rows, unmatched, ambiguous,
              row_number() OVER (PARTITION BY entity, source ORDER BY id DESC) AS k
       FROM import WHERE outcome <> 'failed')
     SELECT s.*, coalesce(l.unmatched, 0) AS unmatched, coalesce(l.ambiguous, 0) AS ambiguous,
            coalesce(l.total_rows, 0) AS total_rows
     FROM stored s LEFT JOIN latest l ON l.entity = s.entity AND l.source = s.source AND l.k = 1
     ORDER BY s.source, s.entity`,
  );
  return rows.map((r) => {
    const total = Number(r.total_rows);
    const unmatched = Number(r.unmatched);
    const ambiguous = Number(r.ambiguous);
    return {
      source: String(r.source),
      entity: r.entity as EntityName,
      records: Number(r.records),
      byId: Number(r.by_id),
      byDomain: Number(r.by_domain),
      byName: Number(r.by_name),
      lastUnmatched: unmatched,
      lastAmbiguous: ambiguous,
      joinedShare: total > 0 ? (total - unmatched - ambiguous) / total : 1,
    };
  });
}
