import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readAuditLog } from '../app/audit.ts';
import { importFile } from '../app/import-file.ts';
import { addUser } from '../app/users.ts';
import { openStore } from '../db/open-store.ts';
import { registerAssignments } from './assignments.ts';

const dir = mkdtempSync(join(tmpdir(), 'hotspot-assign-cli-'));
const dbPath = join(dir, 'assign.duckdb');

beforeAll(async () => {
  const store = await openStore(dbPath);
  try {
    const path = join(dir, 'account.csv');
    writeFileSync(path, 'id,name\nA-1,Acme\nB-2,Bolt\n');
    await importFile(store, { entity: 'account', path });
    await addUser(store, { email: 'mia@example.test', role: 'manager', now: new Date() });
  } finally {
    await store.close();
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

async function run(args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  program.option('--db <path>');
  registerAssignments(program.command('users'));
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  await program.parseAsync(['node', 'x', '--db', dbPath, 'users', ...args]);
  return out;
}

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
    const store = await openStore(dbPath);
    try {
      const log = await readAuditLog(store);
      expect(log.slice(0, 2).map((e) => e.action)).toEqual(['account.unassign', 'account.assign']);
    } finally {
      await store.close();
    }
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
