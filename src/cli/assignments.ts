import type { Command } from 'commander';
import {
  assignAccount,
  assignedAccounts,
  unassignAccount,
  type AssignmentChange,
} from '../app/account-assignments.ts';
import { canonicalEmail } from '../app/users.ts';
import { print, printJson, withStore } from './context.ts';

function describe(change: AssignmentChange, verb: 'assigned' | 'unassigned'): string {
  const what = `${change.account.name} (id ${change.account.id})`;
  if (!change.changed)
    return verb === 'assigned'
      ? `${what} was already assigned to ${change.user.email}`
      : `${what} was not assigned to ${change.user.email}`;
  return `${what} ${verb} ${verb === 'assigned' ? 'to' : 'from'} ${change.user.email}`;
}

/**
 * Adds `hotspot users assign|unassign EMAIL ACCOUNT` and `hotspot users assigned EMAIL`: the
 * accounts a manager sees beyond those their rep owns.
 */
export function registerAssignments(users: Command): void {
  users
    .command('assign <email> <account>')
    .description(
      "let a manager see and plan an account beyond their rep's own (account: internal id, external id or exact name)",
    )
    .action(async function (this: Command, email: string, account: string) {
      const change = await withStore(this, (store) => assignAccount(store, { email, account }));
      print(describe(change, 'assigned'));
    });

  users
    .command('unassign <email> <account>')
    .description('remove an account assigned to a user')
    .action(async function (this: Command, email: string, account: string) {
      const change = await withStore(this, (store) => unassignAccount(store, { email, account }));
      print(describe(change, 'unassigned'));
    });

  users
    .command('assigned <email>')
    .description("the accounts assigned to a user (internal ids), beyond their rep's own")
    .option('--json', 'print JSON')
    .action(async (email: string, flags: { json?: boolean }, command: Command) => {
      const ids = await withStore(command, (store) => assignedAccounts(store, email));
      if (flags.json) printJson({ email: canonicalEmail(email), accounts: ids });
      else print(ids.length === 0 ? `no accounts assigned to ${email}` : ids.join('\n'));
    });
}
