import { describe, expect, it } from 'vitest';
import type {
  CompetitorSightingRecord,
  ContractRecord,
  InvoiceRecord,
  MonthlyRevenue,
} from './lifecycle-records.ts';
import { summarizeRenewals, type RenewalInputs } from './summarize-renewals.ts';

let nextId = 1;
function term(
  accountId: number,
  fields: { start: string; end: string; renewal?: string; family?: number; value: number },
): ContractRecord {
  const id = nextId++;
  return {
    id,
    externalId: `c${id}`,
    accountId,
    accountName: `Account ${accountId}`,
    productFamilyId: fields.family ?? 1,
    kind: 'term',
    status: 'active',
    startDate: fields.start,
    endDate: fields.end,
    renewalDate: fields.renewal ?? null,
    annualValue: fields.value,
  };
}

const monthly = (accountId: number, months: string[], revenue: number): MonthlyRevenue[] =>
  months.map((month) => ({ accountId, month, revenue }));
const H2_2023 = ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'];
const H1_2024 = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

// Hand-built fixture, asOf 2024-06-30 (a month end: the last complete month is June 2024).
const ASOF = '2024-06-30';
const C1 = term(1, { start: '2023-07-01', end: '2024-06-30', value: 12000 }); // due 2024-07-01 (end + 1)
const C7 = term(1, {
  start: '2023-07-20',
  end: '2024-07-19',
  renewal: '2024-07-20',
  family: 2,
  value: 8000,
});
const C2 = term(2, { start: '2022-07-01', end: '2025-06-29', renewal: '2025-06-30', value: 30000 }); // due on the last day of the window
const C3 = term(3, { start: '2022-07-01', end: '2025-06-30', renewal: '2025-07-01', value: 9000 }); // a day too late
const C4 = term(4, { start: '2023-07-01', end: '2024-06-29', renewal: '2024-06-30', value: 9000 }); // due on asOf: not upcoming
const C5 = term(5, { start: '2023-08-01', end: '2024-07-31', value: 9000 }); // renewed early by C5b
const C5b = term(5, { start: '2024-06-01', end: '2025-05-31', value: 15000 }); // due 2025-06-01
const C6 = term(6, { start: '2024-07-10', end: '2025-07-09', renewal: '2024-12-01', value: 9000 }); // starts after asOf
const C8 = term(8, { start: '2023-12-15', end: '2024-12-14', value: 5000 }); // due 2024-12-15, no signal
const PILOT: ContractRecord = {
  ...term(9, { start: '2024-06-01', end: '2024-07-15', value: 2400 }),
  kind: 'pilot',
};

const INPUTS: RenewalInputs = {
  contracts: [C1, C7, C2, C3, C4, C5, C5b, C6, C8, PILOT],
  revenue: [
    ...monthly(1, H2_2023, 1000), // 6,000 before
    ...monthly(1, H1_2024, 790), // 4,740 < 80% of 6,000 = 4,800 → falling
    { accountId: 1, month: '2024-07', revenue: 100_000 }, // after asOf: ignored
    ...monthly(2, H2_2023, 1000),
    ...monthly(2, H1_2024, 800), // exactly 80%: not falling
  ],
  sightings: [
    { accountId: 2, competitor: 'Acme', seenOn: '2023-07-01' }, // inside (2023-06-30, 2024-06-30]
    { accountId: 2, competitor: 'Acme', seenOn: '2023-06-30' }, // 12 months ago to the day: outside
    { accountId: 8, competitor: 'Acme', seenOn: '2024-07-01' }, // after asOf
  ] satisfies CompetitorSightingRecord[],
  invoices: [
    {
      accountId: 5,
      issuedOn: '2024-04-01',
      dueOn: '2024-05-01',
      paidOn: '2024-07-05',
      amount: 2500,
    }, // unpaid on asOf
    { accountId: 5, issuedOn: '2024-05-31', dueOn: '2024-06-30', paidOn: null, amount: 700 }, // due on asOf: not overdue
    {
      accountId: 5,
      issuedOn: '2024-04-01',
      dueOn: '2024-05-01',
      paidOn: '2024-06-20',
      amount: 900,
    }, // paid
    { accountId: 8, issuedOn: '2024-07-01', dueOn: '2024-07-02', paidOn: null, amount: 100 }, // after asOf
  ] satisfies InvoiceRecord[],
};

