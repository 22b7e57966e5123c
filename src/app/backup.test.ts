import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore, openTestStore } from '../../test/stores.ts';
import { readSchema } from '../db/copy-workspace.ts';
import { nextImportId } from '../db/import-log.ts';
import { insertModelVersion } from '../db/model-versions.ts';
import type { Store } from '../db/store.ts';
import { backupWorkspace, restoreWorkspace } from './backup.ts';
import { overrideTier } from './account-detail.ts';
import { scoreWorkspace } from './score-workspace.ts';

const DEMO = { accounts: 120, seed: 8, years: 3, until: '2026-10-31' };

/** Every table's rows as sorted JSON lines (dates, timestamps and decimals as text): equal contents compare equal. */
async function contents(store: Store): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await readSchema(store)) {
    const select = table.columns.map((c) =>
      /^(date|time|numeric|decimal)/i.test(c.type)
        ? `CAST(${c.name} AS VARCHAR) AS ${c.name}`
        : c.name,
    );
    const rows = await store.all(`SELECT ${select.join(', ')} FROM ${table.name}`);
    out[table.name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

describe('backup and restore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-backup-'));
  let original: Store;
  let expected: Record<string, string[]>;

  beforeAll(async () => {
    original = await openDemoStore('duckdb', DEMO);
    const run = await scoreWorkspace(original);
    const [first] = await original.all<{ account_id: number }>(
      'SELECT account_id FROM account_score WHERE run_id = $1 ORDER BY account_id LIMIT 1',
      [run.id],
    );
    await overrideTier(original, {
      account: String(first?.account_id),
      tier: '1a',
      reason: 'strategic logo',
      by: 'test',
    });
    expected = await contents(original);
  });

  afterAll(() => original.close());

  it.each(ENGINES)(
    'DuckDB → backup → %s → backup → DuckDB keeps every table as it was',
    async (engine) => {
      const first = join(dir, `first-${engine}.duckdb`);
      const backedUp = await backupWorkspace(original, { path: first });
      expect(backedUp.tables.account).toBe(DEMO.accounts);
      const middle = await openTestStore(engine);
      const final = await openTestStore('duckdb');
      try {
        const restored = await restoreWorkspace(middle, { path: first });
        expect(restored.tables).toEqual(backedUp.tables);
        expect(await contents(middle)).toEqual(expected);
        const second = join(dir, `second-${engine}.duckdb`);
        await backupWorkspace(middle, { path: second });
        await restoreWorkspace(final, { path: second });
        const after = await contents(final);
        expect(after).toEqual(expected);
        // spot checks a reader can follow: counts, a sum, and exact rows
        expect(after.account).toHaveLength(DEMO.accounts);
        expect(after.tier_override).toEqual(expected.tier_override);
        expect(after.tier_override?.[0]).toContain('"reason":"strategic logo"');
        const sum = async (s: Store): Promise<string> =>
          String(
            (await s.all<{ t: string }>('SELECT CAST(sum(amount) AS VARCHAR) AS t FROM invoice'))[0]
              ?.t,
          );
        expect(await sum(final)).toBe(await sum(original));
        // new records take ids after the copied ones on every engine
        for (const store of [middle, final]) {
          const [top] = await store.all<{ id: number }>('SELECT max(id) AS id FROM import');
          expect(await nextImportId(store)).toBeGreaterThan(Number(top?.id));
          const version = await insertModelVersion(store, {
            name: 'after restore',
            hash: 'h',
            document: 'd',
            savedBy: 'test',
          });
          expect(version).toBeGreaterThan(0);
        }
      } finally {
        await middle.close();
        await final.close();
      }
    },
  );

  it('refuses a workspace that holds data unless told to replace it', async () => {
    const file = join(dir, 'refuse.duckdb');
    await backupWorkspace(original, { path: file });
    const target = await openTestStore('duckdb');
    try {
      await insertModelVersion(target, { name: 'mine', hash: 'h', document: 'd', savedBy: 't' });
      await expect(restoreWorkspace(target, { path: file })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('already holds data (1 model_version rows)') as unknown,
      });
      await restoreWorkspace(target, { path: file, replace: true });
      expect(await contents(target)).toEqual(expected);
    } finally {
      await target.close();
    }
  });

  it('never overwrites a file, and names a file that is not a backup', async () => {
    const file = join(dir, 'taken.duckdb');
    writeFileSync(file, 'not a database');
    await expect(backupWorkspace(original, { path: file })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const target = await openTestStore('duckdb');
    try {
      await expect(restoreWorkspace(target, { path: file })).rejects.toMatchObject({
        code: 'INVALID_FILE',
        message: expect.stringContaining('taken.duckdb: not a Hotspot backup') as unknown,
      });
      await expect(
        restoreWorkspace(target, { path: join(dir, 'missing.duckdb') }),
      ).rejects.toMatchObject({ code: 'INVALID_FILE' });
    } finally {
      await target.close();
    }
  });
});
