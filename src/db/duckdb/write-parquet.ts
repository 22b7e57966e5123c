import type { RowBatches } from '../store.ts';
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
    await scratch.run(
      `CREATE TABLE hs_parquet (${input.columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
    );
    const names = input.columns.map((c) => c.name);
    await scratch.appendBatches('hs_parquet', names, input.rows as RowBatches);
    return await scratch.exportParquet('SELECT * FROM hs_parquet', [], input.path);
  } finally {
    await scratch.close();
  }
}
