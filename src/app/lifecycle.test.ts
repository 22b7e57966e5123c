import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore, openTestStore } from '../../test/stores.ts';
import type { Store } from '../db/store.ts';
import { importDirectory } from './import-directory.ts';
import {
  churnReport,
  pilotReport,
  renewalReport,
  resolveAsOf,
  retentionReport,
} from './lifecycle.ts';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/lifecycle/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'hotspot-lifecycle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every report as of one day, as the JSON the API would serve. */
async function allReports(store: Store, asOf: string): Promise<string> {
  return JSON.stringify({
    pilots: await pilotReport(store, { asOf }),
    renewals: await renewalReport(store, { asOf }),
    churn: await churnReport(store, { asOf }),
    retention: await retentionReport(store, { asOf }),
    quarterly: await retentionReport(store, { asOf, granularity: 'quarter' }),
  });
}

/** Writes native files dated after asOf (accountId: an account's external id) and imports them. */
async function importLateRecords(
  store: Store,
  options: { accountId: string; dir: string },
): Promise<void> {
  const a = options.accountId;
  const files: Record<string, string> = {
    'invoice.csv': `id,account_id,issued_on,due_on,paid_on,amount\nlate-inv,${a},2030-01-05,2030-02-04,,50000\n`,
    'contract.csv': `id,account_id,start_date,end_date,annual_value,kind,status,renewal_date\nlate-term,${a},2030-01-10,2031-01-09,90000,term,active,\nlate-pilot,${a},2030-01-02,2030-03-01,2400,pilot,active,\n`,
    'deal.csv': `id,account_id,name,amount,stage,type,created_on,close_date\nlate-deal,${a},Late,1000,open,new,2030-01-02,2030-06-01\n`,
    'competitor_sighting.csv': `id,account_id,competitor,product_area,pitch,seen_on,reported_by\nlate-seen,${a},Initech,Analytics,Cheap,2030-01-03,x\n`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(options.dir, name), text);
  await importDirectory(store, { dir: options.dir, preset: 'native', source: 'late' });
}

