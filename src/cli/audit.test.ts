import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli.ts';
import type { AuditEntry } from '../app/audit.ts';
import { importFile } from '../app/import-file.ts';
import { overrideTier } from '../app/account-detail.ts';
import { registerAudit } from './audit.ts';
import { withStoreAt } from './context.ts';

const dir = mkdtempSync(join(tmpdir(), 'hotspot-audit-cli-'));
const dbPath = join(dir, 'audit.duckdb');

beforeAll(async () => {
  await withStoreAt(dbPath, async (store) => {
    const path = join(dir, 'account.csv');
    writeFileSync(path, 'id,name\nA-1,Acme\n');
    await importFile(store, { entity: 'account', path, actor: 'rita@example.test' });
    await overrideTier(store, {
      account: 'A-1',
      tier: '1a',
      reason: "'; DROP TABLE account; -- <script>alert(1)</script>",
      by: 'Dana',
      actor: 'dana@example.test',
    });
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `hotspot --db FILE audit …` in process and returns what it wrote to stdout. */
const run = (args: string[]) => runCli(registerAudit, ['--db', dbPath, 'audit', ...args]);

describe('hotspot audit', () => {
  it('--json prints every entry, newest first, with before and after', async () => {
    const { entries } = JSON.parse(await run(['--json'])) as { entries: AuditEntry[] };
    expect(entries.map((e) => [e.actor, e.action, e.entity])).toEqual([
      ['dana@example.test', 'override.set', 'account'],
      ['rita@example.test', 'import', 'import'],
    ]);
    expect(entries[0]).toMatchObject({
      entityId: '1',
      before: null,
      after: {
        tier: '1a',
        reason: "'; DROP TABLE account; -- <script>alert(1)</script>",
        by: 'Dana',
      },
    });
    expect(entries[1]?.after).toMatchObject({
      entity: 'account',
      file: 'account.csv',
      inserted: 1,
    });
    expect(entries[0]?.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('prints a table: when, who, action, entity, before → after', async () => {
    const out = await run([]);
    const [header, first, second] = out.trimEnd().split('\n');
    expect(header).toMatch(/^when \(UTC\) +who +action +entity +before → after$/);
    expect(first).toMatch(/ dana@example\.test +override\.set +account 1 +– → \{"tier":"1a",/);
    expect(second).toMatch(/ rita@example\.test +import +import \d+ +– → \{"entity":"account",/);
  });

  it('--since keeps the changes from that day on; --limit the newest', async () => {
    expect(await run(['--since', '2999-01-01'])).toBe('no changes recorded (in that period)\n');
    const { entries } = JSON.parse(await run(['--json', '--limit', '1'])) as {
      entries: AuditEntry[];
    };
    expect(entries.map((e) => e.action)).toEqual(['override.set']);
    await expect(run(['--since', 'last week'])).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(run(['--limit', 'x'])).rejects.toMatchObject({ code: 'USAGE' });
  });
});
