import { describe, expect, it } from 'vitest';
import type { MonthlyRevenue } from './lifecycle-records.ts';
import { measureRetention } from './measure-retention.ts';

// Hand-built fixture: six accounts over 2022-2024 (revenue in the listed months only).
//   A1: 2022-03 1000, 2023-03 1000, 2024-03 1200   retained, expands
//   A2: 2023-05 2000, 2024-05 1500                 new in 2023, contracts in 2024
//   A3: 2023-06 500                                new in 2023, churns in 2024
//   A4: 2022-01 800, 2024-07 900                   churns in 2023, reactivated in 2024
//   A5: 2024-02 3000                               new in 2024
//   A6: 2022-12 100                                churns in 2023
const ROWS: MonthlyRevenue[] = [
  { accountId: 1, month: '2022-03', revenue: 1000 },
  { accountId: 1, month: '2023-03', revenue: 1000 },
  { accountId: 1, month: '2024-03', revenue: 1200 },
  { accountId: 2, month: '2023-05', revenue: 2000 },
  { accountId: 2, month: '2024-05', revenue: 1500 },
  { accountId: 3, month: '2023-06', revenue: 500 },
  { accountId: 4, month: '2022-01', revenue: 800 },
  { accountId: 4, month: '2024-07', revenue: 900 },
  { accountId: 5, month: '2024-02', revenue: 3000 },
  { accountId: 6, month: '2022-12', revenue: 100 },
];

describe('measureRetention', () => {
  const summary = measureRetention(ROWS, { asOf: '2024-12-31' });

  it('measures calendar 2024 against 2023 (cohort A1, A2, A3: 3,500 starting revenue)', () => {
    const y2024 = summary.byYear.find((w) => w.period === '2024');
    expect(y2024).toMatchObject({
      current: { from: '2024-01', to: '2024-12' },
      previous: { from: '2023-01', to: '2023-12' },
      startingCustomers: 3,
      retainedCustomers: 2,
      churnedCustomers: 1, // A3
      newCustomers: 1, // A5
      reactivatedCustomers: 1, // A4: back after a year away, not new
      activeCustomers: 4,
      startingRevenue: 3500,
      cohortRevenue: 2700, // 1200 + 1500
      retainedRevenue: 2500, // min(1200, 1000) + min(1500, 2000)
      expansionRevenue: 200,
      contractionRevenue: 500,
      churnedRevenue: 500,
      newRevenue: 3000,
      reactivatedRevenue: 900,
      totalRevenue: 6600,
      logoChurnRate: 1 / 3,
    });
    expect(y2024?.grossRevenueRetention).toBeCloseTo(2500 / 3500, 12);
    expect(y2024?.netRevenueRetention).toBeCloseTo(2700 / 3500, 12);
  });

  it('measures calendar 2023 against 2022 (A4 and A6 churn, A2 and A3 are new)', () => {
    expect(summary.byYear.map((w) => w.period)).toEqual(['2023', '2024']);
    expect(summary.byYear[0]).toMatchObject({
      startingCustomers: 3,
      startingRevenue: 1900,
      retainedRevenue: 1000,
      churnedCustomers: 2,
      churnedRevenue: 900,
      newCustomers: 2,
      newRevenue: 2500,
      reactivatedCustomers: 0,
      logoChurnRate: 2 / 3,
    });
    expect(summary.byYear[0]?.grossRevenueRetention).toBeCloseTo(1000 / 1900, 12);
  });

  it('gives trailing-12-month windows for each month with 24 months of history', () => {
    // data starts 2022-01: the first full pair of windows ends 2023-12
    expect(summary.byMonth.map((w) => w.period)).toEqual([
      '2023-12',
      '2024-01',
      '2024-02',
      '2024-03',
      '2024-04',
      '2024-05',
      '2024-06',
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
    ]);
    // window ending 2024-06: previous 2022-07..2023-06 holds A1 1000, A2 2000, A3 500, A6 100
    const june = summary.byMonth.find((w) => w.period === '2024-06');
    expect(june).toMatchObject({
      startingCustomers: 4,
      startingRevenue: 3600,
      retainedRevenue: 2500,
      cohortRevenue: 2700,
      churnedCustomers: 2, // A3, A6
      newCustomers: 1, // A5
      reactivatedCustomers: 0, // A4 returns only in 2024-07
      totalRevenue: 5700, // 1200 + 1500 + 3000
    });
    expect(june?.netRevenueRetention).toBeCloseTo(0.75, 12);
    expect(summary.latest).toEqual(
      summary.byYear[1] && { ...summary.byYear[1], period: '2024-12' },
    );
  });

  it('states the growth arithmetic: ARR × (1 − GRR) = 6,600 × 1,000 / 3,500', () => {
    expect(summary.growth).toMatchObject({
      currentArr: 6600,
      newRevenueNeeded: 1885.71,
    });
    expect(summary.growth?.formula).toMatch(/current ARR × \(1 − GRR\)/);
    expect(summary.definitions.join('\n')).toMatch(/reactivated \(not new\)/);
  });

  it('ends windows at the last complete month and ignores revenue after asOf', () => {
    const later = measureRetention([...ROWS, { accountId: 3, month: '2025-01', revenue: 700 }], {
      asOf: '2025-01-15',
    });
    expect(later.throughMonth).toBe('2024-12');
    expect(later.latest).toEqual(summary.latest);
  });

  it('reports no windows without 24 months of history', () => {
    const short = measureRetention(ROWS, { asOf: '2023-12-30' }); // December 2023 not yet complete
    expect(short.byMonth).toHaveLength(0);
    expect(short.byYear).toHaveLength(0);
    expect(short.latest).toBeNull();
    expect(short.growth).toBeNull();
    expect(measureRetention([], { asOf: '2024-12-31' }).latest).toBeNull();
  });
});