describe.each(ENGINES)('%s', (engine) => {
  describe('lifecycle reports on the hand-computed fixture (test/fixtures/lifecycle)', () => {
    let store: Store;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await importDirectory(store, { dir: FIXTURE, preset: 'native', source: 'fixture' });
    });
    afterAll(() => store.close());

    it('defaults asOf to the newest dated record (the open deal of 2024-12-31)', async () => {
      expect(await resolveAsOf(store, undefined)).toBe('2024-12-31');
      expect((await pilotReport(store)).asOf).toBe('2024-12-31');
      await expect(resolveAsOf(store, '2024-13-01')).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    });

    it('reports the pilot funnel: P1 converts on day 90, P2 misses by a day, P3 is at risk', async () => {
      const report = await pilotReport(store);
      expect(report).toMatchObject({
        started: 4,
        running: 2,
        ended: 2,
        converted: 1,
        notConverted: 1,
        awaiting: 0,
        conversionRate: 0.5,
        medianDaysToConvert: 90,
      });
      // P4 (acc-1) also ends within 30 days, but acc-1 has an open deal
      expect(report.atRisk).toEqual([
        expect.objectContaining({
          externalId: 'P3',
          accountName: 'Foxtrot Foods',
          endDate: '2025-01-20',
          daysLeft: 20,
        }),
      ]);
    });

    it('reports renewals in 2025 with their risk signals', async () => {
      const report = await renewalReport(store);
      expect(report.until).toBe('2025-12-31');
      expect(report.renewals.map((r) => [r.externalId, r.renewalDate, r.signals, r.risk])).toEqual([
        ['T3', '2025-01-01', [], 'low'], // acc-3 had no revenue in either half-year: not falling
        ['T1', '2025-04-30', ['falling_spend'], 'medium'], // acc-5: 0 in Jul-Dec 2024 against 3,000 in Jan-Jun
        ['T2', '2025-05-01', ['falling_spend', 'competitor'], 'high'], // acc-2: 0 against 1,500; Initech in June
      ]);
      expect(report.totals).toEqual({
        contracts: 3,
        valueAtStake: 37000,
        atRisk: 2,
        valueAtRisk: 32000,
      });
      expect(report.months).toHaveLength(12);
      expect(report.months[3]).toEqual({
        month: '2025-04',
        contracts: 1,
        valueAtStake: 12000,
        atRisk: 1,
        valueAtRisk: 12000,
      });
      // acc-4's unpaid July invoice is overdue, but its contract T4 renews only in 2026
      const withBehavior = await renewalReport(store, { behaviorScores: new Map() });
      expect(withBehavior.behaviorScoresSupplied).toBe(true);
    });

    it('reports churn and retention: GRR 2,500 / 3,500, NRR 2,700 / 3,500, A4 reactivated', async () => {
      const report = await churnReport(store);
      expect(report.latest).toMatchObject({
        period: '2024-12',
        startingCustomers: 3,
        churnedCustomers: 1,
        newCustomers: 1,
        reactivatedCustomers: 1,
        startingRevenue: 3500,
        retainedRevenue: 2500,
        cohortRevenue: 2700,
        totalRevenue: 6600,
      });
      expect(report.latest?.grossRevenueRetention).toBeCloseTo(2500 / 3500, 12);
      expect(report.latest?.netRevenueRetention).toBeCloseTo(2700 / 3500, 12);
      expect(report.byYear.map((w) => w.period)).toEqual(['2023', '2024']);
      expect(report.growth).toMatchObject({ currentArr: 6600, newRevenueNeeded: 1885.71 });
    });

    it('reports the cohort heat map and skips cohorts too short to fit', async () => {
      const report = await retentionReport(store);
      expect(
        report.heatMap.cohorts.map((c) => [c.cohort, c.size, c.cells.map((x) => x.active)]),
      ).toEqual([
        ['2022', 3, [3, 1, 2]],
        ['2023', 2, [2, 1]],
        ['2024', 1, [1]],
      ]);
      expect(report.projection.cohorts.every((c) => c.status === 'skipped')).toBe(true);
    });

    it('changes nothing as of 2024-12-31 when records dated later arrive', async () => {
      const before = await allReports(store, '2024-12-31');
      const dir = mkdtempSync(join(scratch, 'late-fixture-'));
      await importLateRecords(store, { accountId: 'acc-6', dir });
      expect(await resolveAsOf(store, undefined)).toBe('2030-01-10');
      expect(await allReports(store, '2024-12-31')).toBe(before);
    });
  });

  describe('lifecycle reports on the demo data (2,000 accounts, seed 7)', () => {
    let store: Store;
    let asOf: string;
    beforeAll(async () => {
      store = await openDemoStore(engine, { accounts: 2000, seed: 7 });
      asOf = await resolveAsOf(store, undefined);
    });
    afterAll(() => store.close());

    it('looks sane', async () => {
      expect(asOf).toBe('2026-10-31'); // the demo's last day
      const pilots = await pilotReport(store);
      expect(pilots.started).toBeGreaterThan(50);
      expect(pilots.conversionRate).toBeGreaterThan(0);
      expect(pilots.conversionRate).toBeLessThan(1);
      expect(pilots.medianDaysToConvert).toBeGreaterThan(0);
      expect(pilots.medianDaysToConvert).toBeLessThanOrEqual(90);

      const churn = await churnReport(store);
      const grr = churn.latest?.grossRevenueRetention ?? Number.NaN;
      expect(grr).toBeGreaterThan(0);
      expect(grr).toBeLessThanOrEqual(1);
      expect(churn.latest?.netRevenueRetention).toBeGreaterThan(0);
      expect(churn.latest?.logoChurnRate).toBeGreaterThan(0);
      expect(churn.latest?.logoChurnRate).toBeLessThan(0.5);
      for (const w of [...churn.byMonth, ...churn.byYear]) {
        expect(w.grossRevenueRetention).toBeLessThanOrEqual(w.netRevenueRetention ?? Number.NaN);
        expect(w.activeCustomers).toBe(
          w.retainedCustomers + w.newCustomers + w.reactivatedCustomers,
        );
        expect(w.retainedCustomers + w.churnedCustomers).toBe(w.startingCustomers);
      }

      const renewals = await renewalReport(store);
      expect(renewals.totals.contracts).toBeGreaterThan(100);
      expect(renewals.totals.valueAtStake).toBeGreaterThan(0);
      expect(renewals.totals.atRisk).toBeLessThan(renewals.totals.contracts);
      expect(
        renewals.renewals.every((r) => r.renewalDate > asOf && r.renewalDate <= renewals.until),
      ).toBe(true);

      const retention = await retentionReport(store);
      for (const c of retention.heatMap.cohorts) {
        expect(c.cells[0]?.share).toBe(1);
        expect(c.cells.every((x) => x.share >= 0 && x.share <= 1)).toBe(true);
      }
      expect(retention.projection.cohorts.some((c) => c.status === 'fitted')).toBe(true);
    });

    it('changes nothing in any report as of asOf when records dated after it arrive', async () => {
      const before = await allReports(store, asOf);
      const [account] = await store.all<{ external_id: string }>(
        `SELECT external_id FROM account ORDER BY id LIMIT 1`,
      );
      const dir = mkdtempSync(join(scratch, 'late-demo-'));
      await importLateRecords(store, { accountId: account?.external_id ?? '', dir });
      expect(await resolveAsOf(store, undefined)).toBe('2030-01-10');
      expect(await allReports(store, asOf)).toBe(before);
    });
  });
});
