import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidFileError } from '../core/errors.ts';
import {
  parseTransactions,
  readPeriodSummaryFile,
  readTransactionsFile,
} from './transactions-file.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/cdnow/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hotspot-transactions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<InvalidFileError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InvalidFileError) return error;
    throw error;
  }
  throw new Error('expected an InvalidFileError');
}

describe('readTransactionsFile with preset cdnow', () => {
  it('reads CDNOW_sample.txt (5 columns, CRLF): 6,919 records of 2,357 customers (data/README.md)', async () => {
    const rows = await readTransactionsFile(`${DATA}CDNOW_sample.txt`, { preset: 'cdnow' });
    expect(rows).toHaveLength(6919);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(2357);
    // first line: " 00004 0001 19970101  2   29.33"
    expect(rows[0]).toEqual({ customerId: '4', date: '1997-01-01', amount: 29.33 });
    expect(rows.every((r) => r.date >= '1997-01-01' && r.date <= '1998-06-30')).toBe(true);
  });

  it('reads CDNOW_master.txt (4 columns after a header line): 69,659 records of 23,570 customers', async () => {
    const rows = await readTransactionsFile(`${DATA}CDNOW_master.txt`, { preset: 'cdnow' });
    expect(rows).toHaveLength(69_659);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(23_570);
    expect(rows[0]).toEqual({ customerId: '1', date: '1997-01-01', amount: 11.77 });
  });

  it('names the file, line and reason of a bad line', async () => {
    const path = fixture(
      'bad-cdnow.txt',
      ' 00001 19970101  1   11.77\n 00002 19971332  1   12.00\n',
    );
    const error = await rejection(readTransactionsFile(path, { preset: 'cdnow' }));
    expect(error.message).toBe('bad-cdnow.txt:2: date "19971332" is not a calendar date yyyymmdd');
    expect(error.details).toMatchObject({ file: 'bad-cdnow.txt', line: 2 });
    expect(() =>
      parseTransactions('00001 19970101 1 11.77\n00002 19970102 1\n', {
        file: 'f',
        preset: 'cdnow',
      }),
    ).toThrow('f:2: expected 4 columns like the first data line, found 3');
    expect(() => parseTransactions('00001 19970101 1 x\n', { file: 'f', preset: 'cdnow' })).toThrow(
      'f:1: dollars "x" is not a number',
    );
  });
});

describe('readTransactionsFile as CSV', () => {
  it('reads customer_id,date,amount with a BOM, CRLF and a quoted field', async () => {
    const path = fixture(
      'bom.csv',
      '\uFEFFcustomer_id,date,amount,note\r\nA1,2024-01-05,12.50,"line one\r\nline two"\r\nA2,2024-01-06,"1,234.00",x\r\n',
    );
    expect(await readTransactionsFile(path)).toEqual([
      { customerId: 'A1', date: '2024-01-05', amount: 12.5 },
      { customerId: 'A2', date: '2024-01-06', amount: 1234 },
    ]);
  });

  it('accepts aliases (Customer ID, Order Date, Revenue), timestamps, yyyymmdd and a currency sign', () => {
    const text = 'Order Date;x\n';
    expect(() => parseTransactions(text, { file: 'f.csv' })).toThrow(/no customerId column/);
    const rows = parseTransactions(
      'Customer ID,Order Date,Revenue\nc1,2024-03-01T10:15:00Z,$5\nc2,20240302,-3.5\nc3,2024/03/03,7\n',
      { file: 'f.csv' },
    );
    expect(rows).toEqual([
      { customerId: 'c1', date: '2024-03-01', amount: 5 },
      { customerId: 'c2', date: '2024-03-02', amount: -3.5 },
      { customerId: 'c3', date: '2024-03-03', amount: 7 },
    ]);
  });

  it('reads UTF-16LE with a BOM', async () => {
    const body = Buffer.from('customer,date,value\nü1,2024-01-01,3\n', 'utf16le');
    const path = fixture('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), body]));
    expect(await readTransactionsFile(path)).toEqual([
      { customerId: 'ü1', date: '2024-01-01', amount: 3 },
    ]);
  });

  it('refuses Windows-1252 bytes with an ENCODING error instead of garbling names', async () => {
    const path = fixture(
      'cp1252.csv',
      Buffer.from([
        ...Buffer.from('customer_id,date,amount\nM'),
        0xfc,
        ...Buffer.from('ller,2024-01-01,3\n'),
      ]),
    );
    const error = await rejection(readTransactionsFile(path));
    expect(error.code).toBe('ENCODING');
    expect(error.message).toMatch(/cp1252.csv: not valid UTF-8/);
  });

  it('names the file, line and reason of a bad row (line numbers count quoted newlines)', async () => {
    const path = fixture(
      'bad.csv',
      'customer_id,date,amount,note\nA,2024-01-01,1,"multi\nline"\nB,2024-13-01,2,x\n',
    );
    const error = await rejection(readTransactionsFile(path));
    expect(error.message).toBe(
      'bad.csv:4: date "2024-13-01" is not a calendar date (YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD)',
    );
    expect(() =>
      parseTransactions('customer_id,date,amount\n,2024-01-01,1\n', { file: 'g.csv' }),
    ).toThrow('g.csv:2: customer id is empty');
    expect(() =>
      parseTransactions('customer_id,date,amount\nA,2024-01-01,12abc\n', { file: 'g.csv' }),
    ).toThrow('g.csv:2: amount "12abc" is not a number');
    expect(() => parseTransactions('customer_id,date,amount\n', { file: 'g.csv' })).toThrow(
      'g.csv:1: no transactions after the header',
    );
  });

  it('reports a missing file as InvalidFileError', async () => {
    const error = await rejection(readTransactionsFile(join(dir, 'missing.csv')));
    expect(error.message).toMatch(/missing.csv: cannot read the file/);
  });
});

describe('readPeriodSummaryFile', () => {
  it('reads donations.csv: 22 rows, 11,104 donors (data/README.md)', async () => {
    const data = await readPeriodSummaryFile(`${DATA}donations.csv`);
    expect(data.frequency).toHaveLength(22);
    expect(data.weights.reduce((s, w) => s + w, 0)).toBe(11_104);
    expect([data.frequency[0], data.recency[0], data.periods[0], data.weights[0]]).toEqual([
      0, 0, 6, 3464,
    ]);
  });

  it('defaults weights to 1 and names bad lines', async () => {
    const ok = await readPeriodSummaryFile(fixture('p.csv', 'x,t_x,n\n1,2,6\n'));
    expect(ok).toEqual({ frequency: [1], recency: [2], periods: [6], weights: [1] });
    const error = await rejection(
      readPeriodSummaryFile(fixture('q.csv', 'frequency,recency,periods\n1,2,6\n1,2.5,6\n')),
    );
    expect(error.message).toBe('q.csv:3: recency "2.5" is not a non-negative integer');
    const missing = await rejection(
      readPeriodSummaryFile(fixture('r.csv', 'frequency,periods\n1,6\n')),
    );
    expect(missing.message).toMatch(/r.csv:1: missing column "recency"/);
  });
});
