import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { EntityName } from '../core/entities.ts';
import { HotspotError, InvalidFileError } from '../core/errors.ts';
import type { ImportPlan, RowErrorCode } from '../core/import-plan.ts';
import { nextImportId, recordImport, type ImportOutcome } from '../db/import-log.ts';
import type { ImportBatch, MatchCounts, StagedFile, Store, ValidationCounts } from '../db/store.ts';
import { writeErrorReport, type ReportedRow } from '../ingest/error-report.ts';
import { planImport } from '../ingest/import-plan.ts';
import { locateRecords } from '../ingest/line-index.ts';
import { mapColumns } from '../ingest/map-columns.ts';
import type { Preset } from '../ingest/presets.ts';
import {
  formatOf,
  probeCsv,
  type CsvProbe,
  type Encoding,
  type FileFormat,
} from '../ingest/probe-file.ts';
import { describeRowError } from '../ingest/row-messages.ts';

export type ImportPhase = 'checking' | 'reading' | 'validating' | 'writing';

export type ImportOptions = {
  entity: EntityName;
  path: string;
  /** Header names and value formats of the exporting system; default native. */
  preset?: Preset;
  /** The system the records come from (their ids are unique within it); default the preset. */
  source?: string;
  /** Source header → target column, winning over the preset's own matching. */
  maps?: ReadonlyMap<string, string>;
  /** Validate and count, change nothing. */
  dryRun?: boolean;
  /** Import nothing when any row is rejected. */
  strict?: boolean;
  /** Where rejected rows go; default NAME.errors.csv beside the input. */
  errorsPath?: string;
  encoding?: Encoding;
  onProgress?: (phase: ImportPhase, percent: number) => void;
};

export type ImportSummary = {
  entity: EntityName;
  file: string;
  source: string;
  preset: Preset;
  format: FileFormat;
  dryRun: boolean;
  outcome: ImportOutcome;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  matches: MatchCounts;
  ignoredColumns: string[];
  /** Every rejected row, in file order. */
  rejections: ReportedRow[];
  errorFile: string | null;
};

/** The error file for `deal.csv` is `deal.errors.csv` beside it. */
export function defaultErrorsPath(path: string): string {
  return join(dirname(path), `${basename(path, extname(path))}.errors.csv`);
}

/**
 * Imports one file of one entity: every valid row is upserted (by source + external id) in one
 * transaction; rejected rows are reported with line, column, value and reason. A file that
 * cannot be read at all throws InvalidFileError and changes nothing.
 */
export async function importFile(store: Store, options: ImportOptions): Promise<ImportSummary> {
  const preset = options.preset ?? 'native';
  const source = options.source ?? preset;
  const fileName = basename(options.path);
  const format = formatOf(options.path);
  const startedAt = new Date();
  const batch = store.createImportBatch();
  const progress = trackProgress(store, options.onProgress);
  let probe: CsvProbe | null = null;
  try {
    if (!existsSync(options.path) || !statSync(options.path).isFile()) {
      throw new InvalidFileError(`${options.path}: no such file`);
    }
    await batch.prepare();
    progress.phase('checking');
    probe = format === 'csv' ? await probeCsv(options.path, options.encoding) : null;
    progress.phase('reading');
    const staged = await readOrExplain(fileName, () =>
      stage(batch, { path: options.path, format, probe }),
    );
    const mapping = mapColumns({
      fileName,
      entity: options.entity,
      preset,
      headers: staged.headers,
      overrides: options.maps,
    });
    const plan = planImport({ entity: options.entity, source, preset, mapping });
    progress.phase('validating');
    const validation = await batch.validate(plan);
    const footer = plan.footer ? validation.malformed.filter((m) => isReportFooter(m.rawLine)) : [];
    const malformed = validation.malformed.filter((m) => !footer.includes(m));
    const rejectedRows =
      validation.rejected > 0 ? await batch.rejectedRows(plan, staged.headers.length) : [];
    const rejections = await numberRejections({
      path: probe?.utf8Path ?? options.path,
      format,
      rejectedRows,
      malformed,
      describe: (row, lineOf) =>
        describeRowError({
          code: row.code,
          column: plan.columns.find((c) => c.target === row.target),
          value: row.value,
          duplicateLines: row.duplicates.map(lineOf),
          candidates: row.candidates,
          earlier: earlierHeader(plan, row.target),
        }),
      delimiter: probe?.delimiter ?? ',',
      headers: staged.headers,
    });
    const rejected = rejections.length;
    const rows = validation.records + malformed.length;
    const blocked = Boolean(options.strict) && rejected > 0;
    const outcome: ImportOutcome = blocked
      ? 'rejected_strict'
      : rejected > 0
        ? 'imported_with_rejections'
        : 'imported';
    progress.phase('writing');
    const written = await store.transaction(
      async () => {
        const importId = await nextImportId(store);
        const counts = blocked
          ? { inserted: 0, updated: 0, unchanged: 0 }
          : await batch.write(plan, importId);
        await recordImport(store, importId, {
          entity: options.entity,
          source,
          fileName,
          format,
          preset,
          startedAt,
          outcome,
          totalRows: rows,
          ...counts,
          rejected,
          matches: validation.matches,
        });
        return counts;
      },
      { rollback: Boolean(options.dryRun) },
    );
    const errorFile = await reportErrors({ options, headers: staged.headers, rejections });
    return {
      entity: options.entity,
      file: options.path,
      source,
      preset,
      format,
      dryRun: Boolean(options.dryRun),
      outcome,
      rows,
      ...written,
      rejected,
      matches: validation.matches,
      ignoredColumns: mapping.ignored,
      rejections,
      errorFile,
    };
  } catch (error) {
    if (error instanceof HotspotError && !options.dryRun) {
      await logFailure(store, {
        entity: options.entity,
        source,
        fileName,
        format,
        preset,
        startedAt,
      });
    }
    throw error;
  } finally {
    progress.stop();
    await batch.cleanUp();
    // a file read through a transcoded copy leaves no copy behind
    if (probe && probe.utf8Path !== options.path)
      rmSync(dirname(probe.utf8Path), { recursive: true, force: true });
  }
}

