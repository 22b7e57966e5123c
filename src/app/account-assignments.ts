import {
  deleteAccountAssignment,
  insertAccountAssignment,
  readAssignedAccountIds,
} from '../db/account-scope.ts';
import type { Store } from '../db/store.ts';
import { recordAudit } from './audit.ts';
import { resolveAccount } from './portfolio.ts';
import { markWorkspaceChanged } from './account-index.ts';
import { findUserByEmail } from './users.ts';

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

/**
 * Assigns (`account.assign`) or unassigns (`account.unassign`) an account by `change`, which
 * says whether the assignment changed; only a change is audited. Throws NOT_FOUND for an
 * unknown user or account.
 */
async function changeAssignment(
  store: Store,
  options: AssignmentOptions & { action: 'account.assign' | 'account.unassign' },
  change: (assignment: { accountId: number; userId: number }) => Promise<boolean>,
): Promise<AssignmentChange> {
  const found = await findUserByEmail(store, options.email);
  const user = { id: found.id, email: found.email };
  const account = await resolveAccount(store, options.account);
  const assigned = { assignedTo: user.email };
  const changed = await store.transaction(async () => {
    const done = await change({ accountId: account.id, userId: user.id });
    if (done)
      await recordAudit(store, {
        actor: options.actor,
        action: options.action,
        entity: 'account',
        entityId: account.id,
        before: options.action === 'account.assign' ? null : assigned,
        after: options.action === 'account.assign' ? assigned : null,
      });
    return done;
  });
  markWorkspaceChanged(store);
  return { user, account: { id: account.id, name: account.name }, changed };
}

/** Assigns an account to a user beyond the accounts they own. Throws NOT_FOUND for an unknown user or account. */
export async function assignAccount(
  store: Store,
  options: AssignmentOptions,
): Promise<AssignmentChange> {
  return changeAssignment(store, { ...options, action: 'account.assign' }, (assignment) =>
    insertAccountAssignment(store, assignment),
  );
}

/** Removes an account's assignment to a user. Throws NOT_FOUND for an unknown user or account. */
export async function unassignAccount(
  store: Store,
  options: AssignmentOptions,
): Promise<AssignmentChange> {
  return changeAssignment(store, { ...options, action: 'account.unassign' }, (assignment) =>
    deleteAccountAssignment(store, assignment),
  );
}

/** The internal ids of the accounts assigned to a user (by email), ascending. */
export async function assignedAccounts(store: Store, email: string): Promise<number[]> {
  const user = await findUserByEmail(store, email);
  return readAssignedAccountIds(store, user.id);
}
