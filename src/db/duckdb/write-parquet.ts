import type { SqlValue } from '../store.ts';
import { DuckDbStore } from './duckdb-store.ts';

/**
 * Writes rows to a Parquet file through a scratch in-memory DuckDB, for stores that cannot
 * write Parquet themselves (PostgreSQL). `columns` are names with DuckDB types; dates may
 * come as text. Returns the number of rows written.
 */
export async function writeParquet(input: {
  path: string;
  columns: readonly { name: string; type: string }[];
  /** Batches of rows (a result's `batches`, or an array of batches). */
  rows: AsyncIterable<unknown[][]> | Iterable<unknown[][]>;
}): Promise<number> {
  const scratch = await DuckDbStore.open(':memory:');
  try {
    const names = input.columns.map((c) => c.name);
    await scratch.run(
      `CREATE TABLE hs_parquet (${input.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
    );
    let count = 0;
    for await (const batch of input.rows)
      count += await scratch.appendRows('hs_parquet', names, batch as SqlValue[][]);
    // COPY takes no parameters: the path goes in as a quoted literal
    const path = input.path.replace(/'/g, "''");
    await scratch.run(`COPY hs_parquet TO '${path}' (FORMAT parquet)`);
    return count;
  } finally {
    await scratch.close();
  }
}
