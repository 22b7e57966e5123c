import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeTransactions } from '../core/models/calibration-summary.ts';
import { openStore } from '../db/open-store.ts';
import type { Store } from '../db/store.ts';
import { readInvoiceTransactions } from '../db/transactions.ts';
import { loadDemo } from './demo-data.ts';
import {
  expectedSpendByAccount,
  fitBgBbFile,
  fitCalibrationSummary,
  fitTransactions,
  fitWorkspaceTransactions,
} from './fit-transactions.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/cdnow/', import.meta.url));

describe('fitTransactions on CDNOW_sample.txt (until 1997-09-30, weeks)', async () => {
  const result = await fitTransactions(`${DATA}CDNOW_sample.txt`, {
    preset: 'cdnow',
    until: '1997-09-30',
    unit: 'week',
  });
  const { summary } = result;

  it('builds the calibration summary checks of data/README.md', () => {
    expect(summary.transactions).toBe(6919);
    expect(summary.purchaseDays).toBe(6696); // same-day purchases merged
    expect(summary.customers).toHaveLength(2357);
    expect(summary.customers.reduce((s, c) => s + c.x, 0)).toBe(2457);
    expect(summary.customers.filter((c) => c.x === 0)).toHaveLength(1411);
    expect(summary.customers.filter((c) => c.x > 0)).toHaveLength(946);
    // holdout 1997-10-01..1998-06-30: 39 weeks, 1,882 repeat purchases
    expect(summary.holdoutLength).toBe(39);
    expect(summary.customers.reduce((s, c) => s + c.holdoutPurchases, 0)).toBe(1882);
  });

  it('agrees customer by customer with cdnow_customers_summary_with_transactions.csv (2-decimal rounding)', () => {
    const published = readFileSync(`${DATA}cdnow_customers_summary_with_transactions.csv`, 'utf8')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    // the summary file lists customers by sample id (1..2,357), the order in which they first
    // appear in CDNOW_sample.txt, which is also the order of summary.customers
    const ours = summary.customers;
    expect(ours).toHaveLength(published.length);
    published.forEach((line, i) => {
      const [, x = 0, tx = 0, T = 0, zbar = 0] = line.split(',').map(Number);
      const c = ours[i];
      expect(c?.x).toBe(x);
      expect(Math.abs((c?.tx ?? 0) - tx)).toBeLessThan(0.006);
      expect(Math.abs((c?.T ?? 0) - T)).toBeLessThan(0.006);
      expect(Math.abs((c?.zbar ?? 0) - zbar)).toBeLessThan(0.006);
    });
  });

  it('fits BG/NBD to the published estimates (Fader, Hardie & Lee 2005; CLVTools full precision)', () => {
    const fit = result.bgNbd;
    if (!fit) throw new Error('no BG/NBD fit');
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.r - 0.243)).toBeLessThan(0.005);
    expect(Math.abs(fit.alpha - 4.414)).toBeLessThan(0.005);
    expect(Math.abs(fit.a - 0.793)).toBeLessThan(0.005);
    expect(Math.abs(fit.b - 2.426)).toBeLessThan(0.005);
    // unrounded times reproduce CLVTools' r = 0.2425945, α = 4.4136019, a = 0.7929199, b = 2.4258881, LL −9582.429
    expect(fit.r).toBeCloseTo(0.2425945, 5);
    expect(fit.alpha).toBeCloseTo(4.4136019, 3);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(-9582.429 - 1e-3);
    expect(fit.logLikelihood).toBeCloseTo(-9582.429, 2);
  });

  it('fits Gamma-Gamma to the published estimates (Fader, Hardie & Lee 2005, JMR: p 6.25, q 3.74, γ 15.44)', () => {
    const spend = result.spend;
    if (!spend?.ok) throw new Error(spend ? spend.reason : 'no Gamma-Gamma fit');
    expect(Math.abs(spend.fit.p - 6.25)).toBeLessThan(0.005);
    expect(Math.abs(spend.fit.q - 3.74)).toBeLessThan(0.005);
    expect(Math.abs(spend.fit.gamma - 15.44)).toBeLessThan(0.01);
    // unrounded zbar gives −4055.918 rather than the file's −4055.923; both round to the published −4055.92
    expect(Math.abs(spend.fit.logLikelihood + 4055.92)).toBeLessThan(0.005);
  });

  it('predicts a finite, non-negative 12-month spend for every customer', () => {
    const yearly = result.expectedSpend12Months;
    if (!yearly) throw new Error('no prediction');
    expect(yearly).toHaveLength(2357);
    expect(yearly.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  it('fits one model on request', async () => {
    const only = await fitTransactions(`${DATA}CDNOW_sample.txt`, {
      preset: 'cdnow',
      until: '1997-09-30',
      models: 'bgnbd',
    });
    expect(only.spend).toBeNull();
    expect(only.expectedSpend12Months).toBeNull();
    expect(only.bgNbd?.converged).toBe(true);
  });
});

describe('fitBgBbFile', () => {
  it('fits the donations file (Fader, Hardie & Shang 2010: α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33225.58)', async () => {
    const fit = await fitBgBbFile(`${DATA}donations.csv`);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.alpha - 1.204)).toBeLessThan(0.005);
    expect(Math.abs(fit.delta - 2.783)).toBeLessThan(0.005);
    expect(Math.abs(fit.logLikelihood + 33225.58)).toBeLessThan(0.005);
  });
});

