import { HotspotError } from '../core/errors.ts';
import {
  deleteAccountAssignment,
  insertAccountAssignment,
  readAssignedAccountIds,
} from '../db/account-scope.ts';
import type { Store } from '../db/store.ts';
import { selectUserByEmail } from '../db/users.ts';
import { cliActor, recordAudit } from './audit.ts';
import { resolveAccount } from './portfolio.ts';
import { markWorkspaceChanged } from './account-index.ts';

/*
 * A manager sees the accounts their rep owns and, beyond those, the accounts assigned to them
 * (cover for a colleague, a shared key account). Assigning and unassigning are audited.
 */

export type AssignmentChange = {
  user: { id: number; email: string };
  account: { id: number; name: string };
  /** False when the assignment already was (assign) or was not (unassign) in place. */
  changed: boolean;
};

type AssignmentOptions = {
  /** The user's email (any case). */
  email: string;
  /** The account: internal id, external id or exact name. */
  account: string;
  /** Who makes the change, for the audit log (default: this process's OS user). */
  actor?: string;
};

async function resolveAssignment(
  store: Store,
  options: AssignmentOptions,
): Promise<Omit<AssignmentChange, 'changed'>> {
  const user = await selectUserByEmail(store, options.email.trim().toLowerCase());
  if (!user) throw new HotspotError('NOT_FOUND', `no user "${options.email}"`);
  const account = await resolveAccount(store, options.account);
  return { user: { id: user.id, email: user.email }, account };
}

/** Assigns an account to a user beyond the accounts they own. Throws NOT_FOUND for an unknown user or account. */
export async function assignAccount(
  store: Store,
  options: AssignmentOptions,
): Promise<AssignmentChange> {
  const { user, account } = await resolveAssignment(store, options);
  const changed = await store.transaction(async () => {
    const inserted = await insertAccountAssignment(store, {
      accountId: account.id,
      userId: user.id,
    });
    if (inserted)
      await recordAudit(store, {
        actor: options.actor ?? cliActor(),
        action: 'account.assign',
        entity: 'account',
        entityId: account.id,
        before: null,
        after: { assignedTo: user.email },
      });
    return inserted;
  });
  markWorkspaceChanged(store);
  return { user, account: { id: account.id, name: account.name }, changed };
}

/** Removes an account's assignment to a user. Throws NOT_FOUND for an unknown user or account. */
export async function unassignAccount(
  store: Store,
  options: AssignmentOptions,
): Promise<AssignmentChange> {
  const { user, account } = await resolveAssignment(store, options);
  const changed = await store.transaction(async () => {
    const deleted = await deleteAccountAssignment(store, {
      accountId: account.id,
      userId: user.id,
    });
    if (deleted)
      await recordAudit(store, {
        actor: options.actor ?? cliActor(),
        action: 'account.unassign',
        entity: 'account',
        entityId: account.id,
        before: { assignedTo: user.email },
        after: null,
      });
    return deleted;
  });
  markWorkspaceChanged(store);
  return { user, account: { id: account.id, name: account.name }, changed };
}

/** The internal ids of the accounts assigned to a user (by email), ascending. */
export async function assignedAccounts(store: Store, email: string): Promise<number[]> {
  const user = await selectUserByEmail(store, email.trim().toLowerCase());
  if (!user) throw new HotspotError('NOT_FOUND', `no user "${email}"`);
  return readAssignedAccountIds(store, user.id);
}
