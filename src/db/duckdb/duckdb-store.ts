import {
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { StoreError } from '../../core/errors.ts';
import type { ImportBatch, Row, SqlValue, Store } from '../store.ts';
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

  async appendRows(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly SqlValue[]>,
  ): Promise<number> {
    // the appender fills every column of the table in order: stage the given columns in a
    // temp table of just those, then insert by name
    const staging = `hs_append_${table}`;
    await this.run(
      `CREATE OR REPLACE TEMP TABLE ${staging} AS SELECT ${columns.join(', ')} FROM ${table} LIMIT 0`,
    );
    const appender = await this.#connection.createAppender(staging);
    const types = columns.map((_, i) => appender.columnType(i));
    const integral = types.map((t) => t.typeId === DuckDBTypeId.BIGINT);
    // rows are gathered into vector-sized column chunks: one native call per chunk, not per value
    const size = 2048;
    const chunk = DuckDBDataChunk.create(types, size);
    let buffer: DuckDBValue[][] = columns.map(() => []);
    let buffered = 0;
    let count = 0;
    const flush = (): void => {
      if (buffered === 0) return;
      chunk.rowCount = buffered;
      chunk.setColumns(buffer);
      appender.appendDataChunk(chunk);
      buffer = columns.map(() => []);
      buffered = 0;
    };
    for (const row of rows) {
      for (let c = 0; c < row.length; c++) {
        const value = row[c] ?? null;
        (buffer[c] as DuckDBValue[]).push(
          integral[c] && typeof value === 'number' ? BigInt(value) : value,
        );
      }
      buffered++;
      count++;
      if (buffered === size) flush();
    }
    flush();
    appender.closeSync();
    await this.run(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM ${staging}`);
    await this.run(`DROP TABLE ${staging}`);
    return count;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.#connection.run(sql, toValues(params));
  }

  async transaction<T>(work: () => Promise<T>, options: { rollback?: boolean } = {}): Promise<T> {
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

  progress(): number {
    return Math.max(0, this.#connection.progress.percentage);
  }

  createImportBatch(): ImportBatch {
    return new DuckDbImportBatch(this);
  }

  close(): void {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }
}

function toValues(params: readonly SqlValue[]): DuckDBValue[] | undefined {
  return params.length === 0 ? undefined : [...params];
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** 64-bit integers come back as bigint; every count and id Hotspot keeps fits a number. */
function toPlain(row: Record<string, unknown>): Row {
  const plain: Row = {};
  for (const [key, value] of Object.entries(row)) {
    plain[key] =
      typeof value === 'bigint'
        ? Number(value)
        : Array.isArray(value)
          ? value.map((v: unknown) => (typeof v === 'bigint' ? Number(v) : v))
          : value;
  }
  return plain;
}
