import { describe, expect, it } from 'vitest';
import type { MonthlyRevenue } from './lifecycle-records.ts';
import { countCohortSurvivors, measureCohortRetention } from './measure-cohort-retention.ts';

// The fixture of measure-retention.test.ts: cohorts by first revenue are
//   2022: A4 (2022-01), A1 (2022-03), A6 (2022-12)   2023: A2, A3   2024: A5
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

describe('measureCohortRetention by year', () => {
  const map = measureCohortRetention(ROWS, { asOf: '2024-12-31' });

  it('gives each cohort the share of its accounts with revenue in each later year', () => {
    expect(map.periods).toEqual(['2022', '2023', '2024']);
    expect(
      map.cohorts.map((c) => [c.cohort, c.size, c.leftCensored, c.cells.map((x) => x.active)]),
    ).toEqual([
      ['2022', 3, true, [3, 1, 2]], // A1 stays; A4 returns in 2024, so the share rises again
      ['2023', 2, false, [2, 1]],
      ['2024', 1, false, [1]],
    ]);
    expect(map.cohorts[0]?.cells.map((x) => x.share)).toEqual([1, 1 / 3, 2 / 3]);
    expect(map.cohorts[0]?.cells.every((x) => !x.partial)).toBe(true);
  });

  it('marks the year of asOf as partial until its last day', () => {
    const partial = measureCohortRetention(ROWS, { asOf: '2024-12-30' });
    expect(partial.cohorts[0]?.cells.map((x) => x.partial)).toEqual([false, false, true]);
  });
});

describe('measureCohortRetention by quarter', () => {
  it('uses calendar quarters for cohorts and periods', () => {
    const map = measureCohortRetention(ROWS, { asOf: '2024-12-31', granularity: 'quarter' });
    expect(map.periods).toHaveLength(12); // 2022-Q1 .. 2024-Q4
    const q1 = map.cohorts[0];
    expect(q1).toMatchObject({ cohort: '2022-Q1', size: 2, leftCensored: true }); // A4, A1
    // cohorts starting within the data's first 12 months (2022-01..2022-12) are left-censored
    expect(map.cohorts.map((c) => c.leftCensored)).toEqual([true, true, false, false]);
    const active = (offset: number): number | undefined => q1?.cells[offset]?.active;
    expect([active(0), active(1), active(4), active(8), active(10)]).toEqual([2, 0, 1, 1, 1]);
    expect(q1?.cells[10]?.period).toBe('2024-Q3'); // A4's return
    expect(map.cohorts.map((c) => c.cohort)).toEqual(['2022-Q1', '2022-Q4', '2023-Q2', '2024-Q1']);
  });
});

describe('countCohortSurvivors', () => {
  it('counts accounts alive (revenue then or later) in each year of their cohort', () => {
    // asOf 2024-12-31: the years are the calendar years
    expect(countCohortSurvivors(ROWS, '2024-12-31')).toEqual([
      { from: '2022-01', to: '2022-12', leftCensored: true, survivors: [3, 2, 2] }, // A6 lost after 2022; A4's gap is not a loss
      { from: '2023-01', to: '2023-12', leftCensored: false, survivors: [2, 1] },
      { from: '2024-01', to: '2024-12', leftCensored: false, survivors: [1] },
    ]);
  });

  it('ends the years with the last complete month, and lets later revenue keep an account alive', () => {
    // asOf 2024-07-15: years run July..June; A4's purchase in July 2024 keeps it alive
    expect(countCohortSurvivors(ROWS, '2024-07-15')).toEqual([
      { from: '2021-07', to: '2022-06', leftCensored: true, survivors: [2, 2, 2] }, // A4, A1
      { from: '2022-07', to: '2023-06', leftCensored: true, survivors: [3, 1] }, // A6, A2, A3
      { from: '2023-07', to: '2024-06', leftCensored: false, survivors: [1] }, // A5
    ]);
  });
});
