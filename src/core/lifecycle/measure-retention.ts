import { assertIsoDate, lastCompleteMonth, monthLabel, ratio } from './calendar-months.ts';
import { indexRevenue, revenueBetween, type RevenueIndex } from './index-revenue.ts';
import type { MonthlyRevenue } from './lifecycle-records.ts';

/** Options of {@link measureRetention}. */
export type RetentionOptions = {
  /** The workspace's "today", ISO YYYY-MM-DD: revenue of later months is ignored. */
  asOf: string;
};

/**
 * Retention of one current window (12 months) against the 12 months before it. The starting
 * cohort is every account with revenue in the previous window; money in the workspace currency.
 */
export type RetentionWindow = {
  /** 'YYYY-MM' for the trailing 12 months ending that month, 'YYYY' for a calendar year. */
  period: string;
  /** First and last month (YYYY-MM) of the current and of the previous window. */
  current: { from: string; to: string };
  previous: { from: string; to: string };
  startingCustomers: number;
  retainedCustomers: number;
  /** Logo churn: starting customers with no revenue in the current window. */
  churnedCustomers: number;
  /** First revenue ever in the current window. */
  newCustomers: number;
  /** Revenue in the current window, none in the previous one, some before it (counted as churned when they left). */
  reactivatedCustomers: number;
  /** Customers with revenue in the current window (retained + new + reactivated). */
  activeCustomers: number;
  /** The starting cohort's revenue in the previous window. */
  startingRevenue: number;
  /** The starting cohort's revenue in the current window. */
  cohortRevenue: number;
  /** Σ min(current, previous) over the starting cohort: revenue kept, expansion excluded. */
  retainedRevenue: number;
  expansionRevenue: number;
  contractionRevenue: number;
  churnedRevenue: number;
  newRevenue: number;
  reactivatedRevenue: number;
  /** All revenue in the current window. */
  totalRevenue: number;
  /** retainedRevenue / startingRevenue (0..1); null without a starting cohort. */
  grossRevenueRetention: number | null;
  /** cohortRevenue / startingRevenue; null without a starting cohort. */
  netRevenueRetention: number | null;
  /** churnedCustomers / startingCustomers (0..1); null without a starting cohort. */
  logoChurnRate: number | null;
};

/** The growth arithmetic: how much new revenue the next 12 months need just to stay flat. */
export type GrowthArithmetic = {
  /** Current annual recurring revenue, taken as invoiced revenue in the trailing 12 months. */
  currentArr: number;
  grossRevenueRetention: number;
  /** currentArr × (1 − grossRevenueRetention). */
  newRevenueNeeded: number;
  formula: string;
};

export type RetentionSummary = {
  asOf: string;
  /** Last complete month on asOf (YYYY-MM): trailing windows end there. */
  throughMonth: string;
  /** The trailing 12 months ending throughMonth; null with less than 24 months of revenue history. */
  latest: RetentionWindow | null;
  /** Trailing-12-month windows ending in each month with 24 months of history before it, oldest first. */
  byMonth: RetentionWindow[];
  /** Complete calendar years whose previous year is fully covered by the data, oldest first. */
  byYear: RetentionWindow[];
  growth: GrowthArithmetic | null;
  definitions: string[];
};

/**
 * Logo churn, gross and net revenue retention by month (trailing 12 months against the 12
 * months before) and by calendar year, from invoiced revenue per account and month. GRR =
 * Σ min(current, previous) / Σ previous and NRR = Σ current / Σ previous over the accounts with
 * revenue in the previous window (the usual SaaS definitions, e.g. KeyBanc SaaS survey); a
 * customer who stops and later returns is churned when it stops and reactivated (not new)
 * when it returns. Growth arithmetic: new revenue needed to stay flat = ARR × (1 − GRR).
 * Throws ModelInputError for a malformed asOf or month.
 */
