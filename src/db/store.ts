import type { ImportPlan, RowErrorCode } from '../core/import-plan.ts';

/** A value bound to a `$1`-style SQL parameter. */
export type SqlValue = string | number | boolean | null | bigint;

export type Row = Record<string, unknown>;

/** Rows a batch at a time, values in column order: a result's `batches`, or an array of batches. */
export type RowBatches =
  AsyncIterable<Iterable<readonly SqlValue[]>> | Iterable<Iterable<readonly SqlValue[]>>;

/**
 * The seam between Hotspot and a database engine. SQL handed to it is portable
 * (DuckDB and PostgreSQL) unless the caller checks `engine` first.
 */
export interface Store {
  readonly engine: 'duckdb' | 'postgres';
  /** Where the data lives, for messages (a file path or a connection URL without password). */
  readonly location: string;
  all<T extends Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** A result as one array per column: compact for results with a row per account. */
  columns(sql: string, params?: readonly SqlValue[]): Promise<Record<string, unknown[]>>;
  /**
   * A result as value arrays in select order, handed over a batch at a time, for results
   * larger than memory (copies, backups). Values look as in `all`.
   */
  batches(sql: string, params?: readonly SqlValue[]): AsyncIterable<unknown[][]>;
  /**
   * Appends many rows to a table fast (bulk path of the engine); values in `columns` order.
   * Dates, timestamps and decimals may be given as text ('2024-01-31', '12.50').
   */
  appendRows(
    table: string,
    columns: readonly string[],
    rows: Iterable<readonly SqlValue[]>,
  ): Promise<number>;
  /**
   * `appendRows` for rows that arrive a batch at a time (another store's `batches`): the
   * table is described once and the rows are buffered into the engine's own bulk statements,
   * whatever the batches' sizes. All of it or none of it is stored.
   */
  appendBatches(table: string, columns: readonly string[], batches: RowBatches): Promise<number>;
  /**
   * Writes the result of `select` (its columns named and typed by the query) to a Parquet file
   * at `path`, in result order; returns the number of rows written.
   */
  exportParquet(select: string, params: readonly SqlValue[], path: string): Promise<number>;
  /**
   * Runs `work` in one transaction: all of it is committed, or none of it. With
   * `rollback: true` the work is undone even when it succeeds (dry runs); with `snapshot: true`
   * every read sees the database as it was at the first statement (backups). Called inside
   * another transaction of the same store, `work` simply joins it.
   */
  transaction<T>(
    work: () => Promise<T>,
    options?: { rollback?: boolean; snapshot?: boolean },
  ): Promise<T>;
  /**
   * Inside a transaction: waits until no other transaction (of this or another app process
   * sharing the database) holds `key`, then holds it until this transaction ends.
   */
  lock(key: string): Promise<void>;
  /** Completion (0..100) of the statement running now, for progress bars. */
  progress(): number;
  /** Bulk import of one file, staged and validated by DuckDB (a scratch one for PostgreSQL). */
  createImportBatch(): ImportBatch;
  close(): Promise<void>;
}

/** A row the CSV reader could not split into the header's columns. */
export type MalformedRow = { bytePosition: number; rawLine: string; message: string };

export type StagedFile = { headers: string[] };

export type MatchCounts = {
  byId: number;
  byDomain: number;
  byName: number;
  unmatched: number;
  ambiguous: number;
};

export type ValidationCounts = {
  records: number;
  accepted: number;
  rejected: number;
  matches: MatchCounts;
  /** Rows the CSV reader could not split into the header's columns. */
  malformed: MalformedRow[];
  /** Rows rejected because their id appears more than once in the file. */
  duplicates: number;
};

export type WriteCounts = { inserted: number; updated: number; unchanged: number };

/** One rejected row with everything a person needs to fix it. */
export type RejectedRow = {
  /** 0-based record index in the staged file. */
  record: number;
  code: RowErrorCode;
  target: string;
  value: string | null;
  /** The row's values in file column order. */
  original: (string | null)[];
  /** Other records with the same id (duplicate_id). */
  duplicates: number[];
  /** Nearest accounts for unknown_account / ambiguous_account: "Name (external id)". */
  candidates: string[];
};

/** One file's import: stage, validate, report, write (inside the caller's transaction). */
export interface ImportBatch {
  prepare(): Promise<void>;
  stageCsv(options: { path: string; delimiter: string; headers: string[] }): Promise<StagedFile>;
  stageTable(options: { path: string; format: 'parquet' | 'json' }): Promise<StagedFile>;
  /** The staged file's first rows in file order, every value as text (a preview). */
  firstRows(limit: number): Promise<(string | null)[][]>;
  validate(plan: ImportPlan): Promise<ValidationCounts>;
  /** Rejected rows after record `after` in file order, `limit` at a time. */
  rejectedRows(
    plan: ImportPlan,
    page: { headerCount: number; after: number; limit: number },
  ): Promise<RejectedRow[]>;
  write(plan: ImportPlan, importId: number): Promise<WriteCounts>;
  cleanUp(): Promise<void>;
}
