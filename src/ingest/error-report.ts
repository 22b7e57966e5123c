import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';

export type ReportedRow = {
  rowNumber: number;
  code: string;
  column: string;
  message: string;
  original: (string | null)[];
};

export type ErrorReport = { write(row: ReportedRow): Promise<void>; close(): Promise<void> };

/**
 * Opens the error file for rejected rows: the file's own columns, then row_number and the
 * error. Rows are streamed to disk, so millions of rejected rows never sit in memory.
 */
export function openErrorReport(options: {
  path: string;
  headers: readonly string[];
}): ErrorReport {
  const out = createWriteStream(options.path);
  const csv = stringify();
  csv.pipe(out);
  csv.write([...options.headers, 'row_number', 'error_code', 'error_column', 'error_message']);
  return {
    async write(row) {
      const values = options.headers.map((_, i) => row.original[i] ?? '');
      if (!csv.write([...values, String(row.rowNumber), row.code, row.column, row.message]))
        await once(csv, 'drain');
    },
    async close() {
      csv.end();
      await once(out, 'finish');
    },
  };
}
