import { HotspotError, StoreError } from '../core/errors.ts';
import { DuckDbStore } from './duckdb/duckdb-store.ts';
import { migrate } from './migrate.ts';
import type { RowBatches, Store } from './store.ts';

/** A table of the schema as information_schema describes it. */
export type TableShape = {
  name: string;
  columns: { name: string; type: string }[];
  /** The sequence its `id` default draws from, if it has one. */
  sequence: string | null;
};

/** Where the migrations keep their own bookkeeping: every store has its own. */
const BOOKKEEPING = 'schema_migration';

/**
 * The tables of a store's schema, from information_schema (the same query on both engines),
 * sorted by name, without the migrations' bookkeeping.
 */
export async function readSchema(store: Store): Promise<TableShape[]> {
  const rows = await store.all<{
    table_name: string;
    column_name: string;
    data_type: string;
    column_default: string | null;
  }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.column_default
     FROM information_schema.columns c
     JOIN information_schema.tables t
       ON t.table_catalog = c.table_catalog AND t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE' AND c.table_catalog = current_database()
       AND c.table_schema = current_schema() AND c.table_name <> $1
     ORDER BY c.table_name, c.ordinal_position`,
    [BOOKKEEPING],
  );
  const tables = new Map<string, TableShape>();
  for (const row of rows) {
    const table = tables.get(row.table_name) ?? {
      name: row.table_name,
      columns: [],
      sequence: null,
    };
    table.columns.push({ name: row.column_name, type: row.data_type });
    const sequence = /nextval\('([^']+)'/.exec(row.column_default ?? '')?.[1];
    if (row.column_name === 'id' && sequence) table.sequence = sequence;
    tables.set(row.table_name, table);
  }
  return [...tables.values()];
}

/** Options of {@link copyWorkspace}; each field documents its default. */
export type CopyOptions = {
  /** Empty a target that holds data first (default false: such a target is refused). */
  replace?: boolean;
};

/** Rows copied per table. */
export type CopyCounts = Record<string, number>;

/**
 * Copies every table of `from` into `to`, both stores migrated to the same schema version:
 * `from` is read in one snapshot (a REPEATABLE READ transaction on PostgreSQL) and `to` is
 * written in one transaction, with its sequences moved past the ids copied. Works between any
 * two engines (a DuckDB backup file, a PostgreSQL team database). Throws CONFLICT when `to`
 * already holds data and `replace` is not set, STORE when the schemas differ.
 */
export async function copyWorkspace(
  from: Store,
  to: Store,
  options: CopyOptions = {},
): Promise<CopyCounts> {
  if (from === to) throw new StoreError('copyWorkspace: the source and the target are one store');
  await assertSameVersion(from, to);
  const tables = await readSchema(from);
  assertSameTables(tables, await readSchema(to), to.location);
  const seeded = await seededCounts();
  return from.transaction(
    () =>
      to.transaction(async () => {
        const held = await heldData(to, { tables, seeded });
        if (held.length > 0 && !options.replace) {
          throw new HotspotError(
            'CONFLICT',
            `${to.location} already holds data (${held.join(', ')}); copy into an empty database, or replace what it holds`,
            { details: { tables: held } },
          );
        }
        // the rows migrations seed (settings) are replaced by the source's own
        for (const table of tables) await to.run(`DELETE FROM ${table.name}`);
        const counts: CopyCounts = {};
        for (const table of tables) counts[table.name] = await copyTable({ from, to, table });
        for (const table of tables) await advanceSequence(to, table);
        return counts;
      }),
    { snapshot: true },
  );
}

/** Copies one table's rows, streamed in batches; returns how many. */
export async function copyTable(input: {
  from: Store;
  to: Store;
  table: TableShape;
}): Promise<number> {
  const { table } = input;
  const names = table.columns.map((c) => c.name);
  // dates, timestamps and decimals travel as text: exact, and what appendRows takes on every engine
  const select = table.columns.map((c) =>
    isTextual(c.type) ? `CAST(${c.name} AS VARCHAR) AS ${c.name}` : c.name,
  );
  const rows = input.from.batches(`SELECT ${select.join(', ')} FROM ${table.name}`);
  return input.to.appendBatches(table.name, names, rows as RowBatches);
}

function isTextual(type: string): boolean {
  return /^(date|time|numeric|decimal)/i.test(type);
}

async function schemaVersion(store: Store): Promise<number> {
  const [row] = await store.all<{ v: number | null }>(
    `SELECT max(version) AS v FROM ${BOOKKEEPING}`,
  );
  return Number(row?.v ?? 0);
}

async function assertSameVersion(from: Store, to: Store): Promise<void> {
  const [a, b] = [await schemaVersion(from), await schemaVersion(to)];
  if (a !== b)
    throw new StoreError(
      `${from.location} has schema version ${a} and ${to.location} ${b}: open both with this Hotspot first`,
    );
}

function assertSameTables(
  tables: readonly TableShape[],
  others: readonly TableShape[],
  location: string,
): void {
  const shape = (t: TableShape): string => `${t.name}(${t.columns.map((c) => c.name).join(',')})`;
  const mine = tables.map(shape);
  const theirs = new Set(others.map(shape));
  const missing = mine.filter((s) => !theirs.has(s));
  if (missing.length > 0 || others.length !== tables.length)
    throw new StoreError(
      `${location} has another schema than the source (${missing.join('; ') || 'extra tables'})`,
    );
}

/** The rows a freshly migrated store holds, once per process (they depend on the migrations only). */
let seededOnce: Promise<Map<string, number>> | undefined;

/** Rows per table of a freshly migrated store: what "empty" holds (settings the migrations seed). */
function seededCounts(): Promise<Map<string, number>> {
  seededOnce ??= countSeeded().catch((error: unknown) => {
    seededOnce = undefined; // a failure is not remembered: the next copy tries again
    throw error;
  });
  return seededOnce;
}

async function countSeeded(): Promise<Map<string, number>> {
  const fresh = await DuckDbStore.open(':memory:');
  try {
    await migrate(fresh);
    return await rowCounts(fresh, await readSchema(fresh));
  } finally {
    await fresh.close();
  }
}

async function rowCounts(
  store: Store,
  tables: readonly TableShape[],
): Promise<Map<string, number>> {
  const union = tables
    .map((t, i) => `SELECT CAST($${i + 1} AS VARCHAR) AS name, count(*) AS n FROM ${t.name}`)
    .join(' UNION ALL ');
  const rows = await store.all<{ name: string; n: number }>(
    union,
    tables.map((t) => t.name),
  );
  return new Map(rows.map((r) => [r.name, Number(r.n)]));
}

/** "12 account rows"-style notes on the tables of `store` that hold more than a fresh store. */
async function heldData(
  store: Store,
  input: { tables: readonly TableShape[]; seeded: Map<string, number> },
): Promise<string[]> {
  const counts = await rowCounts(store, input.tables);
  return input.tables.flatMap((t) => {
    const n = counts.get(t.name) ?? 0;
    return n > (input.seeded.get(t.name) ?? 0) ? [`${n} ${t.name} rows`] : [];
  });
}

/** Moves the table's id sequence past the largest id now stored, so new rows get new ids. */
async function advanceSequence(store: Store, table: TableShape): Promise<void> {
  if (!table.sequence) return;
  const [row] = await store.all<{ id: number | null }>(`SELECT max(id) AS id FROM ${table.name}`);
  const largest = row?.id === null || row?.id === undefined ? 0 : Number(row.id);
  if (largest < 1) return;
  if (!/^[a-z_][a-z0-9_.]*$/i.test(table.sequence))
    throw new StoreError(`${table.name}: unexpected sequence name ${table.sequence}`);
  if (store.engine === 'postgres') {
    await store.run('SELECT setval($1, $2)', [table.sequence, largest]);
    return;
  }
  // DuckDB cannot set a sequence: draw from it until it has passed the largest id (the name
  // and count are the schema's and a computed integer: nextval and range take no parameters)
  const [next] = await store.all<{ v: number }>(`SELECT nextval('${table.sequence}') AS v`);
  const behind = largest - Number(next?.v ?? 0);
  if (Number.isSafeInteger(behind) && behind > 0)
    await store.run(`SELECT max(nextval('${table.sequence}')) FROM range(${behind})`);
}
