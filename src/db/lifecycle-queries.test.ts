import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore, openTestStore } from '../../test/stores.ts';
import { addMonths } from '../core/lifecycle/calendar-months.ts';
import {
  loadCompetitorSightings,
  loadContracts,
  loadMonthlyRevenue,
  loadOpenDeals,
  loadOverdueInvoices,
  newestRecordDate,
} from './lifecycle-queries.ts';
import type { SqlValue, Store } from './store.ts';
import { readInvoiceTransactions } from './transactions.ts';

let serial = 0;

/** Inserts one record with the bookkeeping columns filled in; returns its internal id. */
async function insert(
  store: Store,
  table: string,
  fields: Record<string, SqlValue>,
): Promise<number> {
  serial += 1;
  const row: Record<string, SqlValue> = {
    source: 'test',
    external_id: `${table}-${serial}`,
    import_id: 1,
    ...(table === 'account'
      ? { name_key: String(fields.name ?? '').toLowerCase() }
      : { account_match: 'id' }),
    ...fields,
  };
  const columns = Object.keys(row);
  const [{ id }] = (await store.all<{ id: number }>(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(row),
  )) as [{ id: number }];
  return id;
}

describe.each(ENGINES)('%s', (engine) => {
  describe('lifecycle queries on hand-made records', () => {
    let store: Store;
    let acme: number;
    let globex: number;
    beforeAll(async () => {
      store = await openTestStore(engine);
    });
    afterAll(() => store.close());

    it('finds no newest date in an empty workspace', async () => {
      expect(await newestRecordDate(store)).toBeNull();
    });

    it('loads what was known on asOf, and takes the newest event date as the workspace’s today', async () => {
      acme = await insert(store, 'account', { name: 'Acme', created_on: '2023-01-01' });
      globex = await insert(store, 'account', { name: 'Globex', created_on: '2023-01-01' });
      const invoice = (
        account: number,
        issued: string,
        amount: number,
        paid: string | null = null,
      ) =>
        insert(store, 'invoice', {
          account_id: account,
          issued_on: issued,
          due_on: addMonths(issued, 1),
          paid_on: paid,
          amount,
        });
      await invoice(acme, '2024-03-05', 100, '2024-03-10');
      await invoice(acme, '2024-03-01', 50.5, '2024-05-01'); // due 04-01, paid after asOf: overdue on asOf
      await invoice(acme, '2024-04-10', 30); // after asOf
      await invoice(globex, '2024-02-01', 10, null); // due 03-01, never paid
      await invoice(globex, '2024-02-01', -4, null); // a credit note
      const deal = (account: number, stage: string, created: string, close: string | null) =>
        insert(store, 'deal', {
          account_id: account,
          amount: 500,
          stage,
          type: 'new',
          created_on: created,
          close_date: close,
        });
      await deal(acme, 'open', '2024-03-01', '2025-01-01'); // expected close far ahead: not an event
      await deal(acme, 'won', '2024-03-01', '2024-04-20'); // closed after asOf: open on asOf
      await deal(globex, 'lost', '2024-02-01', '2024-03-15'); // closed before asOf
      await deal(globex, 'open', '2024-04-06', null); // created after asOf
      const contract = (account: number, kind: string, start: string, renewal: string | null) =>
        insert(store, 'contract', {
          account_id: account,
          start_date: start,
          end_date: '2026-01-31',
          annual_value: 1200.25,
          kind,
          status: 'active',
          renewal_date: renewal,
        });
      await contract(acme, 'pilot', '2024-01-01', null);
      await contract(globex, 'term', '2024-04-05', '2026-02-01');
      await contract(globex, 'term', '2024-04-06', null); // after asOf
      const sighting = (seen: string) =>
        insert(store, 'competitor_sighting', {
          account_id: acme,
          competitor: 'Initech',
          seen_on: seen,
        });
      for (const seen of ['2023-04-05', '2023-04-06', '2024-04-05', '2024-04-06'])
        await sighting(seen);

      expect(await newestRecordDate(store)).toBe('2024-05-01'); // the late payment

      const asOf = '2024-04-05';
      expect(await loadMonthlyRevenue(store, asOf)).toEqual([
        { accountId: acme, month: '2024-03', revenue: 150.5 },
        { accountId: globex, month: '2024-02', revenue: 6 },
      ]);
      const contracts = await loadContracts(store, asOf);
      expect(contracts.map((c) => [c.accountName, c.kind, c.startDate, c.renewalDate])).toEqual([
        ['Acme', 'pilot', '2024-01-01', null],
        ['Globex', 'term', '2024-04-05', '2026-02-01'],
      ]);
      expect(contracts[0]).toMatchObject({
        endDate: '2026-01-31',
        annualValue: 1200.25,
        accountId: acme,
      });
      const deals = await loadOpenDeals(store, asOf);
      expect(deals.map((d) => [d.accountId, d.stage, d.closeDate])).toEqual([
        [acme, 'open', '2025-01-01'],
        [acme, 'won', '2024-04-20'],
      ]);
      // (asOf − 12 months, asOf]: 2023-04-05 is out, 2024-04-06 is after asOf
      expect(
        (await loadCompetitorSightings(store, { asOf, months: 12 })).map((s) => s.seenOn),
      ).toEqual(['2023-04-06', '2024-04-05']);
      const overdue = await loadOverdueInvoices(store, asOf);
      expect(overdue.map((i) => [i.accountId, i.amount, i.paidOn])).toEqual([
        [globex, 10, null],
        [globex, -4, null],
        [acme, 50.5, '2024-05-01'],
      ]);
    });

    it('reads invoices as transactions: positive amounts, sources told apart when ids collide', async () => {
      const other = await insert(store, 'account', {
        name: 'Acme Other',
        source: 'crm2',
        external_id: 'account-dup',
      });
      await store.run(`UPDATE account SET external_id = 'account-dup' WHERE id = $1`, [acme]);
      await insert(store, 'invoice', {
        account_id: other,
        issued_on: '2024-01-15',
        due_on: '2024-02-15',
        amount: 7,
      });
      const all = await readInvoiceTransactions(store);
      expect(all.map((t) => [t.customerId, t.date, t.amount])).toEqual([
        ['crm2:account-dup', '2024-01-15', 7],
        [expect.stringMatching(/^account-\d+$/), '2024-02-01', 10],
        ['test:account-dup', '2024-03-01', 50.5],
        ['test:account-dup', '2024-03-05', 100],
        ['test:account-dup', '2024-04-10', 30],
      ]);
      expect(all[0]?.accountId).toBe(other);
      expect(await readInvoiceTransactions(store, { through: '2024-03-05' })).toHaveLength(4);
    });
  });

  describe('loadMonthlyRevenue against a TypeScript oracle on demo data', () => {
    it('sums every invoice issued on or before asOf into its account and month', async () => {
      const store = await openDemoStore(engine, { accounts: 300, seed: 11 });
      try {
        const asOf = '2025-06-17';
        const invoices = await store.all<{ account_id: number; issued_on: string; amount: number }>(
          `SELECT account_id, CAST(issued_on AS VARCHAR) AS issued_on, amount FROM invoice`,
        );
        const oracle = new Map<string, number>();
        for (const i of invoices) {
          if (i.issued_on > asOf) continue;
          const key = `${i.account_id}|${i.issued_on.slice(0, 7)}`;
          oracle.set(key, (oracle.get(key) ?? 0) + i.amount);
        }
        const rows = await loadMonthlyRevenue(store, asOf);
        expect(rows).toHaveLength(oracle.size);
        for (const row of rows) {
          expect(row.revenue).toBeCloseTo(
            oracle.get(`${row.accountId}|${row.month}`) ?? Number.NaN,
            6,
          );
        }
      } finally {
        await store.close();
      }
    });
  });
});
