import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore } from '../../test/stores.ts';
import type { AccountScope } from '../core/access.ts';
import { CATEGORIES } from '../core/scoring/assign-categories.ts';
import { TIERS } from '../core/scoring/assign-tiers.ts';
import { searchScoredAccounts, SORT_FIELDS, type SortField } from '../db/scored-accounts.ts';
import type { Store } from '../db/store.ts';
import { searchIndexedAccounts } from './account-index.ts';
import { setAccountOverride } from './account-detail.ts';
import { scoreWorkspace, type RunSummary } from './score-workspace.ts';

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;
  let run: RunSummary;
  let names: string[];
  let owners: string[];
  let industries: string[];
  let repIds: number[];

  beforeAll(async () => {
    store = await openDemoStore(engine, { accounts: 400, seed: 21, years: 4, until: '2026-10-31' });
    run = await scoreWorkspace(store);
    names = (await store.all<{ name: string }>('SELECT name FROM account')).map((r) => r.name);
    owners = (
      await store.all<{ name: string; external_id: string }>('SELECT name, external_id FROM rep')
    ).flatMap((r) => [r.name, r.external_id.toUpperCase()]);
    industries = (
      await store.all<{ industry: string }>('SELECT DISTINCT industry FROM account')
    ).map((r) => r.industry.toLowerCase());
    repIds = (await store.all<{ id: unknown }>('SELECT id FROM rep ORDER BY id')).map((r) =>
      Number(r.id),
    );
    // users 1 and 2 have accounts assigned beyond their rep's; user 3 none
    await store.run(
      `INSERT INTO account_assignment (account_id, user_id)
     SELECT id, 1 FROM account WHERE id % 7 = 0 UNION ALL SELECT id, 2 FROM account WHERE id % 11 = 0`,
    );
  });

  afterAll(() => store.close());

  const subset = <T>(values: readonly T[]) => fc.subarray([...values], { minLength: 0 });

  /** Every account, or a manager's: a rep's (or none) and the accounts assigned to user 1, 2 or 3. */
  const scopes: fc.Arbitrary<AccountScope> = fc.oneof(
    fc.constant<AccountScope>({ kind: 'all' }),
    fc.record({
      kind: fc.constant('own' as const),
      userId: fc.integer({ min: 1, max: 3 }),
      repId: fc.oneof(
        fc.constant(null),
        fc.integer({ min: 0, max: 100 }).map((i) => repIds[i % repIds.length] ?? null),
      ),
    }),
  );

  describe('searchIndexedAccounts', () => {
    it('answers exactly what the SQL search answers, for any filter, sort, page and scope', async () => {
      const search = fc.record(
        {
          tiers: subset(TIERS),
          categories: subset(CATEGORIES),
          highValue: fc.boolean(),
          query: fc.oneof(
            fc.constantFrom('', 'inc', 'A', 'zz', '%', '_'),
            fc.integer({ min: 0, max: 399 }).map((i) => names[i]?.slice(2, 6) ?? ''),
          ),
          owner: fc.integer({ min: 0, max: 1000 }).map((i) => owners[i % owners.length] ?? ''),
          industry: fc
            .integer({ min: 0, max: 100 })
            .map((i) => industries[i % industries.length] ?? ''),
          sort: fc.constantFrom(...(Object.keys(SORT_FIELDS) as SortField[])),
          descending: fc.boolean(),
          limit: fc.integer({ min: 1, max: 120 }),
          offset: fc.integer({ min: 0, max: 420 }),
        },
        { requiredKeys: ['sort', 'descending', 'limit', 'offset'] },
      );
      await fc.assert(
        fc.asyncProperty(search, scopes, async (s, scope) => {
          const sql = await searchScoredAccounts(store, { runId: run.id, search: s, scope });
          const indexed = await searchIndexedAccounts(store, { search: s, scope });
          expect(indexed.run.id).toBe(run.id);
          expect(indexed.total).toBe(sql.total);
          expect(indexed.accounts).toEqual(sql.accounts);
        }),
        { numRuns: 150 },
      );
    });

    it('sees an override, a new run and an old run by id', async () => {
      const top = await searchIndexedAccounts(store, { search: { tiers: ['1a'], limit: 1 } });
      const account = top.accounts[0];
      if (!account) throw new Error('no Tier 1a account');
      await setAccountOverride(store, {
        accountId: account.accountId,
        tier: '3',
        reason: 'test',
        by: 'tester',
      });
      const after = await searchIndexedAccounts(store, {
        search: { tiers: ['3'], query: account.externalId, limit: 5 },
      });
      expect(after.accounts.map((a) => [a.accountId, a.tier, a.overridden])).toEqual([
        [account.accountId, '3', true],
      ]);
      const next = await scoreWorkspace(store);
      expect((await searchIndexedAccounts(store, { search: {} })).run.id).toBe(next.id);
      expect((await searchIndexedAccounts(store, { runId: run.id, search: {} })).run.id).toBe(
        run.id,
      );
      await expect(searchIndexedAccounts(store, { runId: 999, search: {} })).rejects.toThrow(
        'no scoring run 999',
      );
    });
  });
});
