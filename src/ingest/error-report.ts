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

/** Writes the rejected rows as CSV: the file's own columns, then row_number and the error. */
export async function writeErrorReport(options: {
  path: string;
  headers: readonly string[];
  rows: readonly ReportedRow[];
}): Promise<void> {
  const out = createWriteStream(options.path);
  const csv = stringify();
  csv.pipe(out);
  csv.write([...options.headers, 'row_number', 'error_code', 'error_column', 'error_message']);
  for (const row of options.rows) {
    const values = options.headers.map((_, i) => row.original[i] ?? '');
    if (!csv.write([...values, String(row.rowNumber), row.code, row.column, row.message]))
      await once(csv, 'drain');
  }
  csv.end();
  await once(out, 'finish');
}
