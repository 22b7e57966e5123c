import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadDemo } from '../src/app/demo-data.ts';
import { copyWorkspace } from '../src/db/copy-workspace.ts';
import { DuckDbStore } from '../src/db/duckdb/duckdb-store.ts';
import { openStore } from '../src/db/open-store.ts';
import { PgStore } from '../src/db/postgres/pg-store.ts';
import type { Store } from '../src/db/store.ts';
import type { DemoOptions } from '../src/demo/generate-demo.ts';

/*
 * One store contract, every engine: suites loop over ENGINES (describe.each) and get a fresh
 * store per engine from here. DuckDB is `:memory:`; PostgreSQL is a throw-away database per
 * store, created through the `postgres` database and dropped when the store is closed (and,
 * for a run that was cut short, by the global teardown).
 */

export type Engine = Store['engine'];

/**
 * The engines suites run against: both, unless HOTSPOT_TEST_ENGINES narrows them (a machine
 * without PostgreSQL: `HOTSPOT_TEST_ENGINES=duckdb npx vitest run`). CI runs both.
 */
export const ENGINES: readonly Engine[] = (process.env.HOTSPOT_TEST_ENGINES ?? 'duckdb,postgres')
  .split(',')
  .map((e) => e.trim())
  .filter((e): e is Engine => e === 'duckdb' || e === 'postgres');

/** The server the throw-away databases live on (trust authentication, user postgres). */
export const TEST_PG_SERVER = process.env.HOTSPOT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';

/** Names of this run's databases start with this (the global setup sets the run's tag). */
export function testDatabasePrefix(): string {
  return `hotspot_t_${process.env.HOTSPOT_TEST_RUN ?? 'x'}_`;
}

/** Runs `work` on a connection to the server's `postgres` database. */
export async function withAdminConnection<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${TEST_PG_SERVER}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty store of the engine, migrated unless `migrate: false`; closing it drops a
 * PostgreSQL database.
 */
export async function openTestStore(
  engine: Engine,
  options: { migrate?: boolean } = {},
): Promise<Store> {
  const migrated = options.migrate ?? true;
  if (engine === 'duckdb') return migrated ? openStore(':memory:') : DuckDbStore.open(':memory:');
  // a copy of the run's migrated template (global setup), when there is one: migrating each
  // database again would cost every suite a few hundred milliseconds per store
  const template = migrated ? process.env.HOTSPOT_TEST_PG_TEMPLATE : undefined;
  const url = await createTestDatabase(template);
  const store = migrated ? await openStore(url) : await PgStore.open(url);
  const close = store.close.bind(store);
  store.close = async () => {
    await close();
    await dropTestDatabase(url);
  };
  return store;
}

/** Creates a throw-away PostgreSQL database (a copy of `template`, default empty) and returns its URL. */
export async function createTestDatabase(template = 'template0'): Promise<string> {
  const name = `${testDatabasePrefix()}${randomBytes(6).toString('hex')}`;
  // names are made here ([a-z0-9_]): identifiers cannot be bound as parameters
  await withAdminConnection((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  return `${TEST_PG_SERVER}/${name}`;
}

/** Drops a database createTestDatabase made (connections still open to it are ended). */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = url.slice(url.lastIndexOf('/') + 1);
  if (!name.startsWith(testDatabasePrefix())) throw new Error(`not a test database: ${url}`);
  await withAdminConnection((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/**
 * A store of the engine holding the demo data set, loaded through the importer: straight
 * into DuckDB; for PostgreSQL into a scratch DuckDB first, then copied (copyWorkspace), which
 * is quicker than importing into PostgreSQL and exercises the copy on every suite.
 */
export async function openDemoStore(engine: Engine, demo: DemoOptions): Promise<Store> {
  const loaded = await openStore(':memory:');
  await loadDemo(loaded, demo);
  if (engine === 'duckdb') return loaded;
  try {
    const store = await openTestStore(engine);
    await copyWorkspace(loaded, store);
    return store;
  } finally {
    await loaded.close();
  }
}
