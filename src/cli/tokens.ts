import type { Command } from 'commander';
import { UsageError } from '../core/errors.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../app/api-tokens.ts';
import { findUserByEmail } from '../app/users.ts';
import { formatTable, print, printJson, withStore } from './context.ts';
import { formatInstant } from './users.ts';

function tokenId(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${value}: expected a token id (see \`hotspot tokens list\`)`);
  return n;
}

/** Adds `hotspot tokens`: create, list, revoke API tokens for scripts. */
export function registerTokens(program: Command): void {
  const tokens = program
    .command('tokens')
    .description(
      'API tokens for scripts (`Authorization: Bearer hsp_…`): shown once, stored hashed, revocable',
    );

  tokens
    .command('create')
    .description("create a token that acts as a user (with that user's role); prints it once")
    .requiredOption('--user <email>', 'the user the token acts as')
    .requiredOption('--name <name>', 'what the token is for, e.g. "nightly export"')
    .option('--json', 'print as JSON')
    .action(async (flags: { user: string; name: string; json?: boolean }, command: Command) => {
      const created = await withStore(command, async (store) => {
        const user = await findUserByEmail(store, flags.user);
        return createApiToken(store, { userId: user.id, name: flags.name, now: new Date() });
      });
      if (flags.json) return printJson(created);
      print(
        `created token ${created.token.id} "${created.token.name}" for ${created.token.userEmail}; copy it now, it is not shown again:`,
      );
      print(created.secret);
      return undefined;
    });

  tokens
    .command('list')
    .description('API tokens, newest first (never their secrets)')
    .option('--user <email>', "only this user's tokens")
    .option('--json', 'print as JSON')
    .action(async (flags: { user?: string; json?: boolean }, command: Command) => {
      const list = await withStore(command, async (store) => {
        const userId =
          flags.user === undefined ? null : (await findUserByEmail(store, flags.user)).id;
        return listApiTokens(store, { userId });
      });
      if (flags.json) return printJson(list);
      if (list.length === 0) return print('no API tokens');
      print(
        formatTable(
          ['id', 'user', 'name', 'created', 'last used', 'revoked'],
          list.map((t) => [
            t.id,
            t.userEmail,
            t.name,
            formatInstant(t.createdAt),
            formatInstant(t.lastUsedAt),
            formatInstant(t.revokedAt),
          ]),
        ),
      );
      return undefined;
    });

  tokens
    .command('revoke <id>')
    .description('revoke a token: scripts using it get 401 from then on')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const revoked = await withStore(command, (store) =>
        revokeApiToken(store, { id: tokenId(id), now: new Date() }),
      );
      print(`revoked token ${revoked.id} "${revoked.name}" of ${revoked.userEmail}`);
    });
}
