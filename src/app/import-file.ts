import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { EntityName } from '../core/entities.ts';
import { HotspotError, InvalidFileError, UsageError } from '../core/errors.ts';
import { nextImportId, recordImport, type ImportOutcome } from '../db/import-log.ts';
import type { ImportBatch, MatchCounts, StagedFile, Store } from '../db/store.ts';
import type { ReportedRow } from '../ingest/error-report.ts';
import { planImport } from '../ingest/plan-import.ts';
import { mapColumns } from '../ingest/map-columns.ts';
import type { Preset } from '../ingest/presets.ts';
import {
  formatOf,
  probeCsv,
  type CsvProbe,
  type Encoding,
  type FileFormat,
} from '../ingest/probe-file.ts';
import { recordAudit } from './audit.ts';
import { reportRejections } from './report-rejections.ts';
import { markWorkspaceChanged } from './account-index.ts';

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
  /** Who imports, for the audit log (default: this process's OS user). */
  actor?: string;
};

export type ImportSummary = {
  /** The import log id; null for a dry run (nothing is logged). */
  importId: number | null;
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
  /** The first rejected rows (KEPT_REJECTIONS), in file order; the error file has all of them. */
  rejections: ReportedRow[];
  errorFile: string | null;
};

/** `Source Column=field` texts (as `--map` takes them) as a header → field map. */
export function parseColumnMaps(values: readonly string[]): Map<string, string> {
  const maps = new Map<string, string>();
  for (const value of values) {
    const at = value.lastIndexOf('=');
    if (at <= 0 || at === value.length - 1)
      throw new UsageError(`--map "${value}": expected "Source Column=field"`);
    maps.set(value.slice(0, at).trim(), value.slice(at + 1).trim());
  }
  return maps;
}

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
    const staged = await stageFile(batch, {
      path: options.path,
      encoding: options.encoding,
      onPhase: progress.phase,
    });
    probe = staged.probe;
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
    const rejected = validation.rejected + malformed.length;
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
        // a dry run rolls this back with everything else
        await recordAudit(store, {
          actor: options.actor,
          action: 'import',
          entity: 'import',
          entityId: importId,
          before: null,
          after: {
            entity: options.entity,
            file: fileName,
            source,
            preset,
            outcome,
            rows,
            ...counts,
            rejected,
          },
        });
        return { importId: options.dryRun ? null : importId, ...counts };
      },
      { rollback: Boolean(options.dryRun) },
    );
    if (!options.dryRun) markWorkspaceChanged(store);
    const errorsPath = options.errorsPath ?? defaultErrorsPath(options.path);
    const report = await reportRejections({
      batch,
      plan,
      path: probe?.utf8Path ?? options.path,
      format,
      headers: staged.headers,
      delimiter: probe?.delimiter ?? ',',
      rejected: validation.rejected,
      duplicates: validation.duplicates,
      malformed,
      errorsPath,
      defaultPath: options.errorsPath === undefined,
    });
    return {
      ...written,
      entity: options.entity,
      file: options.path,
      source,
      preset,
      format,
      dryRun: Boolean(options.dryRun),
      outcome,
      rows,
      rejected,
      matches: validation.matches,
      ignoredColumns: mapping.ignored,
      rejections: report.kept,
      errorFile: report.errorFile,
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
    removeCopy(options.path, probe);
  }
}

/** A file staged into an import batch: its headers, and its probe when it is a CSV file. */
export type StagedImportFile = StagedFile & { probe: CsvProbe | null };

/**
 * Stages a file into `batch` as an import reads it: a missing file, and the engine's own reading
 * errors (not CSV, broken Parquet or JSON), throw InvalidFileError naming the file. A CSV file
 * is probed first (encoding, delimiter, headers); one read through a transcoded copy keeps the
 * copy until the caller passes the probe to `removeCopy` (staging that fails removes it itself).
 */
export async function stageFile(
  batch: ImportBatch,
  input: { path: string; encoding?: Encoding; onPhase?: (phase: ImportPhase) => void },
): Promise<StagedImportFile> {
  const { path } = input;
  if (!existsSync(path) || !statSync(path).isFile())
    throw new InvalidFileError(`${path}: no such file`);
  const format = formatOf(path);
  await batch.prepare();
  input.onPhase?.('checking');
  const probe = format === 'csv' ? await probeCsv(path, input.encoding) : null;
  try {
    input.onPhase?.('reading');
    const staged = await readOrExplain(basename(path), () =>
      probe
        ? batch.stageCsv({
            path: probe.utf8Path,
            delimiter: probe.delimiter,
            headers: probe.headers,
          })
        : batch.stageTable({ path, format: format === 'parquet' ? 'parquet' : 'json' }),
    );
    return { ...staged, probe };
  } catch (error) {
    removeCopy(path, probe);
    throw error;
  }
}

/** A file read through a transcoded copy leaves no copy behind. */
export function removeCopy(path: string, probe: CsvProbe | null): void {
  if (probe && probe.utf8Path !== path)
    rmSync(dirname(probe.utf8Path), { recursive: true, force: true });
}

/** Salesforce report exports end with totals and a copyright notice; those are not rows. */
function isReportFooter(line: string): boolean {
  return /grand totals?|copyright|salesforce\.com|confidential information|generated by|^"?[^,;\t]*"?$/i.test(
    line.trim(),
  );
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
export async function readOrExplain<T>(fileName: string, read: () => Promise<T>): Promise<T> {
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
