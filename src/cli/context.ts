import type { Command } from 'commander';
import { openStore, DEFAULT_DB_PATH } from '../db/open-store.ts';
import type { Store } from '../db/store.ts';

/**
 * The database: --db (a DuckDB file or a postgres:// URL), then $DATABASE_URL (the team
 * server's PostgreSQL), then $HOTSPOT_DB, then ./hotspot.duckdb. Empty variables count as unset.
 */
export function dbLocation(command: Command): string {
  const global = command.optsWithGlobals<{ db?: string }>();
  return global.db || process.env.DATABASE_URL || process.env.HOTSPOT_DB || DEFAULT_DB_PATH;
}

/** Opens the store for one command and closes it afterwards, whatever happens. */
export async function withStore<T>(
  command: Command,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  return withStoreAt(dbLocation(command), work);
}

/** Opens the store at `location` (a DuckDB file or a postgres:// URL), runs `work`, closes it. */
export async function withStoreAt<T>(
  location: string,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** -$1,235 for -1234.5: whole dollars, the sign before the symbol. */
export function formatMoney(amount: number): string {
  return `${amount < 0 ? '-' : ''}$${Math.round(Math.abs(amount)).toLocaleString('en-US')}`;
}

/** 12.3% for 0.123, `-` when unknown. */
export function formatPercent(share: number | null): string {
  return share === null ? '-' : `${(share * 100).toFixed(1)}%`;
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Left-aligned text table with a header row. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) =>
          typeof rows[0]?.[i] === 'number'
            ? cell.padStart(widths[i] ?? 0)
            : cell.padEnd(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