export function measureRetention(
  rows: readonly MonthlyRevenue[],
  options: RetentionOptions,
): RetentionSummary {
  const { asOf } = options;
  assertIsoDate('measureRetention', asOf);
  const index = indexRevenue(rows, asOf);
  const through = lastCompleteMonth(asOf);
  const byMonth: RetentionWindow[] = [];
  const byYear: RetentionWindow[] = [];
  if (index.firstMonth !== null) {
    for (let month = index.firstMonth + 23; month <= through; month += 1) {
      byMonth.push(measureWindow(index, { period: monthLabel(month), to: month }));
    }
    const firstYear = Math.ceil(index.firstMonth / 12) + 1;
    for (let year = firstYear; year * 12 + 11 <= through; year += 1) {
      byYear.push(measureWindow(index, { period: String(year), to: year * 12 + 11 }));
    }
  }
  const latest = byMonth[byMonth.length - 1] ?? null;
  const grr = latest?.grossRevenueRetention ?? null;
  const growth: GrowthArithmetic | null =
    latest && grr !== null
      ? {
          currentArr: latest.totalRevenue,
          grossRevenueRetention: grr,
          newRevenueNeeded: roundCents(latest.totalRevenue * (1 - grr)),
          formula:
            'new revenue needed in the next 12 months to stay flat = current ARR × (1 − GRR), with current ARR = revenue invoiced in the trailing 12 months',
        }
      : null;
  return {
    asOf,
    throughMonth: monthLabel(through),
    latest,
    byMonth,
    byYear,
    growth,
    definitions: [
      'periods are calendar months; trailing windows end with the last complete month on asOf',
      'starting cohort: accounts with revenue in the previous 12 months (or previous calendar year)',
      'GRR = Σ min(current, previous) / Σ previous over the starting cohort (expansion excluded, at most 100%)',
      'NRR = Σ current / Σ previous over the starting cohort (new and reactivated customers excluded)',
      'logo churn = starting customers with no revenue in the current 12 months / starting customers',
      'a customer who stops buying and later returns counts as churned in the window it left and as reactivated (not new) when it returns',
      'new revenue needed to stay flat = current ARR × (1 − GRR); current ARR = revenue invoiced in the trailing 12 months',
    ],
  };
}

function measureWindow(
  index: RevenueIndex,
  window: { period: string; to: number },
): RetentionWindow {
  const current = { from: window.to - 11, to: window.to };
  const previous = { from: window.to - 23, to: window.to - 12 };
  const w = {
    startingCustomers: 0,
    retainedCustomers: 0,
    churnedCustomers: 0,
    newCustomers: 0,
    reactivatedCustomers: 0,
    startingRevenue: 0,
    cohortRevenue: 0,
    retainedRevenue: 0,
    expansionRevenue: 0,
    contractionRevenue: 0,
    churnedRevenue: 0,
    newRevenue: 0,
    reactivatedRevenue: 0,
    totalRevenue: 0,
  };
  for (const account of index.accounts) {
    const now = revenueBetween(index, account, current);
    const before = revenueBetween(index, account, previous);
    w.totalRevenue += now;
    if (before > 0) {
      w.startingCustomers += 1;
      w.startingRevenue += before;
      w.cohortRevenue += now;
      w.retainedRevenue += Math.max(0, Math.min(now, before));
      if (now > 0) {
        w.retainedCustomers += 1;
        if (now > before) w.expansionRevenue += now - before;
        else w.contractionRevenue += before - now;
      } else {
        w.churnedCustomers += 1;
        w.churnedRevenue += before;
      }
    } else if (now > 0) {
      if (account.firstMonth !== null && account.firstMonth >= current.from) {
        w.newCustomers += 1;
        w.newRevenue += now;
      } else {
        w.reactivatedCustomers += 1;
        w.reactivatedRevenue += now;
      }
    }
  }
  const money = Object.fromEntries(
    Object.entries(w).map(([key, value]) => [
      key,
      key.endsWith('Revenue') ? roundCents(value) : value,
    ]),
  ) as typeof w;
  return {
    period: window.period,
    current: { from: monthLabel(current.from), to: monthLabel(current.to) },
    previous: { from: monthLabel(previous.from), to: monthLabel(previous.to) },
    ...money,
    activeCustomers: w.retainedCustomers + w.newCustomers + w.reactivatedCustomers,
    grossRevenueRetention: ratio(w.retainedRevenue, w.startingRevenue),
    netRevenueRetention: ratio(w.cohortRevenue, w.startingRevenue),
    logoChurnRate: ratio(w.churnedCustomers, w.startingCustomers),
  };
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}
