import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dropTestDatabase,
  ENGINES,
  openTestStore,
} from '../../../test/stores.ts';
import { writeDemoFiles } from '../../app/demo-data.ts';
import { importDirectory } from '../../app/import-directory.ts';
import { scoreWorkspace } from '../../app/score-workspace.ts';
import { ENTITIES } from '../../core/entities.ts';
import { migrate, MIGRATIONS } from '../migrate.ts';
import { openStore } from '../open-store.ts';
import { setOverride } from '../score-runs.ts';
import type { Store } from '../store.ts';
import { PgStore, withoutPassword } from './pg-store.ts';

/*
 * Several app processes serving one database is the team server's setting, and PostgreSQL's
 * alone: a DuckDB file has one writing process, so these tests have no DuckDB twin. Each
 * "process" is a PgStore of its own (its own connection pool), as two app instances would be.
 */
describe.runIf(ENGINES.includes('postgres'))(
  'app processes sharing one PostgreSQL database',
  () => {
    let url: string;
    let first: Store;
    let second: Store;

    beforeAll(async () => {
      url = await createTestDatabase();
    });

    afterAll(async () => {
      await first.close();
      await second.close();
      await dropTestDatabase(url);
    });

    it('migrate a new database once when they start at the same time', async () => {
      first = await PgStore.open(url);
      second = await PgStore.open(url);
      const ran = await Promise.all([migrate(first), migrate(second)]);
      expect(ran.map((r) => r.length).sort()).toEqual([0, MIGRATIONS.length]);
      const versions = await first.all<{ version: number }>(
        'SELECT version FROM schema_migration ORDER BY version',
      );
      expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    });

    it('import the same files at the same time without storing any record twice', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hotspot-shared-'));
      const written = await writeDemoFiles({ accounts: 60, seed: 9, dir, format: 'native' });
      const options = { dir, preset: 'native' as const, source: 'crm' };
      const [a, b] = await Promise.all([
        importDirectory(first, options),
        importDirectory(second, options),
      ]);
      for (const entity of ENTITIES) {
        const rows = await first.all<{ n: number; ids: number }>(
          `SELECT count(*) AS n, count(DISTINCT external_id) AS ids FROM ${entity.name} WHERE source = 'crm'`,
        );
        expect(rows[0], entity.name).toEqual({
          n: written[entity.name],
          ids: written[entity.name],
        });
        const mine = a.find((s) => s.entity === entity.name);
        const theirs = b.find((s) => s.entity === entity.name);
        // one process inserted each record, the other found it unchanged (whichever came first)
        expect((mine?.inserted ?? 0) + (theirs?.inserted ?? 0), entity.name).toBe(
          written[entity.name],
        );
        expect((mine?.rejected ?? 0) + (theirs?.rejected ?? 0), entity.name).toBe(0);
      }
      const imports = await first.all<{ n: number }>('SELECT count(DISTINCT id) AS n FROM import');
      expect(imports[0]?.n).toBe(a.length + b.length);
    });

    it('score at the same time into runs of their own', async () => {
      const runs = await Promise.all([scoreWorkspace(first), scoreWorkspace(second)]);
      expect(new Set(runs.map((r) => r.id)).size).toBe(2);
      for (const run of runs) {
        const [row] = await second.all<{ n: number }>(
          'SELECT count(*) AS n FROM account_score WHERE run_id = $1',
          [run.id],
        );
        expect(row?.n).toBe(run.accounts);
      }
      expect(runs[0]?.tierCounts).toEqual(runs[1]?.tierCounts);
    });

    it('override one account at the same time: one override stays, no error', async () => {
      const [account] = await first.all<{ id: number }>('SELECT min(id) AS id FROM account');
      const accountId = Number(account?.id);
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          setOverride(i % 2 ? first : second, {
            accountId,
            tier: '1a',
            reason: `reason ${i}`,
            createdBy: `user ${i}`,
          }),
        ),
      );
      const rows = await first.all('SELECT * FROM tier_override WHERE account_id = $1', [
        accountId,
      ]);
      expect(rows).toHaveLength(1);
    });
  },
);

describe.runIf(ENGINES.includes('postgres'))('a PgStore', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore('postgres');
    await store.run('CREATE TABLE probe (n BIGINT)');
  });

  afterAll(() => store.close());

  it('keeps the transactions of concurrent requests apart', async () => {
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const committed = store.transaction(async () => {
      await store.run('INSERT INTO probe VALUES (1)');
      await gate;
      await store.run('INSERT INTO probe VALUES (2)');
    });
    const undone = store.transaction(async () => {
      await store.run('INSERT INTO probe VALUES (3)');
      // the other transaction's rows are not visible here: another connection
      expect(await store.all('SELECT n FROM probe ORDER BY n')).toEqual([{ n: 3 }]);
      open();
      throw new Error('undo');
    });
    await expect(undone).rejects.toThrow('undo');
    await committed;
    expect(await store.all('SELECT n FROM probe ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('names its database without the password', () => {
    expect(withoutPassword('postgres://app:s3cret@db.example:5432/hotspot')).toBe(
      'postgres://app@db.example:5432/hotspot',
    );
    expect(withoutPassword('postgres://app@db.example/hotspot')).toBe(
      'postgres://app@db.example/hotspot',
    );
  });

  it('reports a server that does not answer as a store error, without the password', async () => {
    await expect(openStore('postgres://app:s3cret@127.0.0.1:1/nowhere')).rejects.toMatchObject({
      code: 'STORE',
      message: expect.stringMatching(
        /^cannot open database postgres:\/\/app@127\.0\.0\.1:1\/nowhere: /,
      ) as unknown,
    });
  });
});