async function stage(
  batch: ImportBatch,
  input: { path: string; format: FileFormat; probe: Awaited<ReturnType<typeof probeCsv>> | null },
): Promise<StagedFile> {
  if (input.probe) {
    return batch.stageCsv({
      path: input.probe.utf8Path,
      delimiter: input.probe.delimiter,
      headers: input.probe.headers,
    });
  }
  if (input.format === 'csv') throw new Error('stage: a CSV file needs its probe');
  return batch.stageTable({ path: input.path, format: input.format });
}

/** Salesforce report exports end with totals and a copyright notice; those are not rows. */
function isReportFooter(line: string): boolean {
  return /grand totals?|copyright|salesforce\.com|confidential information|generated by|^"?[^,;\t]*"?$/i.test(
    line.trim(),
  );
}

async function numberRejections(input: {
  path: string;
  format: FileFormat;
  rejectedRows: Awaited<ReturnType<ImportBatch['rejectedRows']>>;
  malformed: ValidationCounts['malformed'];
  describe: (
    row: Awaited<ReturnType<ImportBatch['rejectedRows']>>[number],
    lineOf: (record: number) => number,
  ) => string;
  delimiter: string;
  headers: readonly string[];
}): Promise<ReportedRow[]> {
  if (input.rejectedRows.length === 0 && input.malformed.length === 0) return [];
  let lineOf = (record: number): number => record + 1;
  let lineOfMalformed: (position: number) => number = () => 0;
  if (input.format === 'csv') {
    const records = input.rejectedRows.flatMap((r) => [r.record, ...r.duplicates]);
    const located = await locateRecords({
      path: input.path,
      records,
      malformedAt: input.malformed.map((m) => m.bytePosition),
    });
    lineOf = (record) => located.lineOfRecord.get(record) ?? record + 2;
    lineOfMalformed = (position) => located.lineOfMalformed.get(position) ?? 0;
  }
  const reported: ReportedRow[] = input.rejectedRows.map((row) => ({
    rowNumber: lineOf(row.record),
    code: row.code,
    column: row.target,
    message: input.describe(row, lineOf),
    original: row.original,
  }));
  for (const bad of input.malformed) {
    const code: RowErrorCode = 'malformed_row';
    reported.push({
      rowNumber: lineOfMalformed(bad.bytePosition),
      code,
      column: '',
      message: `the row has a different number of columns than the header (${input.headers.length}); check quotes and delimiters`,
      original: splitRawLine(bad.rawLine, input.delimiter),
    });
  }
  return reported.sort((a, b) => a.rowNumber - b.rowNumber);
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

async function reportErrors(input: {
  options: ImportOptions;
  headers: readonly string[];
  rejections: ReportedRow[];
}): Promise<string | null> {
  const path = input.options.errorsPath ?? defaultErrorsPath(input.options.path);
  if (input.rejections.length === 0) {
    // a stale report from an earlier run of the same file would mislead
    if (!input.options.errorsPath && existsSync(path)) rmSync(path);
    return null;
  }
  await writeErrorReport({ path, headers: input.headers, rows: input.rejections });
  return path;
}

async function logFailure(
  store: Store,
  input: {
    entity: EntityName;
    source: string;
    fileName: string;
    format: FileFormat;
    preset: Preset;
    startedAt: Date;
  },
): Promise<void> {
  const zero = { byId: 0, byDomain: 0, byName: 0, unmatched: 0, ambiguous: 0 };
  await store.transaction(async () => {
    const id = await nextImportId(store);
    await recordImport(store, id, {
      ...input,
      outcome: 'failed',
      totalRows: 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      matches: zero,
    });
  });
}

/** The engine's own reading errors (not CSV, broken Parquet) become one clear line. */
async function readOrExplain<T>(fileName: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof HotspotError) throw error;
    const message =
      error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new InvalidFileError(`${fileName}: cannot read the file (${message})`, { cause: error });
  }
}

function trackProgress(
  store: Store,
  onProgress: ImportOptions['onProgress'],
): { phase: (phase: ImportPhase) => void; stop: () => void } {
  let current: ImportPhase = 'checking';
  const timer = onProgress
    ? setInterval(() => onProgress(current, store.progress()), 200)
    : undefined;
  return {
    phase: (phase) => {
      current = phase;
      onProgress?.(phase, 0);
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

function earlierHeader(plan: ImportPlan, target: string): string | undefined {
  const order = plan.dateOrders.find((o) => o.later === target);
  return order ? plan.columns.find((c) => c.target === order.earlier)?.header : undefined;
}
