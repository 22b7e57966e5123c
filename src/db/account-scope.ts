import type { AccountScope } from '../core/access.ts';
import type { SqlValue, Store } from './store.ts';

/*
 * A manager sees the accounts their rep owns and the accounts assigned to them; everyone else
 * sees every account. This file is the one place that says so in SQL: every query over accounts
 * adds `accountScopeFilter(...)` to its WHERE clause. Portable SQL (DuckDB and PostgreSQL),
 * parameters only.
 */

/**
 * A WHERE condition keeping the rows whose `column` (an account id) is in the scope, its values
 * appended to `params` (so the placeholders continue the caller's `$n` numbering). `TRUE` for
 * the scope of every account, or no scope.
 */
export function accountScopeFilter(
  scope: AccountScope | undefined,
  query: { column: string; params: SqlValue[] },
): string {
  if (!scope || scope.kind === 'all') return 'TRUE';
  const { params } = query;
  params.push(scope.userId);
  const assigned = `SELECT account_id FROM account_assignment WHERE user_id = $${params.length}`;
  if (scope.repId === null) return `${query.column} IN (${assigned})`;
  params.push(scope.repId);
  return `${query.column} IN (SELECT id FROM account WHERE owner_id = $${params.length} UNION ${assigned})`;
}

/** The ids of the accounts in a scope; null for the scope of every account. */
export async function readScopedAccountIds(
  store: Store,
  scope: AccountScope,
): Promise<Set<number> | null> {
  if (scope.kind === 'all') return null;
  const params: SqlValue[] = [];
  const filter = accountScopeFilter(scope, { column: 'a.id', params });
  const rows = await store.all<{ id: unknown }>(
    `SELECT a.id FROM account a WHERE ${filter}`,
    params,
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/** Whether an account (by internal id) exists and is in the scope. */
export async function isAccountInScope(
  store: Store,
  options: { scope: AccountScope; accountId: number },
): Promise<boolean> {
  const params: SqlValue[] = [options.accountId];
  const filter = accountScopeFilter(options.scope, { column: 'a.id', params });
  const rows = await store.all(`SELECT a.id FROM account a WHERE a.id = $1 AND ${filter}`, params);
  return rows.length > 0;
}

/** Assigns an account to a user beyond the ones they own; false when it already was. */
export async function insertAccountAssignment(
  store: Store,
  assignment: { accountId: number; userId: number },
): Promise<boolean> {
  const inserted = await store.all(
    `INSERT INTO account_assignment (account_id, user_id) VALUES ($1, $2)
     ON CONFLICT (account_id, user_id) DO NOTHING RETURNING account_id`,
    [assignment.accountId, assignment.userId],
  );
  return inserted.length > 0;
}

/** Removes an assignment; false when there was none. */
export async function deleteAccountAssignment(
  store: Store,
  assignment: { accountId: number; userId: number },
): Promise<boolean> {
  const deleted = await store.all(
    'DELETE FROM account_assignment WHERE account_id = $1 AND user_id = $2 RETURNING account_id',
    [assignment.accountId, assignment.userId],
  );
  return deleted.length > 0;
}

/** The accounts assigned to a user (internal ids, ascending). */
export async function readAssignedAccountIds(store: Store, userId: number): Promise<number[]> {
  const rows = await store.all<{ account_id: unknown }>(
    'SELECT account_id FROM account_assignment WHERE user_id = $1 ORDER BY account_id',
    [userId],
  );
  return rows.map((r) => Number(r.account_id));
}
