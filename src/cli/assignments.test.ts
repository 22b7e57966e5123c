import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli.ts';
import { readAuditLog } from '../app/audit.ts';
import { importFile } from '../app/import-file.ts';
import { addUser } from '../app/users.ts';
import { registerAssignments } from './assignments.ts';
import { withStoreAt } from './context.ts';

const dir = mkdtempSync(join(tmpdir(), 'hotspot-assign-cli-'));
const dbPath = join(dir, 'assign.duckdb');

beforeAll(async () => {
  await withStoreAt(dbPath, async (store) => {
    const path = join(dir, 'account.csv');
    writeFileSync(path, 'id,name\nA-1,Acme\nB-2,Bolt\n');
    await importFile(store, { entity: 'account', path });
    await addUser(store, { email: 'mia@example.test', role: 'manager', now: new Date() });
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) =>
  runCli(
    (program) => registerAssignments(program.command('users')),
    ['--db', dbPath, 'users', ...args],
  );

describe('hotspot users assign | unassign | assigned', () => {
  it('assigns an account by reference, lists it, and removes it, each change audited', async () => {
    expect(await run(['assign', 'Mia@example.test', 'Bolt'])).toBe(
      'Bolt (id 2) assigned to mia@example.test\n',
    );
    expect(await run(['assign', 'mia@example.test', 'B-2'])).toBe(
      'Bolt (id 2) was already assigned to mia@example.test\n',
    );
    expect(JSON.parse(await run(['assigned', 'mia@example.test', '--json']))).toEqual({
      email: 'mia@example.test',
      accounts: [2],
    });
    expect(await run(['unassign', 'mia@example.test', '2'])).toBe(
      'Bolt (id 2) unassigned from mia@example.test\n',
    );
    expect(await run(['assigned', 'mia@example.test'])).toBe(
      'no accounts assigned to mia@example.test\n',
    );
    await withStoreAt(dbPath, async (store) => {
      const log = await readAuditLog(store);
      expect(log.slice(0, 2).map((e) => e.action)).toEqual(['account.unassign', 'account.assign']);
    });
  });

  it('refuses an unknown user or account', async () => {
    await expect(run(['assign', 'nobody@example.test', 'A-1'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(run(['assign', 'mia@example.test', 'Nope'])).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
