import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/db/open-store.ts';
import {
  ENGINES,
  TEST_PG_SERVER,
  createTestDatabase,
  testDatabasePrefix,
  withAdminConnection,
} from './stores.ts';

/**
 * Every test's temporary files go into one folder, removed when the run ends. With PostgreSQL
 * among the engines, the server must answer (`.ci/run` starts it), one migrated database is
 * made for the stores to copy, and the run's throw-away databases (the template, and those a
 * failed test left behind) are dropped at the end.
 */
export async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-tests-'));
  process.env.TMPDIR = dir;
  process.env.HOTSPOT_TEST_RUN = randomBytes(3).toString('hex');
  const postgres = ENGINES.includes('postgres');
  if (postgres) {
    await withAdminConnection((admin) => admin.query('SELECT 1')).catch((cause: unknown) => {
      throw new Error(
        `the store tests run against PostgreSQL too, and ${TEST_PG_SERVER} does not answer (${String(cause)}): start it (.ci/run does), or run DuckDB only with HOTSPOT_TEST_ENGINES=duckdb`,
        { cause },
      );
    });
    const url = await createTestDatabase();
    await (await openStore(url)).close();
    process.env.HOTSPOT_TEST_PG_TEMPLATE = url.slice(url.lastIndexOf('/') + 1);
  }
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (postgres) await dropTestDatabases();
  };
}

async function dropTestDatabases(): Promise<void> {
  await withAdminConnection(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [testDatabasePrefix()],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}
