import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { FieldDef, PoolClient, QueryArrayResult, QueryResult } from 'pg';
import { messageOf, StoreError } from '../../core/errors.ts';
import { writeParquet } from '../duckdb/write-parquet.ts';
import type { ImportBatch, Row, RowBatches, SqlValue, Store } from '../store.ts';
import { PgImportBatch } from './pg-import-batch.ts';

/** Rows per statement of `appendRows` and per FETCH of `batches`. */
const BATCH_ROWS = 5000;

/** The first key of Hotspot's advisory locks ('HOT' in ASCII): apart from other apps' locks. */
const LOCK_SPACE = 0x484f54;

/**
 * Results as DuckDbStore hands them over, so that callers read both stores alike: 64-bit
 * integers and decimals as numbers (every id, count and amount Hotspot keeps fits one), dates
 * as Dates at UTC midnight and timestamps as Dates of their wall-clock time read as UTC.
 */
const PARSERS = new Map<number, (text: string) => unknown>([
  [pg.types.builtins.INT8, Number],
  [pg.types.builtins.NUMERIC, Number],
  [pg.types.builtins.DATE, (text) => new Date(`${text}T00:00:00Z`)],
  [pg.types.builtins.TIMESTAMP, (text) => new Date(`${text.replace(' ', 'T')}Z`)],
  [1016, (text) => pg.types.arrayParser(text, Number) as unknown[]], // int8[]
  [1231, (text) => pg.types.arrayParser(text, Number) as unknown[]], // numeric[]
]);

const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    PARSERS.get(oid) ??
    (pg.types.getTypeParser(oid, format) as (
      text: string,
    ) => unknown)) as typeof pg.types.getTypeParser,
};

/**
 * The DuckDB types a Parquet export gives result columns of these types, whose values it takes
 * as parsed. Other columns travel as their text: dates, timestamps and decimals (exact, and
 * what appendRows takes, cast to DATE, TIMESTAMP, DECIMAL) and anything else (VARCHAR).
 */
const PARQUET_TYPES = new Map<number, string>([
  [pg.types.builtins.BOOL, 'BOOLEAN'],
  [pg.types.builtins.INT2, 'INTEGER'],
  [pg.types.builtins.INT4, 'INTEGER'],
  [pg.types.builtins.INT8, 'BIGINT'],
  [pg.types.builtins.FLOAT4, 'DOUBLE'],
  [pg.types.builtins.FLOAT8, 'DOUBLE'],
]);

const AS_TEXT = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    PARQUET_TYPES.has(oid)
      ? (TYPES.getTypeParser(oid, format) as (text: string) => unknown)
      : (text: string) => text) as typeof pg.types.getTypeParser,
};

/** The DuckDB type of a result column in a Parquet export. */
function parquetType(field: FieldDef): string {
  const oid = field.dataTypeID;
  if (oid === Number(pg.types.builtins.DATE)) return 'DATE';
  if (oid === Number(pg.types.builtins.TIMESTAMP)) return 'TIMESTAMP';
  if (oid === Number(pg.types.builtins.NUMERIC)) {
    // numeric(p, s) keeps ((p << 16) | s) + 4 as its modifier; a bare numeric has none
    const modifier = field.dataTypeModifier - 4;
    const precision = modifier >> 16;
    if (modifier >= 0 && precision <= 38) return `DECIMAL(${precision}, ${modifier & 0xffff})`;
  }
  return PARQUET_TYPES.get(oid) ?? 'VARCHAR';
}

/**
 * The team server's store: a PostgreSQL database shared by any number of app processes. Every
 * query of a transaction runs on that transaction's connection (found through the async
 * context, so concurrent requests each get their own); other queries take any free one.
 */
export class PgStore implements Store {
  readonly engine = 'postgres';
  readonly location: string;
  readonly #pool: pg.Pool;
  /** The connection of the transaction the current async flow runs in. */
  readonly #transaction = new AsyncLocalStorage<PoolClient>();
  /** Progress sources of imports running now (their scratch DuckDB stores). */
  readonly #working = new Set<{ progress(): number }>();
  #cursors = 0;