describe('summarizeRenewals', () => {
  const scores = new Map([
    [1, 40], // not below 40
    [5, 35],
  ]);
  const summary = summarizeRenewals(INPUTS, { asOf: ASOF, behaviorScores: scores });
  const byContract = (c: ContractRecord) => summary.renewals.find((r) => r.contractId === c.id);

  it('lists term contracts renewing after asOf up to 12 months ahead, in date order', () => {
    expect(summary.until).toBe('2025-06-30');
    expect(summary.renewals.map((r) => [r.externalId, r.renewalDate])).toEqual([
      [C1.externalId, '2024-07-01'],
      [C7.externalId, '2024-07-20'],
      [C8.externalId, '2024-12-15'],
      [C5b.externalId, '2025-06-01'],
      [C2.externalId, '2025-06-30'],
    ]);
  });

  it('flags each renewal’s risk signals', () => {
    expect(byContract(C1)).toMatchObject({
      spendLast6Months: 4740,
      spendPrevious6Months: 6000,
      signals: ['falling_spend'],
      behaviorScore: 40,
      risk: 'medium',
    });
    expect(byContract(C2)).toMatchObject({
      spendLast6Months: 4800,
      competitorSightings: 1,
      signals: ['competitor'],
      risk: 'medium',
    });
    expect(byContract(C5b)).toMatchObject({
      overdueInvoices: 1,
      overdueAmount: 2500,
      behaviorScore: 35,
      signals: ['overdue_invoices', 'low_behavior'],
      risk: 'high',
    });
    expect(byContract(C8)).toMatchObject({ signals: [], risk: 'low', behaviorScore: null });
  });

  it('groups renewals by month over the 12 months after asOf', () => {
    expect(summary.months.map((m) => m.month)).toEqual([
      '2024-07',
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
    ]);
    expect(summary.months[0]).toEqual({
      month: '2024-07',
      contracts: 2,
      valueAtStake: 20000,
      atRisk: 2,
      valueAtRisk: 20000,
    });
    expect(summary.months[5]).toEqual({
      month: '2024-12',
      contracts: 1,
      valueAtStake: 5000,
      atRisk: 0,
      valueAtRisk: 0,
    });
    expect(summary.months[11]).toEqual({
      month: '2025-06',
      contracts: 2,
      valueAtStake: 45000,
      atRisk: 2,
      valueAtRisk: 45000,
    });
    expect(summary.totals).toEqual({
      contracts: 5,
      valueAtStake: 70000,
      atRisk: 4,
      valueAtRisk: 65000,
    });
  });

  it('leaves the behavior signal out when no scores are supplied, and says so', () => {
    const plain = summarizeRenewals(INPUTS, { asOf: ASOF });
    expect(plain.behaviorScoresSupplied).toBe(false);
    expect(plain.renewals.find((r) => r.contractId === C5b.id)).toMatchObject({
      signals: ['overdue_invoices'],
      risk: 'medium',
      behaviorScore: null,
    });
    expect(plain.definitions.join('\n')).toMatch(/low_behavior: not evaluated/);
  });

  it('compares the last 6 complete months when asOf falls mid-month', () => {
    // asOf 2024-07-15: the last complete month is June, so the windows are the same as above
    const mid = summarizeRenewals(INPUTS, { asOf: '2024-07-15' });
    expect(mid.renewals.find((r) => r.contractId === C7.id)).toMatchObject({
      spendLast6Months: 4740,
      signals: ['falling_spend'],
    });
    expect(mid.months[0]?.month).toBe('2024-07');
  });
});
