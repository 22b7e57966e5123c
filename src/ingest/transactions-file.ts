import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InvalidFileError } from '../core/errors.ts';
import { dayNumber, type Transaction } from '../core/models/calibration-summary.ts';

/** `cdnow`: Hardie's CDNOW_master.txt / CDNOW_sample.txt layout; absent: a CSV with a header. */
export type TransactionsPreset = 'cdnow';

export type ReadTransactionsOptions = {
  /** File layout (default: generic CSV with a header row). */
  preset?: TransactionsPreset;
};

/** Header names accepted for each field, compared after lower-casing and mapping spaces and dashes to `_`. */
const ALIASES = {
  customerId: [
    'customer_id',
    'customerid',
    'customer',
    'cust_id',
    'client_id',
    'account_id',
    'user_id',
    'id',
    'master_id',
  ],
  date: [
    'date',
    'order_date',
    'transaction_date',
    'purchase_date',
    'invoice_date',
    'day',
    'timestamp',
    'created_at',
  ],
  amount: [
    'amount',
    'value',
    'revenue',
    'spend',
    'sales',
    'total',
    'dollars',
    'dollar_value',
    'price',
    'monetary_value',
  ],
} as const;

/**
 * Reads a transactions file into {customerId, date (ISO), amount}[]: a CSV with a header
 * (customer_id, date, amount or an alias of each) or, with `preset: 'cdnow'`, CDNOW's
 * whitespace-separated `customer_id yyyymmdd n_cds dollars` (master) or
 * `master_id sample_id yyyymmdd n_cds dollars` (sample), told apart by column count.
 * Throws InvalidFileError naming the file, the line and the reason at the first bad line.
 */
export async function readTransactionsFile(
  path: string,
  options: ReadTransactionsOptions = {},
): Promise<Transaction[]> {
  const text = decode(await readBytes(path), path);
  return parseTransactions(text, { file: basename(path), preset: options.preset });
}

/** Parses transactions from text (see {@link readTransactionsFile}); `file` names the source in errors. */
export function parseTransactions(
  text: string,
  options: { file: string; preset?: TransactionsPreset },
): Transaction[] {
  return options.preset === 'cdnow' ? parseCdnow(text, options.file) : parseCsv(text, options.file);
}

/** Columns of a BG/BB input file: one row per (frequency, recency, periods) with an optional weight. */
export type PeriodSummary = {
  frequency: number[];
  recency: number[];
  periods: number[];
  weights: number[];
};

/**
 * Reads a discrete-period summary CSV with header `frequency,recency,periods[,weights]`
 * (the layout of Fader, Hardie & Shang's donations data; `n` is accepted for periods,
 * `count` for weights). Throws InvalidFileError naming the file, line and reason.
 */
export async function readPeriodSummaryFile(path: string): Promise<PeriodSummary> {
  const file = basename(path);
  const rows = csvRows(decode(await readBytes(path), path), file);
  const header = rows[0];
  if (!header) throw fileError(file, 1, 'the file is empty');
  const names = header.record.map(normalize);
  const find = (candidates: readonly string[]): number =>
    names.findIndex((n) => candidates.includes(n));
  const columns = {
    frequency: find(['frequency', 'x']),
    recency: find(['recency', 't_x', 'tx']),
    periods: find(['periods', 'n']),
    weights: find(['weights', 'weight', 'count']),
  };
  for (const key of ['frequency', 'recency', 'periods'] as const) {
    if (columns[key] < 0)
      throw fileError(
        file,
        header.line,
        `missing column "${key}" (header: ${header.record.join(', ')})`,
      );
  }
  const out: PeriodSummary = { frequency: [], recency: [], periods: [], weights: [] };
  for (const { record, line } of rows.slice(1)) {
    const value = (index: number, name: string): number => {
      const raw = (record[index] ?? '').trim();
      const v = Number(raw);
      if (raw === '' || !Number.isInteger(v) || v < 0)
        throw fileError(file, line, `${name} "${raw}" is not a non-negative integer`);
      return v;
    };
    out.frequency.push(value(columns.frequency, 'frequency'));
    out.recency.push(value(columns.recency, 'recency'));
    out.periods.push(value(columns.periods, 'periods'));
    out.weights.push(columns.weights >= 0 ? value(columns.weights, 'weights') : 1);
  }
  if (out.frequency.length === 0)
    throw fileError(file, header.line, 'no data rows after the header');
  return out;
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidFileError(`${basename(path)}: cannot read the file (${reason})`, {
      details: { file: path },
      cause: error,
    });
  }
}

