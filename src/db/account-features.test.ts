import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore, openTestStore } from '../../test/stores.ts';
import { readAccountFeatures, readAssessmentAnswers, readAverageDeal } from './account-features.ts';
import { copyWorkspace } from './copy-workspace.ts';
import { newestRecordDate } from './lifecycle-queries.ts';
import { averageDealByQuarter } from './scored-accounts.ts';
import type { Store } from './store.ts';
import { readInvoiceTransactions } from './transactions.ts';
import { countEntities, matchQuality } from './workspace-status.ts';

/** Numbers equal to 12 significant digits (sums may add in another order); everything else exactly. */
function expectSame(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected)) expect(actual, path).toBeNaN();
    else
      expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(expected)),
      );
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    expect(actual.length, path).toBe(expected.length);
    expected.forEach((e, i) => expectSame(actual[i], e, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object' && !(expected instanceof Date)) {
    expect(Object.keys(actual as object).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectSame((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}

/*
 * The feature SQL is the part of scoring that runs in the database: on the same rows (same ids:
 * one store is a copy of the other) every engine must compute the same facts. This is what lets
 * the slower statistical scoring suites check PostgreSQL on fewer seeds than DuckDB.
 */
describe.runIf(ENGINES.length > 1)('the same reads on every engine', () => {
  const stores = new Map<string, Store>();
  let reference: Store;

  beforeAll(async () => {
    reference = await openDemoStore('duckdb', {
      accounts: 250,
      seed: 12,
      years: 5,
      until: '2026-10-31',
    });
    for (const engine of ENGINES) {
      const store = await openTestStore(engine);
      await copyWorkspace(reference, store);
      stores.set(engine, store);
    }
  });

  afterAll(async () => {
    await reference.close();
    for (const store of stores.values()) await store.close();
  });

  const productLine = 3;
  it.each([
    [
      'features as of the last day',
      (s: Store) => readAccountFeatures(s, { asOf: '2026-10-31', productLine: null }),
    ],
    [
      'features as of a month end two years back, one product line',
      (s: Store) => readAccountFeatures(s, { asOf: '2024-02-29', productLine }),
    ],
    [
      'assessment answers (in no particular order: sorted here)',
      async (s: Store) =>
        (await readAssessmentAnswers(s, '2025-06-30')).sort(
          (a, b) => a.accountId - b.accountId || a.questionId.localeCompare(b.questionId),
        ),
    ],
    ['the average deal', (s: Store) => readAverageDeal(s, '2026-10-31')],
    ['the average deal by quarter', (s: Store) => averageDealByQuarter(s, '2026-10-31')],
    ['invoice transactions', (s: Store) => readInvoiceTransactions(s, { through: '2026-01-15' })],
    ['the newest record date', (s: Store) => newestRecordDate(s)],
    [
      'counts and match quality',
      async (s: Store) => [await countEntities(s), await matchQuality(s)],
    ],
  ] as const)('%s', async (_label, read) => {
    const expected = await read(reference);
    for (const [engine, store] of stores) expectSame(await read(store), expected, engine);
  });
});

describe.each(ENGINES)('upsell hints on %s', (engine) => {
  it('counts the upsell hints of the 12 months up to T: no other kind, none before or after', async () => {
    const store = await openTestStore(engine);
    await store.run(
      `INSERT INTO account (source, external_id, name, name_key, import_id)
       VALUES ('t', 'A', 'Acme', 'acme', 0), ('t', 'B', 'Bolt', 'bolt', 0)`,
    );
    const ids = await store.all<{ id: number }>('SELECT id FROM account ORDER BY external_id');
    const [acme = 0, bolt = 0] = ids.map((r) => Number(r.id));
    const signals: [number, string, string][] = [
      [acme, 'upsell_hint', '2025-06-30'], // T itself
      [acme, 'upsell_hint', '2024-07-01'], // the first day of the 12 months
      [acme, 'upsell_hint', '2024-06-30'], // 12 months before T: outside
      [acme, 'upsell_hint', '2025-07-01'], // after T
      [acme, 'risk', '2025-01-15'],
      [acme, 'competitor', '2025-01-15'],
      [bolt, 'other', '2025-03-01'],
    ];
    for (const [k, [account, kind, day]] of signals.entries())
      await store.run(
        `INSERT INTO signal (source, external_id, account_id, account_match, kind, text, reported_on, import_id)
         VALUES ('t', $1, $2, 'id', $3, 'x', CAST($4 AS DATE), 0)`,
        [`S-${k}`, account, kind, day],
      );
    const facts = await readAccountFeatures(store, { asOf: '2025-06-30', productLine: null });
    expect(facts.accountId).toEqual([acme, bolt]);
    expect(facts.upsellHints12m).toEqual([2, 0]);
    await store.close();
  });
});
