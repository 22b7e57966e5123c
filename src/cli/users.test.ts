import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { failureOf as failureOfCall } from '../../test/errors.ts';
import { runCli } from '../../test/run-cli.ts';
import { checkApiToken } from '../app/api-tokens.ts';
import { setPassword } from '../app/sign-in.ts';
import { withStoreAt } from './context.ts';
import { serveWorkspace } from './serve.ts';
import { registerTokens } from './tokens.ts';
import { registerUsers } from './users.ts';

const dir = mkdtempSync(join(tmpdir(), 'hotspot-users-cli-'));
const db = join(dir, 'users.duckdb');

beforeAll(async () => {
  await withStoreAt(db, (store) =>
    store.run(
      `INSERT INTO rep (source, external_id, name, email, import_id)
     VALUES ('native', 'R-7', 'Mia Manager', 'mia@example.com', 0)`,
    ),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `hotspot …` in process and returns what it wrote to stdout. */
const run = (args: string[]) =>
  runCli(
    (program) => {
      registerUsers(program);
      registerTokens(program);
    },
    ['--db', db, ...args],
  );

const failureOf = (args: string[]) => failureOfCall(run(args), `hotspot ${args.join(' ')}`);

describe('hotspot users and tokens', () => {
  it('serve refuses a public address while the workspace has no users', async () => {
    await withStoreAt(db, async (store) => {
      for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
        const refused = serveWorkspace(store, { host, port: 0 });
        await expect(refused).rejects.toMatchObject({ code: 'USAGE' });
        await expect(refused).rejects.toThrow(/no users/);
      }
    });
  });

  it('adds users with a one-time link, lists them, changes roles, disables, resets', async () => {
    const added = await run([
      'users',
      'add',
      'Mia@Example.com',
      '--role',
      'manager',
      '--url',
      'https://hotspot.example.com/',
    ]);
    expect(added).toContain('added mia@example.com: manager, rep Mia Manager');
    const link = /https:\/\/hotspot\.example\.com\/set-password#token=([A-Za-z0-9_-]{43})/.exec(
      added,
    );
    expect(link).not.toBeNull();
    vi.stubEnv('HOTSPOT_URL', 'http://hotspot.local:8080');
    const admin = await run(['users', 'add', 'root@example.com', '--role', 'admin']);
    expect(admin).toContain('http://hotspot.local:8080/set-password#token=');
    vi.unstubAllEnvs();

    expect((await failureOf(['users', 'add', 'x@example.com', '--role', 'boss'])).code).toBe(
      'INVALID_INPUT',
    );
    expect((await failureOf(['users', 'add', 'mia@example.com', '--role', 'viewer'])).code).toBe(
      'CONFLICT',
    );

    const list = await run(['users', 'list']);
    expect(list).toMatch(/^mia@example\.com +manager +Mia Manager \(\d+\) +awaiting password/m);
    const json = JSON.parse(await run(['users', 'list', '--json'])) as { email: string }[];
    expect(json.map((u) => u.email)).toEqual(['mia@example.com', 'root@example.com']);

    expect(await run(['users', 'set-role', 'mia@example.com', 'leader'])).toContain(
      'mia@example.com: leader',
    );
    expect((await failureOf(['users', 'disable', 'root@example.com'])).code).toBe('CONFLICT');
    expect(await run(['users', 'disable', 'mia@example.com'])).toContain('disabled');
    expect(await run(['users', 'list'])).toMatch(/^mia@example\.com +leader .* disabled/m);
    expect(await run(['users', 'enable', 'mia@example.com'])).toContain('enabled');

    const reset = await run(['users', 'reset-password', 'mia@example.com']);
    expect(reset).toContain('http://localhost:3000/set-password#token=');
    const newToken = /#token=([A-Za-z0-9_-]{43})/.exec(reset)?.[1] ?? '';
    await withStoreAt(db, async (store) => {
      // the first link died with the reset; the new one works
      await expect(
        setPassword(store, {
          setupToken: link?.[1] ?? '',
          password: 'a long password',
          now: new Date(),
        }),
      ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await setPassword(store, {
        setupToken: newToken,
        password: 'a long password',
        now: new Date(),
      });
    });
    expect(await run(['users', 'sign-out', 'mia@example.com'])).toContain(
      'signed mia@example.com out everywhere',
    );
    expect((await failureOf(['users', 'disable', 'nobody@example.com'])).code).toBe('NOT_FOUND');
  });

  it('creates a token shown once, lists it without its secret, revokes it', async () => {
    const created = await run([
      'tokens',
      'create',
      '--user',
      'mia@example.com',
      '--name',
      'nightly',
    ]);
    const secret = /^hsp_[A-Za-z0-9_-]{43}$/m.exec(created)?.[0] ?? '';
    expect(secret).not.toBe('');
    expect(created).toContain('copy it now, it is not shown again');
    const list = await run(['tokens', 'list', '--user', 'mia@example.com']);
    expect(list).toMatch(/^ *\d+ +mia@example\.com +nightly /m);
    expect(list).not.toContain(secret);
    const id = (JSON.parse(await run(['tokens', 'list', '--json'])) as { id: number }[])[0]?.id;
    expect(await run(['tokens', 'revoke', String(id)])).toContain(`revoked token ${id} "nightly"`);
    await withStoreAt(db, async (store) => {
      expect(await checkApiToken(store, { token: secret, now: new Date() })).toEqual({
        ok: false,
        reason: 'revoked',
      });
    });
    expect((await failureOf(['tokens', 'revoke', 'abc'])).code).toBe('USAGE');
  });
});
