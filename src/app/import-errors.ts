import { createReadStream, existsSync, mkdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';
import { HotspotError } from '../core/errors.ts';
import { findImport, listImports, type ImportLogRow } from '../db/import-log.ts';
import type { Store } from '../db/store.ts';

/*
 * The rejected rows of an import outlive the request that uploaded the file: the error file is
 * kept in the workspace's files folder as imports/ID.errors.csv, to page through and download.
 */

/** Where an import's rejected rows are kept. */
export function importErrorsPath(filesDir: string, importId: number): string {
  return join(filesDir, 'imports', `${importId}.errors.csv`);
}

/** Keeps an import's error file (a copy: the original may sit on another file system). */
export function keepImportErrors(options: {
  filesDir: string;
  importId: number;
  errorFile: string;
}): string {
  const target = importErrorsPath(options.filesDir, options.importId);
  mkdirSync(join(options.filesDir, 'imports'), { recursive: true });
  copyFileSync(options.errorFile, target);
  return target;
}

export type ImportLogEntry = ImportLogRow & { hasErrors: boolean };

/** The latest imports, newest first, each saying whether its rejected rows were kept. */
export async function listImportLog(
  store: Store,
  options: { filesDir: string; limit: number },
): Promise<ImportLogEntry[]> {
  const rows = await listImports(store, options.limit);
  return rows.map((row) => ({
    ...row,
    hasErrors: existsSync(importErrorsPath(options.filesDir, row.id)),
  }));
}

/**
 * The file of an import's rejected rows, to download. Throws NOT_FOUND for an unknown import
 * and for one whose rejected rows were not kept (imported from the command line, or none
 * rejected).
 */
export async function importErrorsFile(
  store: Store,
  options: { filesDir: string; importId: number },
): Promise<string> {
  if (!(await findImport(store, options.importId)))
    throw new HotspotError('NOT_FOUND', `no import ${options.importId}`);
  const path = importErrorsPath(options.filesDir, options.importId);
  if (!existsSync(path))
    throw new HotspotError('NOT_FOUND', `import ${options.importId} has no kept rejected rows`);
  return path;
}

export type RejectionPage = {
  importId: number;
  total: number;
  headers: string[];
  rows: {
    rowNumber: number;
    code: string;
    column: string;
    message: string;
    original: (string | null)[];
  }[];
};

/** The trailing columns every error file adds to the file's own. */
const ERROR_COLUMNS = 4;

/**
 * One page of an import's rejected rows, in file order. Throws NOT_FOUND for an unknown import;
 * an import whose rejected rows were not kept (imported from the command line, or none
 * rejected) has an empty page.
 */
export async function readRejectionPage(
  store: Store,
  options: { filesDir: string; importId: number; offset: number; limit: number },
): Promise<RejectionPage> {
  const entry = await findImport(store, options.importId);
  if (!entry) throw new HotspotError('NOT_FOUND', `no import ${options.importId}`);
  const path = importErrorsPath(options.filesDir, options.importId);
  const page: RejectionPage = { importId: entry.id, total: 0, headers: [], rows: [] };
  if (!existsSync(path)) return page;
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true }));
  page.total = entry.rejected;
  let index = -1;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (index >= options.offset + options.limit) break;
    if (index === -1) {
      page.headers = record.slice(0, -ERROR_COLUMNS);
    } else if (index >= options.offset && page.rows.length < options.limit) {
      const tail = record.slice(-ERROR_COLUMNS);
      page.rows.push({
        rowNumber: Number(tail[0]),
        code: tail[1] ?? '',
        column: tail[2] ?? '',
        message: tail[3] ?? '',
        original: record.slice(0, -ERROR_COLUMNS).map((v) => (v === '' ? null : v)),
      });
    }
    index++;
  }
  parser.destroy();
  return page;
}
