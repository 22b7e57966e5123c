import {
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { messageOf, StoreError } from '../../core/errors.ts';
import type { ImportBatch, Row, RowBatches, SqlValue, Store } from '../store.ts';
import { DuckDbImportBatch } from './import-batch.ts';

/** The embedded store: one DuckDB database file (or `:memory:`). */
export class DuckDbStore implements Store {
  readonly engine = 'duckdb';
  readonly location: string;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  #inTransaction = false;

  private constructor(location: string, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.location = location;
    this.#instance = instance;
    this.#connection = connection;
  }

  static async open(path: string): Promise<DuckDbStore> {
    try {
      const instance = await DuckDBInstance.create(path);
      const connection = await instance.connect();
      return new DuckDbStore(path, instance, connection);
    } catch (cause) {
      throw new StoreError(`cannot open database ${path}: ${messageOf(cause)}`, { cause });
    }
  }

  /** The underlying connection, for engine-specific work (bulk file reads) in src/db only. */
  get connection(): DuckDBConnection {
    return this.#connection;
  }

  async all<T extends Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const reader = await this.#connection.runAndReadAll(sql, toValues(params));
    return reader.getRowObjectsJS().map(toPlain) as T[];
  }

  async columns(sql: string, params: readonly SqlValue[] = []): Promise<Record<string, unknown[]>> {
    const reader = await this.#connection.runAndReadAll(sql, toValues(params));
    const columns = reader.getColumnsObjectJS() as Record<string, unknown[]>;
    for (const values of Object.values(columns)) {
      for (let i = 0; i < values.length; i++) {
        if (typeof values[i] === 'bigint') values[i] = Number(values[i]);
      }
    }
    return columns;
  }

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
    // the appender fills every column of the table in order: stage the given columns in a
    // temp table of just those, then insert by name. Columns of types a JS value does not map
    // onto (dates, timestamps, decimals) are staged as text and cast on the way in.
    return this.transaction(async () => {
      const staging = `hs_append_${table}`;
      await this.run(
        `CREATE OR REPLACE TEMP TABLE ${staging} AS SELECT ${columns.join(', ')} FROM ${table} LIMIT 0`,
      );
      const described = await this.all<{ column_type: string }>(`DESCRIBE ${staging}`);
      const targetTypes = described.map((d) => d.column_type);
      const asText = targetTypes.map((t) => !DIRECT_TYPES.has(t));
      if (asText.some(Boolean)) {
        const staged = columns.map((c, i) => (asText[i] ? `CAST(${c} AS VARCHAR) AS ${c}` : c));
        await this.run(
          `CREATE OR REPLACE TEMP TABLE ${staging} AS SELECT ${staged.join(', ')} FROM ${table} LIMIT 0`,
        );
      }
      const values = columns.map((c, i) => (asText[i] ? `CAST(${c} AS ${targetTypes[i]})` : c));
      const insert = `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM ${staging}`;
      let appender = await this.#connection.createAppender(staging);
      const types = columns.map((_, i) => appender.columnType(i));
      const integral = types.map((t) => t.typeId === DuckDBTypeId.BIGINT);
      // rows are gathered into vector-sized column chunks (one native call per chunk, not per
      // value), and the staged chunks are moved into the table now and then (bounded memory)
      const chunk = DuckDBDataChunk.create(types, CHUNK_ROWS);
      let buffer: DuckDBValue[][] = columns.map(() => []);
      let buffered = 0;
      let staged = 0;
      let count = 0;
      const flush = (): void => {
        if (buffered === 0) return;
        chunk.rowCount = buffered;
        chunk.setColumns(buffer);
        appender.appendDataChunk(chunk);
        buffer = columns.map(() => []);
        staged += buffered;
        buffered = 0;
      };
      const move = async (): Promise<void> => {
        flush();
        appender.closeSync();
        await this.run(insert);
        await this.run(`DELETE FROM ${staging}`);
        staged = 0;
      };
      for await (const batch of batches) {
        for (const row of batch) {
          for (let c = 0; c < row.length; c++) {
            const value = row[c] ?? null;
            (buffer[c] as DuckDBValue[]).push(
              value === null
                ? null
                : asText[c]
                  ? String(value)
                  : integral[c] && typeof value === 'number'
                    ? BigInt(value)
                    : value,
            );
          }
          buffered++;
          count++;
          if (buffered === CHUNK_ROWS) flush();
          if (staged >= STAGE_ROWS) {
            await move();
            appender = await this.#connection.createAppender(staging);
          }
        }
      }
      await move();
      await this.run(`DROP TABLE ${staging}`);
      return count;
    });
  }

  /** COPY … TO writes the file and reports the rows it wrote. */
  async exportParquet(select: string, params: readonly SqlValue[], path: string): Promise<number> {
    // COPY takes no parameter for its file name: it goes in as a quoted literal
    const result = await this.#connection.run(
      `COPY (${select}) TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`,
      toValues(params),
    );
    return result.rowsChanged;
  }

  async *batches(sql: string, params: readonly SqlValue[] = []): AsyncIterable<unknown[][]> {
    const result = await this.#connection.stream(sql, toValues(params));
    for await (const rows of result.yieldRowsJs()) {
      yield rows.map((row) => row.map(toPlainValue));
    }
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.#connection.run(sql, toValues(params));
  }

  async transaction<T>(
    work: () => Promise<T>,
    options: { rollback?: boolean; snapshot?: boolean } = {},
  ): Promise<T> {
    // one connection: a transaction already open takes the work in. Every DuckDB transaction
    // reads one snapshot already, so `snapshot` asks for nothing more.
    if (this.#inTransaction) return work();
    await this.#connection.run('BEGIN TRANSACTION');
    this.#inTransaction = true;
    try {
      const result = await work();
      await this.#connection.run(options.rollback ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (error) {
      await this.#connection.run('ROLLBACK');
      throw error;
    } finally {
      this.#inTransaction = false;
    }
  }

  /** One process owns a DuckDB file and runs one transaction at a time: nothing to wait for. */
  lock(): Promise<void> {
    return Promise.resolve();
  }

  progress(): number {
    return Math.max(0, this.#connection.progress.percentage);
  }

  createImportBatch(): ImportBatch {
    return new DuckDbImportBatch(this);
  }

  close(): Promise<void> {
    this.#connection.closeSync();
    this.#instance.closeSync();
    return Promise.resolve();
  }
}

function toValues(params: readonly SqlValue[]): DuckDBValue[] | undefined {
  return params.length === 0 ? undefined : [...params];
}

/** Rows per column chunk handed to the appender (DuckDB's vector size). */
const CHUNK_ROWS = 2048;

/** Rows staged before they are moved into the table: bounds the staging table of a large append. */
const STAGE_ROWS = 50 * CHUNK_ROWS;

/** Column types whose JS values the appender takes as they are. */
const DIRECT_TYPES = new Set(['BIGINT', 'INTEGER', 'DOUBLE', 'BOOLEAN', 'VARCHAR']);

/** 64-bit integers come back as bigint; every count and id Hotspot keeps fits a number. */
function toPlainValue(value: unknown): unknown {
  return typeof value === 'bigint'
    ? Number(value)
    : Array.isArray(value)
      ? value.map((v: unknown) => (typeof v === 'bigint' ? Number(v) : v))
      : value;
}

function toPlain(row: Record<string, unknown>): Row {
  const plain: Row = {};
  for (const [key, value] of Object.entries(row)) plain[key] = toPlainValue(value);
  return plain;
}
