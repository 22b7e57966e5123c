import { userInfo } from 'node:os';
import { HotspotError } from '../core/errors.ts';
import { insertAuditEntry, listAuditEntries } from '../db/audit-log.ts';
import type { Store } from '../db/store.ts';

/*
 * The audit log (DESIGN §10): every change to what people see — an import, a model version, a
 * scoring run, an override, assessment answers, a user, a role, a token, an assignment — with
 * who, when, and the values before and after. Each use case writes its entry inside the same
 * transaction as the change, so there is never a change without its entry or the reverse.
 */

/** What changed, as the log names it. */
export const AUDIT_ACTIONS = [
  'import',
  'model.save',
  'run.score',
  'override.set',
  'override.clear',
  'answers.save',
  'account.assign',
  'account.unassign',
  'user.add',
  'user.role',
  'user.disable',
  'user.enable',
  'token.create',
  'token.revoke',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditChange = {
  /**
   * Who: a user's email, `local` (the embedded single user) or `cli:<os user>` (the default:
   * this process's OS user, cliActor()).
   */
  actor?: string;
  action: AuditAction;
  /** The kind of thing changed: import, model, run, account, user, token. */
  entity: string;
  entityId: string | number | null;
  /** The values before and after, JSON-ready (null: none, e.g. before a creation). */
  before: unknown;
  after: unknown;
};

/** One audit entry as the CLI and the API show it. */
export type AuditEntry = {
  id: number;
  /** ISO 8601 UTC. */
  occurredAt: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
};

/**
 * Appends a change to the audit log, made by `actor` (default: cliActor()). Call it inside the
 * transaction that makes the change (`store.transaction`), so that both are committed or neither.
 */
export async function recordAudit(store: Store, change: AuditChange): Promise<void> {
  const json = (value: unknown): string | null =>
    value === null || value === undefined ? null : JSON.stringify(value);
  await insertAuditEntry(store, {
    occurredAt: new Date(),
    actor: change.actor ?? cliActor(),
    action: change.action,
    entity: change.entity,
    entityId: change.entityId === null ? null : String(change.entityId),
    before: json(change.before),
    after: json(change.after),
  });
}

let cliActorName: string | undefined;

/** The actor of changes made from this process's command line: `cli:<os user>` (asked once). */
export function cliActor(): string {
  if (cliActorName === undefined) {
    let name: string;
    try {
      name = userInfo().username;
    } catch {
      name = process.env.USER ?? process.env.USERNAME ?? 'unknown';
    }
    cliActorName = `cli:${name}`;
  }
  return cliActorName;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A `since` bound: a day (YYYY-MM-DD, from its start in UTC) or an ISO date-time with its zone.
 * Throws INVALID_INPUT naming the field otherwise.
 */
export function parseSince(text: string): Date {
  const value = text.trim();
  const date = DAY.test(value)
    ? new Date(`${value}T00:00:00Z`)
    : DATE_TIME.test(value)
      ? new Date(value)
      : null;
  if (date === null || Number.isNaN(date.getTime()))
    throw new HotspotError(
      'INVALID_INPUT',
      `since: expected a date YYYY-MM-DD or an ISO date-time, got "${text}"`,
      { details: { field: 'since', value: text } },
    );
  return date;
}

/** The largest page of the audit log one request or command reads. */
const AUDIT_LIMIT_MAX = 10_000;

/**
 * The audit log, newest first: entries at or after `since` (a day or an ISO date-time; default
 * all), at most `limit` (default 500, at most AUDIT_LIMIT_MAX). Throws INVALID_INPUT for a
 * malformed `since` or limit.
 */
export async function readAuditLog(
  store: Store,
  options: { since?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  const limit = options.limit ?? 500;
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_LIMIT_MAX)
    throw new HotspotError(
      'INVALID_INPUT',
      `limit: expected a whole number from 1 to ${AUDIT_LIMIT_MAX}, got ${limit}`,
      { details: { field: 'limit', value: limit } },
    );
  const since = options.since === undefined ? undefined : parseSince(options.since);
  const rows = await listAuditEntries(store, { since, limit });
  const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
  return rows.map((r) => ({ ...r, before: parse(r.before), after: parse(r.after) }));
}