  private constructor(location: string, pool: pg.Pool) {
    this.location = location;
    this.#pool = pool;
  }

  /** Connects to `url` (postgres://user[:password]@host[:port]/database). */
  static async open(url: string): Promise<PgStore> {
    const location = withoutPassword(url);
    const pool = new pg.Pool({
      connectionString: url,
      types: TYPES,
      // every app process writes timestamps alike, whatever the server's or its own zone
      options: '-c TimeZone=UTC -c DateStyle=ISO,YMD',
      application_name: 'hotspot',
    });
    // an idle connection the server drops is discarded by the pool; the next query reports
    // trouble, so the event needs no handler beyond keeping it from crashing the process
    pool.on('error', () => undefined);
    try {
      await pool.query('SELECT 1');
    } catch (cause) {
      await pool.end();
      throw new StoreError(`cannot open database ${location}: ${messageOf(cause)}`, { cause });
    }
    return new PgStore(location, pool);
  }

  async all<T extends Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const result: QueryResult = await this.#query(sql, params);
    return result.rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.#query(sql, params);
  }

  async columns(sql: string, params: readonly SqlValue[] = []): Promise<Record<string, unknown[]>> {
    const result = await this.#queryArrays(sql, params);
    const columns: Record<string, unknown[]> = {};
    result.fields.forEach((field, i) => {
      columns[field.name] = result.rows.map((row: unknown[]) => row[i]);
    });
    return columns;
  }

  /** Reads through a cursor (see #fetch). */
  async *batches(sql: string, params: readonly SqlValue[] = []): AsyncIterable<unknown[][]> {
    for await (const result of this.#fetch(sql, params)) {
      if (result.rows.length > 0) yield result.rows;
    }
  }

  /**
   * Many rows per INSERT, one array per column (`unnest`): a handful of parameters per
   * statement whatever the row count, where one parameter per value would hit PostgreSQL's
   * 65,535-parameter limit. All of it or none of it is stored.
   */
  appendRows(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly SqlValue[]>,
  ): Promise<number> {
    return this.appendBatches(table, columns, [rows]);
  }

  async appendBatches(
    table: string,
    columns: readonly string[],
    batches: RowBatches,
  ): Promise<number> {
    return this.transaction(async () => {
      const described = await this.all<{ name: string; type: string }>(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
         FROM pg_attribute a WHERE a.attrelid = CAST($1 AS regclass) AND a.attnum > 0 AND NOT a.attisdropped`,
        [table],
      );
      const typeOf = new Map(described.map((d) => [d.name, d.type]));
      const arrays = columns.map((column, i) => {
        const type = typeOf.get(column);
        if (type === undefined)
          throw new StoreError(`appendRows: ${table} has no column ${column}`);
        return `CAST($${i + 1} AS ${type}[])`;
      });
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`;
      let buffer: SqlValue[][] = columns.map(() => []);
      let buffered = 0;
      let count = 0;
      const flush = async (): Promise<void> => {
        if (buffered === 0) return;
        await this.#query(sql, buffer as unknown as SqlValue[]);
        buffer = columns.map(() => []);
        buffered = 0;
      };
      for await (const batch of batches) {
        for (const row of batch) {
          for (let c = 0; c < columns.length; c++) (buffer[c] as SqlValue[]).push(row[c] ?? null);
          buffered++;
          count++;
          if (buffered === BATCH_ROWS) await flush();
        }
      }
      await flush();
      return count;
    });
  }

  /**
   * PostgreSQL cannot write Parquet: the rows stream through a scratch DuckDB that does, in
   * columns of the DuckDB types of the result's. Dates, timestamps and decimals travel as
   * PostgreSQL's text of them (exact, and what appendRows takes).
   */
  async exportParquet(select: string, params: readonly SqlValue[], path: string): Promise<number> {
    const results = this.#fetch(select, params, AS_TEXT);
    try {
      // the first FETCH (rows or none) describes the result's columns
      const first = await results.next();
      const fields = first.done ? [] : first.value.fields;
      async function* rest(): AsyncIterable<unknown[][]> {
        if (!first.done) yield first.value.rows;
        for await (const result of results) yield result.rows;
      }
      return await writeParquet({
        path,
        columns: fields.map((f) => ({ name: f.name, type: parquetType(f) })),
        rows: rest(),
      });
    } finally {
      // a failure before the last FETCH leaves the cursor open: this closes it
      await results.return(undefined);
    }
  }

  async transaction<T>(
    work: () => Promise<T>,
    options: { rollback?: boolean; snapshot?: boolean } = {},
  ): Promise<T> {
    // as in DuckDbStore, work started inside a transaction joins it
    if (this.#transaction.getStore()) return work();
    const client = await this.#pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(options.snapshot ? 'BEGIN ISOLATION LEVEL REPEATABLE READ' : 'BEGIN');
      const result = await this.#transaction.run(client, work);
      await client.query(options.rollback ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (error) {
      broken = await rollBack(client);
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** A transaction-scoped advisory lock: released by COMMIT or ROLLBACK, never forgotten. */
  async lock(key: string): Promise<void> {
    if (!this.#transaction.getStore())
      throw new StoreError(`lock ${key}: only inside a transaction`);
    await this.run('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_SPACE, key]);
  }

  progress(): number {
    return Math.max(0, ...[...this.#working].map((w) => w.progress()));
  }

  /** Counts `source` (an import's scratch store) in progress() until the returned function is called. */
  trackProgress(source: { progress(): number }): () => void {
    this.#working.add(source);
    return () => this.#working.delete(source);
  }

  createImportBatch(): ImportBatch {
    return new PgImportBatch(this);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }

  #query(sql: string, params: readonly SqlValue[]): Promise<QueryResult> {
    const client = this.#transaction.getStore() ?? this.#pool;
    return client.query(sql, [...params]);
  }

  #queryArrays(sql: string, params: readonly SqlValue[]): Promise<QueryArrayResult> {
    const client = this.#transaction.getStore() ?? this.#pool;
    return client.query({ text: sql, values: [...params], rowMode: 'array' });
  }

  /**
   * The result of `sql` a FETCH at a time (the first even when empty), through a cursor:
   * PostgreSQL keeps cursors inside a transaction, so one is opened if needed. `types` parses
   * the values (default: as every query of the store).
   */
  async *#fetch(
    sql: string,
    params: readonly SqlValue[],
    types?: typeof TYPES,
  ): AsyncGenerator<QueryArrayResult, void, undefined> {
    const bound = this.#transaction.getStore();
    const client = bound ?? (await this.#pool.connect());
    const cursor = `hs_cursor_${++this.#cursors}`;
    let finished = false;
    try {
      if (!bound) await client.query('BEGIN');
      await client.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`, [...params]);
      for (;;) {
        const result: QueryArrayResult = await client.query({
          text: `FETCH FORWARD ${BATCH_ROWS} FROM ${cursor}`,
          rowMode: 'array',
          types,
        });
        yield result;
        if (result.rows.length < BATCH_ROWS) break;
      }
      await client.query(`CLOSE ${cursor}`);
      if (!bound) await client.query('COMMIT');
      finished = true;
    } finally {
      // a failure, or a consumer that stopped early, leaves the cursor open: a transaction of
      // its own is rolled back here; the caller's transaction ends it with everything else
      if (!bound) client.release(finished ? undefined : await rollBack(client));
    }
  }
}

/** Rolls back; a connection that cannot even do that is returned as broken (the pool drops it). */
async function rollBack(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** True for a PostgreSQL connection URL (postgres:// or postgresql://). */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL as messages may show it: without its password. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1@');
  }
}