describe("the workspace's own invoices (demo data, 400 accounts, seed 7)", () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
    await loadDemo(store, { accounts: 400, seed: 7 });
  });
  afterAll(() => store.close());

  it('fits BG/NBD and Gamma-Gamma on one transaction per invoice', async () => {
    const result = await fitWorkspaceTransactions(store, { unit: 'week' });
    const [counts] = await store.all<{ invoices: number; accounts: number }>(
      'SELECT COUNT(*) AS invoices, COUNT(DISTINCT account_id) AS accounts FROM invoice WHERE amount > 0',
    );
    expect(result.summary.transactions).toBe(counts?.invoices);
    expect(result.summary.customers).toHaveLength(counts?.accounts ?? -1);
    expect(result.summary.until).toBe('2026-10-31'); // the last invoice
    expect(result.bgNbd?.converged).toBe(true);
    expect(result.spend).not.toBeNull();
  });

  it('predicts each account’s spend in the 12 months after asOf', async () => {
    const asOf = '2025-10-31';
    const expected = await expectedSpendByAccount(store, { asOf });
    const [known] = await store.all<{ n: number }>(
      `SELECT COUNT(DISTINCT account_id) AS n FROM invoice WHERE amount > 0 AND issued_on <= DATE '2025-10-31'`,
    );
    expect(expected.size).toBe(known?.n);
    expect([...expected.values()].every((v) => Number.isFinite(v) && v >= 0)).toBe(true);

    // oracle: the same fit through the file path's pieces (12 months = 365.25 / 7 weeks)
    const transactions = await readInvoiceTransactions(store, { through: asOf });
    const summary = summarizeTransactions(transactions, { until: asOf, unit: 'week' });
    const reference = fitCalibrationSummary(summary, 'both').expectedSpend12Months;
    const accountOf = new Map(transactions.map((t) => [t.customerId, t.accountId]));
    summary.customers.forEach((c, i) => {
      const accountId = accountOf.get(c.customerId) ?? -1;
      expect(expected.get(accountId)).toBeCloseTo(reference?.[i] ?? Number.NaN, 6);
    });

    // what happened next: a reference run on 2,000 accounts gave a correlation of 0.92
    const actual = new Map(
      (
        await store.all<{ account_id: number; revenue: number }>(
          `SELECT account_id, CAST(SUM(amount) AS DOUBLE PRECISION) AS revenue FROM invoice
           WHERE issued_on > DATE '2025-10-31' AND issued_on <= DATE '2026-10-31' GROUP BY account_id`,
        )
      ).map((r) => [r.account_id, r.revenue]),
    );
    const pairs = [...expected].map(([id, v]) => [v, actual.get(id) ?? 0] as const);
    expect(correlation(pairs)).toBeGreaterThan(0.8);

    const half = await expectedSpendByAccount(store, { asOf, horizonMonths: 6 });
    for (const [id, v] of half) expect(v).toBeLessThanOrEqual(expected.get(id) ?? Number.NaN);
  });

  it('ignores invoices issued after asOf', async () => {
    const asOf = '2024-06-30';
    const before = await expectedSpendByAccount(store, { asOf });
    const [account] = await store.all<{ id: number }>('SELECT id FROM account ORDER BY id LIMIT 1');
    await store.run(
      `INSERT INTO invoice (source, external_id, account_id, account_match, issued_on, due_on, amount, import_id)
       VALUES ('late', 'late-1', $1, 'id', DATE '2024-07-01', DATE '2024-07-31', 99999, 0)`,
      [account?.id ?? 0],
    );
    expect(await expectedSpendByAccount(store, { asOf })).toEqual(before);
  });

  it('refuses an empty workspace and a malformed asOf', async () => {
    const empty = await openStore(':memory:');
    try {
      await expect(expectedSpendByAccount(empty, { asOf: '2024-01-01' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(fitWorkspaceTransactions(empty)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await empty.close();
    }
    await expect(expectedSpendByAccount(store, { asOf: '2024-6-30' })).rejects.toThrow(
      /expectedSpendByAccount/,
    );
  });
});

function correlation(pairs: readonly (readonly [number, number])[]): number {
  const n = pairs.length;
  const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
  const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of pairs) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
