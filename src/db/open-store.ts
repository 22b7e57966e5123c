import { DuckDbStore } from './duckdb/duckdb-store.ts';
import { migrate } from './migrate.ts';
import type { Store } from './store.ts';

export const DEFAULT_DB_PATH = './hotspot.duckdb';

/** Opens (creating if needed) the store at `location` and brings its schema up to date. */
export async function openStore(location: string): Promise<Store> {
  const store = await DuckDbStore.open(location);
  try {
    await migrate(store);
  } catch (error) {
    store.close();
    throw error;
  }
  return store;
}
