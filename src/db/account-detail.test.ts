import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore } from '../../test/stores.ts';
import { scoreWorkspace } from '../app/score-workspace.ts';
import {
  readAccount,
  readContacts,
  readInvoices,
  readScoreHistory,
  readTickets,
} from './account-detail.ts';
import { searchScoredAccounts, type AccountSearch } from './scored-accounts.ts';
import { allScoredAccounts, type ScoredAccountRow, type SortField } from './scored-accounts.ts';
import type { Store } from './store.ts';

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;
  let runId: number;
  let all: ScoredAccountRow[];

  beforeAll(async () => {
    store = await openDemoStore(engine, { accounts: 200, seed: 3, years: 5, until: '2026-10-31' });
    runId = (await scoreWorkspace(store)).id;
    all = await allScoredAccounts(store, { runId });
  });

  afterAll(() => store.close());

  const SORT_KEYS: Record<SortField, (a: ScoredAccountRow) => number | string | null> = {
    name: (a) => a.name,
    need: (a) => a.need,
    value: (a) => a.value,
    behavior: (a) => a.behavior,
    tier: (a) => a.tier,
    potential: (a) => a.potentialSpend,
    revenue: (a) => a.revenueTtm,
    share: (a) => a.shareOfWallet,
  };

  /** The same search in plain TypeScript over every scored account: the oracle for the SQL. */
  function oracle(search: AccountSearch): { total: number; ids: number[] } {
    const q = search.query?.toLowerCase();
    const matching = all.filter(
      (a) =>
        (!search.tiers?.length || search.tiers.includes(a.tier)) &&
        (!search.categories?.length || search.categories.includes(a.category)) &&
        (search.highValue === undefined || a.highValue === search.highValue) &&
        (!q || a.name.toLowerCase().includes(q) || a.externalId.toLowerCase().includes(q)) &&
        (!search.owner || a.owner?.toLowerCase() === search.owner.toLowerCase()) &&
        (!search.industry || a.industry?.toLowerCase() === search.industry.toLowerCase()),
    );
    const key = SORT_KEYS[search.sort ?? 'value'];
    const sign = search.descending === false ? 1 : -1;
    const sorted = [...matching].sort((x, y) => {
      const a = key(x);
      const b = key(y);
      if (a === null || b === null) {
        if (a === b) return x.accountId - y.accountId;
        return a === null ? 1 : -1; // NULLS LAST either way
      }
      const order = a < b ? -1 : a > b ? 1 : 0;
      return order === 0 ? x.accountId - y.accountId : sign * order;
    });
    const offset = search.offset ?? 0;
    return {
      total: matching.length,
      ids: sorted.slice(offset, offset + (search.limit ?? 50)).map((a) => a.accountId),
    };
  }

  describe('searchScoredAccounts', () => {
    const owner = (): string => all.find((a) => a.owner)?.owner ?? '';
    const industry = (): string => all.find((a) => a.industry)?.industry ?? '';
    it.each<[string, () => AccountSearch]>([
      ['the default page', () => ({})],
      [
        'tiers, ascending need, second page',
        () => ({ tiers: ['2-need', '3'], sort: 'need', descending: false, limit: 20, offset: 20 }),
      ],
      [
        'categories and high value',
        () => ({ categories: ['core', 'beachhead'], highValue: true, limit: 500 }),
      ],
      [
        'not high value, by share of wallet',
        () => ({ highValue: false, sort: 'share', limit: 500 }),
      ],
      ['a search term', () => ({ query: 'ACC-00001', sort: 'name', limit: 500 })],
      [
        'owner and industry in another case',
        () => ({ owner: owner().toUpperCase(), industry: industry().toLowerCase(), limit: 500 }),
      ],
      ['a page past the end', () => ({ offset: 1000 })],
    ])('%s matches the TypeScript oracle', async (_label, make) => {
      const search = make();
      const result = await searchScoredAccounts(store, { runId, search });
      const expected = oracle(search);
      expect(result.total).toBe(expected.total);
      expect(result.accounts.map((a) => a.accountId)).toEqual(expected.ids);
    });

    it('takes % and _ in a search term literally', async () => {
      expect((await searchScoredAccounts(store, { runId, search: { query: '%' } })).total).toBe(0);
      expect((await searchScoredAccounts(store, { runId, search: { query: '_' } })).total).toBe(0);
    });
  });

  describe('account records', () => {
    it('reads firmographics with the owner, and null for an unknown id', async () => {
      const first = all[0] as ScoredAccountRow;
      const account = await readAccount(store, first.accountId);
      expect(account).toMatchObject({
        id: first.accountId,
        name: first.name,
        externalId: first.externalId,
      });
      expect(account?.owner?.name ?? null).toBe(first.owner);
      expect(await readAccount(store, 10 ** 9)).toBeNull();
    });

    it('orders contacts by seniority and keeps the latest invoices and tickets with their totals', async () => {
      const busiest = await store.all<{ account_id: number; n: number }>(
        'SELECT account_id, count(*) AS n FROM invoice GROUP BY account_id ORDER BY n DESC, account_id LIMIT 1',
      );
      const accountId = Number(busiest[0]?.account_id);
      const invoices = await readInvoices(store, { accountId, limit: 5 });
      expect(invoices.total).toBe(Number(busiest[0]?.n));
      expect(invoices.items).toHaveLength(Math.min(5, invoices.total));
      const issued = invoices.items.map((i) => i.issuedOn);
      expect(issued).toEqual([...issued].sort().reverse());
      expect(issued.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
      const tickets = await readTickets(store, { accountId, limit: 3 });
      expect(tickets.items.length).toBeLessThanOrEqual(3);

      const rank = ['c_level', 'vp', 'director', 'manager', 'staff'];
      for (const a of all.slice(0, 20)) {
        const ranks = (await readContacts(store, a.accountId)).map((c) =>
          c.seniority === null ? rank.length : rank.indexOf(c.seniority),
        );
        expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      }
    });

    it('lists the score history run by run', async () => {
      const first = all[0] as ScoredAccountRow;
      const history = await readScoreHistory(store, first.accountId);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({
        runId,
        asOf: '2026-10-31',
        tier: first.computedTier,
        value: first.value,
      });
    });
  });
});
