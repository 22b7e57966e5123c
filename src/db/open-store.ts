import { DuckDbStore } from './duckdb/duckdb-store.ts';
import { migrate } from './migrate.ts';
import { isPostgresUrl, PgStore } from './postgres/pg-store.ts';
import type { Store } from './store.ts';

export { isPostgresUrl };

export const DEFAULT_DB_PATH = './hotspot.duckdb';

/**
 * Opens the store at `location` and brings its schema up to date: a PostgreSQL database for a
 * postgres:// or postgresql:// URL, otherwise a DuckDB file (created if needed) or `:memory:`.
 */
export async function openStore(location: string): Promise<Store> {
  const store = isPostgresUrl(location)
    ? await PgStore.open(location)
    : await DuckDbStore.open(location);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
