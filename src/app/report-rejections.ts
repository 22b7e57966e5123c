import { existsSync, rmSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { ImportPlan, RowErrorCode } from '../core/import-plan.ts';
import type { ImportBatch, MalformedRow, RejectedRow } from '../db/store.ts';
import { openErrorReport, type ReportedRow } from '../ingest/error-report.ts';
import { RecordLocator } from '../ingest/line-index.ts';
import type { FileFormat } from '../ingest/probe-file.ts';
import { describeRowError } from '../ingest/row-messages.ts';

/** How many rejected rows a summary carries; the error file has all of them. */
export const KEPT_REJECTIONS = 100;
const PAGE = 20_000;
/** Above this many duplicate rows, "also on line …" is left out of their messages. */
const MAX_DUPLICATE_LINES = 100_000;

/**
 * Writes every rejected row (validation problems and malformed rows) to the error file in file
 * order, with its line number (CSV; record number for Parquet and JSON) and reason, and keeps
 * the first ones for the summary. Streams: the rows stay in the database until written.
 */
export async function reportRejections(input: {
  batch: ImportBatch;
  plan: ImportPlan;
  /** The UTF-8 file the rows were read from (line numbers count its lines). */
  path: string;
  format: FileFormat;
  headers: readonly string[];
  delimiter: string;
  rejected: number;
  duplicates: number;
  malformed: readonly MalformedRow[];
  errorsPath: string;
  /** True when the error file is the default one beside the input (a stale one is removed). */
  defaultPath: boolean;
}): Promise<{ kept: ReportedRow[]; total: number; errorFile: string | null }> {
  if (input.rejected === 0 && input.malformed.length === 0) {
    if (input.defaultPath && existsSync(input.errorsPath)) rmSync(input.errorsPath);
    return { kept: [], total: 0, errorFile: null };
  }
  const csv = input.format === 'csv';
  const duplicateLines =
    csv && input.duplicates > 0 && input.duplicates <= MAX_DUPLICATE_LINES
      ? await locateDuplicates(input)
      : null;
  const locator = csv
    ? await RecordLocator.open(
        input.path,
        input.malformed.map((m) => m.bytePosition),
      )
    : null;
  const report = openErrorReport({ path: input.errorsPath, headers: input.headers });
  const kept: ReportedRow[] = [];
  let total = 0;
  const emit = async (row: ReportedRow): Promise<void> => {
    if (kept.length < KEPT_REJECTIONS) kept.push(row);
    total++;
    await report.write(row);
  };
  const pendingMalformed = [...input.malformed];
  const emitMalformedBefore = async (line: number): Promise<void> => {
    while (pendingMalformed.length > 0) {
      const next = pendingMalformed[0] as MalformedRow;
      const at = locator?.malformedLines.get(next.bytePosition);
      if (at === undefined || at > line) return;
      pendingMalformed.shift();
      await emit(
        malformedRow(next, { line: at, headers: input.headers, delimiter: input.delimiter }),
      );
    }
  };
  try {
    for await (const row of rejectedRowsOf(input)) {
      const line = locator ? await locator.lineOf(row.record) : row.record + 1;
      await emitMalformedBefore(line);
      await emit(rejectedRow(row, { line, plan: input.plan, duplicateLines }));
    }
    if (locator) await locator.finish();
    await emitMalformedBefore(Number.POSITIVE_INFINITY);
    for (const rest of pendingMalformed)
      await emit(
        malformedRow(rest, { line: 0, headers: input.headers, delimiter: input.delimiter }),
      );
  } finally {
    await report.close();
  }
  return { kept, total, errorFile: input.errorsPath };
}

/** Lines of every row that shares its id with another, for "also on line …". */
async function locateDuplicates(input: {
  batch: ImportBatch;
  plan: ImportPlan;
  path: string;
  headers: readonly string[];
  malformed: readonly MalformedRow[];
}): Promise<Map<number, number>> {
  const records: number[] = [];
  for await (const row of rejectedRowsOf(input))
    if (row.code === 'duplicate_id') records.push(row.record);
  const locator = await RecordLocator.open(
    input.path,
    input.malformed.map((m) => m.bytePosition),
  );
  const lines = new Map<number, number>();
  for (const record of records) lines.set(record, await locator.lineOf(record));
  await locator.finish();
  return lines;
}

/** Every rejected row in file order, read from the store a page at a time. */
async function* rejectedRowsOf(input: {
  batch: ImportBatch;
  plan: ImportPlan;
  headers: readonly string[];
}): AsyncGenerator<RejectedRow> {
  let after = -1;
  for (;;) {
    const page = await input.batch.rejectedRows(input.plan, {
      headerCount: input.headers.length,
      after,
      limit: PAGE,
    });
    if (page.length === 0) return;
    yield* page;
    after = (page[page.length - 1] as RejectedRow).record;
  }
}

function rejectedRow(
  row: RejectedRow,
  context: { line: number; plan: ImportPlan; duplicateLines: ReadonlyMap<number, number> | null },
): ReportedRow {
  const { plan, duplicateLines } = context;
  const order = plan.dateOrders.find((o) => o.later === row.target);
  return {
    rowNumber: context.line,
    code: row.code,
    column: row.target,
    message: describeRowError({
      code: row.code,
      column: plan.columns.find((c) => c.target === row.target),
      value: row.value,
      duplicateLines: duplicateLines
        ? row.duplicates.map((r) => duplicateLines.get(r) ?? r + 2)
        : [],
      candidates: row.candidates,
      earlier: order ? plan.columns.find((c) => c.target === order.earlier)?.header : undefined,
    }),
    original: row.original,
  };
}

function malformedRow(
  bad: MalformedRow,
  context: { line: number; headers: readonly string[]; delimiter: string },
): ReportedRow {
  const code: RowErrorCode = 'malformed_row';
  return {
    rowNumber: context.line,
    code,
    column: '',
    message: `the row has a different number of columns than the header (${context.headers.length}); check quotes and delimiters`,
    original: splitRawLine(bad.rawLine, context.delimiter),
  };
}

function splitRawLine(line: string, delimiter: string): string[] {
  try {
    const [fields]: string[][] = parse(line, {
      delimiter,
      relax_quotes: true,
      relax_column_count: true,
    });
    return fields ?? [line];
  } catch {
    return [line];
  }
}