/** UTF-8 (BOM optional) or UTF-16 with a BOM; anything else is decoded as UTF-8. */
function decode(bytes: Buffer, path: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  if (text.includes('\uFFFD')) {
    throw new InvalidFileError(`${basename(path)}: not valid UTF-8 (save it as UTF-8)`, {
      details: { file: path },
      code: 'ENCODING',
    });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function parseCdnow(text: string, file: string): Transaction[] {
  const out: Transaction[] = [];
  let columns = 0;
  let firstLine = true;
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fields = raw.trim().split(/\s+/);
    if (raw.trim() === '') return;
    const isFirst = firstLine;
    firstLine = false;
    // the lifetimes copy of CDNOW_master.txt starts with a header line
    if (isFirst && !/^\d+$/.test(fields[0] ?? '')) return;
    if (columns === 0) {
      if (fields.length !== 4 && fields.length !== 5) {
        throw fileError(
          file,
          line,
          `expected 4 columns (customer_id yyyymmdd n_cds dollars) or 5 (master_id sample_id yyyymmdd n_cds dollars), found ${fields.length}`,
        );
      }
      columns = fields.length;
    } else if (fields.length !== columns) {
      throw fileError(
        file,
        line,
        `expected ${columns} columns like the first data line, found ${fields.length}`,
      );
    }
    const [id = '', compact = '', , dollars = ''] =
      columns === 4 ? fields : [fields[0], fields[2], fields[3], fields[4]];
    if (!/^\d+$/.test(id)) throw fileError(file, line, `customer id "${id}" is not a number`);
    const date = parseDate(compact);
    if (date === null)
      throw fileError(file, line, `date "${compact}" is not a calendar date yyyymmdd`);
    const amount = parseAmount(dollars);
    if (amount === null) throw fileError(file, line, `dollars "${dollars}" is not a number`);
    // ids are zero-padded in the file; strip the padding so master and sample ids agree
    out.push({ customerId: String(Number(id)), date, amount });
  });
  if (out.length === 0) throw fileError(file, lines.length, 'no transactions');
  return out;
}

function parseCsv(text: string, file: string): Transaction[] {
  const rows = csvRows(text, file);
  const header = rows[0];
  if (!header) throw fileError(file, 1, 'the file is empty');
  const names = header.record.map(normalize);
  const index = {
    customerId: names.findIndex((n) => (ALIASES.customerId as readonly string[]).includes(n)),
    date: names.findIndex((n) => (ALIASES.date as readonly string[]).includes(n)),
    amount: names.findIndex((n) => (ALIASES.amount as readonly string[]).includes(n)),
  };
  for (const key of ['customerId', 'date', 'amount'] as const) {
    if (index[key] < 0) {
      throw fileError(
        file,
        header.line,
        `no ${key} column; the header has ${header.record.join(', ')}, expected one of ${ALIASES[key].join(', ')}`,
      );
    }
  }
  const out: Transaction[] = [];
  for (const { record, line } of rows.slice(1)) {
    if (record.length === 1 && (record[0] ?? '').trim() === '') continue;
    const customerId = (record[index.customerId] ?? '').trim();
    const rawDate = (record[index.date] ?? '').trim();
    const rawAmount = (record[index.amount] ?? '').trim();
    if (customerId === '') throw fileError(file, line, 'customer id is empty');
    const date = parseDate(rawDate);
    if (date === null)
      throw fileError(
        file,
        line,
        `date "${rawDate}" is not a calendar date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)`,
      );
    const amount = parseAmount(rawAmount);
    if (amount === null) throw fileError(file, line, `amount "${rawAmount}" is not a number`);
    out.push({ customerId, date, amount });
  }
  if (out.length === 0) throw fileError(file, header.line, 'no transactions after the header');
  return out;
}

type CsvRow = { record: string[]; line: number };

function csvRows(text: string, file: string): CsvRow[] {
  try {
    const parsed: unknown = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    });
    if (!Array.isArray(parsed)) return [];
    return parsed.map((item: unknown) => {
      const { record, info } = item as { record: string[]; info: { lines: number } };
      return { record, line: info.lines };
    });
  } catch (error) {
    const line =
      typeof error === 'object' &&
      error !== null &&
      'lines' in error &&
      typeof error.lines === 'number'
        ? error.lines
        : 0;
    const reason = error instanceof Error ? error.message : String(error);
    throw new InvalidFileError(`${file}:${line}: not readable as CSV (${reason})`, {
      details: { file, line, reason },
      cause: error,
    });
  }
}

/** ISO date from YYYY-MM-DD, YYYY/MM/DD, YYYYMMDD or an ISO timestamp (its calendar date); null otherwise. */
function parseDate(raw: string): string | null {
  const match = /^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(
    raw,
  );
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return dayNumber(iso) === null ? null : iso;
}

/** A plain decimal number, optionally with a leading currency sign and comma thousands separators. */
function parseAmount(raw: string): number | null {
  let s = raw.replace(/^[$€£]/, '').trim();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replaceAll(',', '');
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

function normalize(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function fileError(file: string, line: number, reason: string): InvalidFileError {
  return new InvalidFileError(`${file}:${line}: ${reason}`, { details: { file, line, reason } });
}
