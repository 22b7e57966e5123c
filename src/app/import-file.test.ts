import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../../test/stores.ts';
import { writeParquet } from '../db/duckdb/write-parquet.ts';
import type { Store } from '../db/store.ts';
import { importFile } from './import-file.ts';

const fixtures = join(import.meta.dirname, '../../test/fixtures/import');

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;
  let dir: string;

  /** Copies a fixture into a fresh folder so that error files land there, not in the repo. */
  function fixture(name: string): string {
    const path = join(dir, name);
    copyFileSync(join(fixtures, name), path);
    return path;
  }

  function write(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }

  async function rows<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    return store.all<T>(sql);
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotspot-import-'));
    store = await openTestStore(engine);
    await importFile(store, { entity: 'account', path: fixture('account.csv') });
  });

  afterEach(async () => {
    await store.close();
  });

  describe('importFile', () => {
    it('parses numbers, currency strings and URLs, and keys names and domains', async () => {
      const accounts = await rows<{
        external_id: string;
        employees: number;
        annual_revenue: number;
        name_key: string;
        domain_key: string;
      }>(
        'SELECT external_id, employees, CAST(annual_revenue AS DOUBLE PRECISION) AS annual_revenue, name_key, domain_key FROM account ORDER BY external_id',
      );
      expect(accounts).toEqual([
        {
          external_id: 'A1',
          employees: 1200,
          annual_revenue: 1200000.5,
          name_key: 'acme',
          domain_key: 'acme.com',
        },
        {
          external_id: 'A2',
          employees: 300,
          annual_revenue: 5000000,
          name_key: 'beta',
          domain_key: 'beta.de',
        },
        {
          external_id: 'A3',
          employees: 80,
          annual_revenue: 1250000,
          name_key: 'gamma',
          domain_key: 'gamma.co.uk',
        },
        {
          external_id: 'A4',
          employees: 50,
          annual_revenue: 100,
          name_key: 'acme',
          domain_key: 'acme.io',
        },
        {
          external_id: 'A5',
          employees: 20,
          annual_revenue: null,
          name_key: 'delta systems',
          domain_key: 'delta.com',
        },
      ]);
    });

    it('reads a UTF-8 BOM, semicolons, CRLF, blank lines and quoted newlines, matching accounts by name', async () => {
      const summary = await importFile(store, {
        entity: 'invoice',
        path: fixture('invoice-bom-semicolon.csv'),
        source: 'billing',
      });
      expect(summary).toMatchObject({
        rows: 3,
        inserted: 3,
        rejected: 0,
        outcome: 'imported',
        errorFile: null,
      });
      expect(summary.matches).toEqual({
        byId: 0,
        byDomain: 0,
        byName: 3,
        unmatched: 0,
        ambiguous: 0,
      });
      const invoices = await rows<{
        external_id: string;
        account: string;
        amount: number;
        account_match: string;
      }>(
        `SELECT i.external_id, a.external_id AS account, CAST(i.amount AS DOUBLE PRECISION) AS amount, i.account_match
       FROM invoice i JOIN account a ON a.id = i.account_id ORDER BY i.external_id`,
      );
      expect(invoices).toEqual([
        { external_id: 'I1', account: 'A2', amount: 1200.5, account_match: 'name' },
        { external_id: 'I2', account: 'A5', amount: 10, account_match: 'name' },
        { external_id: 'I3', account: 'A3', amount: -300, account_match: 'name' },
      ]);
    });

    it('reads tab-delimited files and matches accounts by web domain', async () => {
      const summary = await importFile(store, {
        entity: 'ticket',
        path: fixture('ticket-tab.csv'),
        source: 'zendesk',
      });
      expect(summary).toMatchObject({ inserted: 2, rejected: 0 });
      const tickets = await rows<{
        external_id: string;
        account: string;
        severity: string;
        account_match: string;
      }>(
        `SELECT t.external_id, a.external_id AS account, t.severity, t.account_match
       FROM ticket t JOIN account a ON a.id = t.account_id ORDER BY 1`,
      );
      expect(tickets).toEqual([
        { external_id: 'T1', account: 'A2', severity: 'high', account_match: 'domain' },
        { external_id: 'T2', account: 'A1', severity: 'low', account_match: 'domain' },
      ]);
    });

    it('rejects each bad row with line, column, value and reason, imports the rest, and writes the error file', async () => {
      const path = fixture('invoice-bad.csv');
      const summary = await importFile(store, { entity: 'invoice', path });
      expect(summary).toMatchObject({ rows: 10, inserted: 0, rejected: 10 });
      const shown = summary.rejections.map(
        (r) => `${r.rowNumber} ${r.code} ${r.column}: ${r.message}`,
      );
      expect(shown).toEqual([
        '2 duplicate_id id: id "B1" appears more than once in the file (also on line 8)',
        '3 ambiguous_account account_id: several accounts match "acme"; nearest: Acme Corp (A4), Acme, Inc. (A1), Gamma Ltd (A3)',
        '4 unknown_account account_id: no account matches "Acme Corporation Intl"; nearest: Acme Corp (A4), Acme, Inc. (A1), Gamma Ltd (A3)',
        '5 invalid_date issued_on: issued_on "2024-13-01" is not a date (use YYYY-MM-DD)',
        '6 invalid_range due_on: due_on "2024-01-01" is before issued_on',
        '7 invalid_number amount: amount "12abc" is not a number',
        '8 duplicate_id id: id "B1" appears more than once in the file (also on line 2)',
        '9 malformed_row : the row has a different number of columns than the header (7); check quotes and delimiters',
        '10 required issued_on: issued_on is required but empty',
        '12 unknown_account account_id: no account matches "A9"; nearest: Acme Corp (A4), Acme, Inc. (A1), Beta GmbH (A2)',
      ]);
      expect(summary.errorFile).toBe(join(dir, 'invoice-bad.errors.csv'));
      const report = readFileSync(summary.errorFile ?? '', 'utf8').split('\n');
      expect(report[0]).toBe(
        'id,account_id,account_name,issued_on,due_on,paid_on,amount,row_number,error_code,error_column,error_message',
      );
      expect(report[1]).toBe(
        'B1,A1,,2024-01-01,2024-01-31,,100,2,duplicate_id,id,"id ""B1"" appears more than once in the file (also on line 8)"',
      );
      expect(report).toHaveLength(12);
    });

    it('streams hundreds of thousands of rejected rows to the error file, keeping the first 100 in the summary', async () => {
      const lines = ['id,account_id,issued_on,due_on,amount'];
      for (let i = 0; i < 250_000; i++)
        lines.push(`N${i},NOPE-${i % 7},2024-01-01,2024-01-31,${i}`);
      lines.push('N-last,A1,2024-01-01,2024-01-31,1');
      const path = write('many.csv', `${lines.join('\n')}\n`);
      const summary = await importFile(store, { entity: 'invoice', path });
      expect(summary).toMatchObject({ rows: 250_001, inserted: 1, rejected: 250_000 });
      expect(summary.rejections).toHaveLength(100);
      expect(summary.rejections[99]).toMatchObject({ rowNumber: 101, code: 'unknown_account' });
      const report = readFileSync(summary.errorFile ?? '', 'utf8')
        .trimEnd()
        .split('\n');
      expect(report).toHaveLength(250_001);
      expect(report[250_000]).toMatch(
        /^N249999,NOPE-1,2024-01-01,2024-01-31,249999,250001,unknown_account,account_id,"no account matches ""NOPE-1""; nearest: /,
      );
    });

    it('imports the valid rows and rejects the others, in one go', async () => {
      const path = fixture('deal.csv');
      const summary = await importFile(store, { entity: 'deal', path });
      expect(summary).toMatchObject({
        inserted: 1,
        rejected: 1,
        outcome: 'imported_with_rejections',
      });
      expect(summary.rejections[0]?.message).toBe('stage "maybe" is not one of: open, won, lost');
      expect(await rows('SELECT external_id FROM deal')).toEqual([{ external_id: 'D1' }]);
    });

    it('imports nothing with --strict when a row is rejected', async () => {
      const summary = await importFile(store, {
        entity: 'deal',
        path: fixture('deal.csv'),
        strict: true,
      });
      expect(summary).toMatchObject({ outcome: 'rejected_strict', inserted: 0, rejected: 1 });
      expect(await rows('SELECT count(*)::INTEGER AS n FROM deal')).toEqual([{ n: 0 }]);
    });

    it('changes nothing on a dry run, but counts what would change', async () => {
      const summary = await importFile(store, {
        entity: 'deal',
        path: fixture('deal.csv'),
        dryRun: true,
      });
      expect(summary).toMatchObject({ dryRun: true, inserted: 1, rejected: 1 });
      expect(await rows('SELECT count(*)::INTEGER AS n FROM deal')).toEqual([{ n: 0 }]);
      expect(await rows("SELECT count(*)::INTEGER AS n FROM import WHERE entity = 'deal'")).toEqual(
        [{ n: 0 }],
      );
    });

    it('is idempotent: re-importing the same file changes nothing, a changed row is updated', async () => {
      const again = await importFile(store, { entity: 'account', path: fixture('account.csv') });
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 5, rejected: 0 });
      const changed = write(
        'account.csv',
        readFileSync(join(fixtures, 'account.csv'), 'utf8').replace('Retail', 'Grocery'),
      );
      const third = await importFile(store, { entity: 'account', path: changed });
      expect(third).toMatchObject({ inserted: 0, updated: 1, unchanged: 4 });
      expect(await rows('SELECT count(*)::INTEGER AS n FROM account')).toEqual([{ n: 5 }]);
    });

    it('refuses a file that is not UTF-8, naming line and byte, and reads it with --encoding latin1', async () => {
      const path = fixture('account-latin1.csv');
      await expect(importFile(store, { entity: 'account', path })).rejects.toThrow(
        'account-latin1.csv line 2: not valid UTF-8 (byte 0xE9 at byte 21); save the file as UTF-8 or pass --encoding latin1',
      );
      const summary = await importFile(store, { entity: 'account', path, encoding: 'latin1' });
      expect(summary).toMatchObject({ inserted: 1 });
      expect(await rows("SELECT name, name_key FROM account WHERE external_id = 'L1'")).toEqual([
        { name: 'Café Müller SA', name_key: 'café müller' },
      ]);
    });

    it('reads UTF-16 files with a byte-order mark', async () => {
      const text = '\uFEFFid,name\nU1,Ünal Holding AG\n';
      const path = write('account-utf16.csv', Buffer.from(text, 'utf16le'));
      expect(await importFile(store, { entity: 'account', path })).toMatchObject({ inserted: 1 });
    });

    it('names a missing required column and stores nothing', async () => {
      const path = write('deal.csv', 'id,account_id,amount\nD1,A1,5\n');
      await expect(importFile(store, { entity: 'deal', path })).rejects.toThrow(
        'deal.csv: no column for required field stage (looked for: stage, Stage); type (looked for: type, Type); created_on (looked for: created_on, Created)',
      );
      expect(await rows("SELECT outcome FROM import WHERE entity = 'deal'")).toEqual([
        { outcome: 'failed' },
      ]);
    });

    it('maps columns with --map, over the preset', async () => {
      const path = write(
        'deals.csv',
        'Ref,Customer,Value,Phase,Kind,Opened\nX1,Beta GmbH,10,won,new,2024-05-01\n',
      );
      const maps = new Map([
        ['Ref', 'id'],
        ['Value', 'amount'],
        ['Phase', 'stage'],
        ['Kind', 'type'],
        ['Opened', 'created_on'],
      ]);
      const summary = await importFile(store, { entity: 'deal', path, maps });
      expect(summary).toMatchObject({ inserted: 1, rejected: 0 });
      expect(summary.matches.byName).toBe(1);
    });

    it('reads Salesforce exports: API names, 15-character ids, report dates and the footer block', async () => {
      const accounts = write(
        'sf-account.csv',
        'Id,Name,Website,NumberOfEmployees,CreatedDate\n001A0000006Vm9r,Omega Inc,omega.com,10,2024-02-01T09:30:00.000Z\n',
      );
      expect(
        await importFile(store, { entity: 'account', path: accounts, preset: 'salesforce' }),
      ).toMatchObject({ inserted: 1 });
      const deals = write(
        'sf-deal.csv',
        [
          '"Opportunity ID","Account ID","Amount","Stage","Opportunity Type","Created Date","Close Date"',
          '"006A000000AbCdE","001A0000006Vm9rIAC","1,000.00","Closed Won","New Business","2/1/2024","3/15/2024"',
          '',
          '"Grand Totals (1 record)"',
          '"Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."',
        ].join('\n'),
      );
      const summary = await importFile(store, {
        entity: 'deal',
        path: deals,
        preset: 'salesforce',
      });
      expect(summary).toMatchObject({ inserted: 1, rejected: 0 });
      expect(
        await rows(
          'SELECT external_id, stage, type, CAST(created_on AS VARCHAR) AS created FROM deal',
        ),
      ).toEqual([
        { external_id: '006A000000AbCdEIAV', stage: 'won', type: 'new', created: '2024-02-01' },
      ]);
      expect(await rows("SELECT external_id FROM account WHERE source = 'salesforce'")).toEqual([
        { external_id: '001A0000006Vm9rIAC' },
      ]);
    });

    it('reads HubSpot exports: labels, stage ids and date-times', async () => {
      const companies = write(
        'companies.csv',
        'Record ID,Company name,Company Domain Name,Create Date\n901,Sigma,sigma.io,2024-02-01 09:30\n',
      );
      await importFile(store, { entity: 'account', path: companies, preset: 'hubspot' });
      const deals = write(
        'deals.csv',
        'Record ID,Associated Company IDs,Deal Name,Amount,Deal Stage,Deal Type,Create Date\n77,901,Renewal,500,closedwon,existingbusiness,2024-03-01 10:00\n',
      );
      expect(
        await importFile(store, { entity: 'deal', path: deals, preset: 'hubspot' }),
      ).toMatchObject({ inserted: 1 });
      expect(await rows('SELECT stage, type FROM deal')).toEqual([
        { stage: 'won', type: 'expansion' },
      ]);
    });

    it('reads Parquet and JSON files', async () => {
      const json = write(
        'account.json',
        JSON.stringify([
          { id: 'J1', name: 'Jay Co', employees: 5 },
          { id: 'J2', name: 'Kay', employees: -1 },
        ]),
      );
      const summary = await importFile(store, { entity: 'account', path: json });
      expect(summary).toMatchObject({ inserted: 1, rejected: 1 });
      expect(summary.rejections[0]).toMatchObject({
        rowNumber: 2,
        code: 'out_of_range',
        column: 'employees',
      });
      const parquet = join(dir, 'account.parquet');
      await writeParquet({
        path: parquet,
        columns: [
          { name: 'id', type: 'VARCHAR' },
          { name: 'name', type: 'VARCHAR' },
          { name: 'employees', type: 'INTEGER' },
        ],
        rows: [[['P1', 'Pea Ltd', 7]]],
      });
      expect(await importFile(store, { entity: 'account', path: parquet })).toMatchObject({
        inserted: 1,
        rejected: 0,
      });
    });
  });
});
