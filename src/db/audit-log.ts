import type { SqlValue, Store } from './store.ts';
import { readTimestamp, timestampParam } from './timestamps.ts';

/** One change as the audit log keeps it: who, when, what, and the values before and after (JSON text). */
export type AuditRecord = {
  id: number;
  /** ISO 8601 UTC, e.g. 2026-10-31T09:15:00Z. */
  occurredAt: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
};

/** Appends one entry (inside the caller's transaction, when there is one). */
export async function insertAuditEntry(
  store: Store,
  entry: Omit<AuditRecord, 'id' | 'occurredAt'> & { occurredAt: Date },
): Promise<void> {
  await store.run(
    `INSERT INTO audit_log (occurred_at, actor, action, entity, entity_id, before_value, after_value)
     VALUES (CAST($1 AS TIMESTAMP), $2, $3, $4, $5, $6, $7)`,
    [
      timestampParam(entry.occurredAt),
      entry.actor,
      entry.action,
      entry.entity,
      entry.entityId,
      entry.before,
      entry.after,
    ],
  );
}

/** Entries at or after `since` (UTC; default: all), newest first, at most `limit`. */
export async function listAuditEntries(
  store: Store,
  options: { since?: Date; limit: number },
): Promise<AuditRecord[]> {
  const params: SqlValue[] = [];
  let where = '';
  if (options.since !== undefined) {
    params.push(timestampParam(options.since));
    where = `WHERE occurred_at >= CAST($${params.length} AS TIMESTAMP)`;
  }
  params.push(options.limit);
  const rows = await store.all<Record<string, unknown>>(
    `SELECT id, CAST(occurred_at AS VARCHAR) AS occurred_at, actor, action, entity, entity_id,
            before_value, after_value
     FROM audit_log ${where} ORDER BY occurred_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const text = (value: unknown): string | null =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  return rows.map((r) => ({
    id: Number(r.id),
    occurredAt: `${(readTimestamp(r.occurred_at) ?? new Date(0)).toISOString().slice(0, 19)}Z`,
    actor: String(r.actor),
    action: String(r.action),
    entity: String(r.entity),
    entityId: text(r.entity_id),
    before: text(r.before_value),
    after: text(r.after_value),
  }));
}
