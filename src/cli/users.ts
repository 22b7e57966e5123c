import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import {
  addUser,
  disableUser,
  enableUser,
  findRep,
  findUserByEmail,
  listUsers,
  resetPassword,
  setRole,
  signOutEverywhere,
  type User,
  type UserWithSetupLink,
} from '../app/users.ts';
import { registerAssignments } from './assignments.ts';
import { formatTable, print, printJson, withStore } from './context.ts';

const DEFAULT_URL = 'http://localhost:3000';

/** An instant as `2026-10-31 12:00 UTC`; `-` when absent. */
export function formatInstant(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '-';
}

function baseUrl(flag: string | undefined): string {
  const url = flag ?? process.env.HOTSPOT_URL ?? DEFAULT_URL;
  if (!/^https?:\/\/[^\s/]+/i.test(url))
    throw new UsageError(`--url ${url}: expected the app's address, e.g. ${DEFAULT_URL}`);
  return url.replace(/\/+$/, '');
}

/** The page where the one-time token is used: in the fragment, so it never reaches a log. */
export function setupUrl(base: string, token: string): string {
  return `${base}/set-password#token=${token}`;
}

function describeUser(user: User): string {
  const rep = user.repId === null ? 'no rep' : `rep ${user.repName ?? '?'} (id ${user.repId})`;
  return `${user.email}: ${user.role}, ${rep}`;
}

function printSetupLink(linked: UserWithSetupLink, base: string): void {
  print(
    `send them this one-time link to set their password (valid until ${formatInstant(linked.setupExpiresAt)}):`,
  );
  print(`  ${setupUrl(base, linked.setupToken)}`);
}

function statusOf(user: User, now: Date): string {
  if (user.status === 'disabled') return 'disabled';
  if (user.lockedUntil && new Date(user.lockedUntil) > now)
    return `locked until ${formatInstant(user.lockedUntil)}`;
  if (user.status === 'awaiting-password') {
    const expires = user.setupExpiresAt ? new Date(user.setupExpiresAt) : null;
    return expires && expires > now
      ? 'awaiting password'
      : 'awaiting password (link expired: reset-password)';
  }
  return 'active';
}

const URL_OPTION = [
  '--url <url>',
  `the app's address, for the link (default: $HOTSPOT_URL or ${DEFAULT_URL})`,
] as const;

/** Adds `hotspot users`: add, list, set-role, disable, enable, reset-password, sign-out. */
export function registerUsers(program: Command): void {
  const users = program
    .command('users')
    .description(
      'people who sign in to the web app and API: roles admin, leader, manager, viewer (no users: single-user mode, localhost only)',
    );

  users
    .command('add <email>')
    .description('add a user; prints a one-time link (valid 72 hours) to set their password')
    .requiredOption('--role <role>', 'admin, leader, manager or viewer')
    .option(
      '--rep <rep>',
      "the rep this user is (id, external id or email; default: the rep with the user's email)",
    )
    .option(...URL_OPTION)
    .action(
      async (
        email: string,
        flags: { role: string; rep?: string; url?: string },
        command: Command,
      ) => {
        const base = baseUrl(flags.url);
        await withStore(command, async (store) => {
          const repId = flags.rep === undefined ? undefined : (await findRep(store, flags.rep)).id;
          const added = await addUser(store, { email, role: flags.role, repId, now: new Date() });
          print(`added ${describeUser(added.user)}`);
          printSetupLink(added, base);
        });
      },
    );

  users
    .command('list')
    .description('every user with role, rep and status')
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const all = await withStore(command, (store) => listUsers(store));
      if (flags.json) return printJson(all);
      if (all.length === 0)
        return print(
          'no users: single-user mode (add one with `hotspot users add EMAIL --role admin`)',
        );
      const now = new Date();
      print(
        formatTable(
          ['email', 'role', 'rep', 'status', 'created'],
          all.map((u) => [
            u.email,
            u.role,
            u.repId === null ? '-' : `${u.repName ?? '?'} (${u.repId})`,
            statusOf(u, now),
            formatInstant(u.createdAt),
          ]),
        ),
      );
      return undefined;
    });

  users
    .command('set-role <email> <role>')
    .description('change a user’s role (in force at their next request)')
    .action(async (email: string, role: string) => {
      // the global --db option lives on the program
      await withStore(program, async (store) => {
        const user = await findUserByEmail(store, email);
        print(`${describeUser(await setRole(store, { userId: user.id, role }))}`);
      });
    });

  users
    .command('disable <email>')
    .description(
      'stop a user from signing in: their sessions end and their API tokens stop working',
    )
    .action(async (email: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const user = await disableUser(store, {
          userId: (await findUserByEmail(store, email)).id,
        });
        print(`disabled ${user.email}`);
      });
    });

  users
    .command('enable <email>')
    .description('let a disabled user sign in again')
    .action(async (email: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const user = await enableUser(store, {
          userId: (await findUserByEmail(store, email)).id,
        });
        print(`enabled ${user.email}`);
      });
    });

  users
    .command('reset-password <email>')
    .description(
      'end the current password and every session; prints a new one-time link to set another',
    )
    .option(...URL_OPTION)
    .action(async (email: string, flags: { url?: string }, command: Command) => {
      const base = baseUrl(flags.url);
      await withStore(command, async (store) => {
        const user = await findUserByEmail(store, email);
        const reset = await resetPassword(store, { userId: user.id, now: new Date() });
        print(`the password of ${reset.user.email} no longer works and their sessions ended`);
        printSetupLink(reset, base);
      });
    });

  users
    .command('sign-out <email>')
    .description(
      'end every session of a user, on every device (API tokens: `hotspot tokens revoke`)',
    )
    .action(async (email: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const user = await findUserByEmail(store, email);
        await signOutEverywhere(store, user.id);
        print(`signed ${user.email} out everywhere`);
      });
    });
  registerAssignments(users);
}
