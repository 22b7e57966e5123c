import { assertIsoDate, monthIndex } from './calendar-months.ts';
import type { MonthlyRevenue } from './lifecycle-records.ts';

/** One account's monthly revenue as prefix sums, so any window's total is two lookups. */
export type AccountRevenue = {
  accountId: number;
  /** First month index with positive revenue, or null (credit notes alone do not make a customer). */
  firstMonth: number | null;
  /** prefix[i] = revenue of months base .. base + i − 1 (money). */
  prefix: Float64Array;
};

/** Monthly revenue per account over months base .. lastMonth (month index = year × 12 + month − 1). */
export type RevenueIndex = {
  accounts: AccountRevenue[];
  /** First and last month index with any revenue row; null when there are none. */
  firstMonth: number | null;
  lastMonth: number | null;
};

/**
 * Indexes monthly revenue rows dated on or before asOf's month (later rows are ignored, so a
 * caller cannot leak the future by accident). Rows of the same account and month are summed.
 * Throws ModelInputError for a malformed asOf or month.
 */
export function indexRevenue(rows: readonly MonthlyRevenue[], asOf: string): RevenueIndex {
  assertIsoDate('indexRevenue', asOf);
  const limit = monthIndex(asOf);
  const kept: { accountId: number; month: number; revenue: number }[] = [];
  let firstMonth: number | null = null;
  let lastMonth: number | null = null;
  for (const row of rows) {
    const month = monthIndex(row.month);
    if (month > limit || !Number.isFinite(row.revenue)) continue;
    kept.push({ accountId: row.accountId, month, revenue: row.revenue });
    firstMonth = firstMonth === null ? month : Math.min(firstMonth, month);
    lastMonth = lastMonth === null ? month : Math.max(lastMonth, month);
  }
  if (firstMonth === null || lastMonth === null) return { accounts: [], firstMonth, lastMonth };
  const base = firstMonth;
  const span = lastMonth - firstMonth + 1;
  const monthly = new Map<number, Float64Array>();
  for (const row of kept) {
    let months = monthly.get(row.accountId);
    if (!months) {
      months = new Float64Array(span);
      monthly.set(row.accountId, months);
    }
    months[row.month - base] = (months[row.month - base] ?? 0) + row.revenue;
  }
  const accounts: AccountRevenue[] = [];
  for (const [accountId, months] of monthly) {
    const prefix = new Float64Array(span + 1);
    let first: number | null = null;
    months.forEach((revenue, i) => {
      prefix[i + 1] = (prefix[i] ?? 0) + revenue;
      if (first === null && revenue > 0) first = base + i;
    });
    accounts.push({ accountId, firstMonth: first, prefix });
  }
  accounts.sort((a, b) => a.accountId - b.accountId);
  return { accounts, firstMonth, lastMonth };
}

/**
 * An account's revenue over the month indexes [from, to], inclusive (money, rounded to cents so
 * that prefix-sum noise never reads as revenue); 0 outside the data.
 */
export function revenueBetween(
  index: RevenueIndex,
  account: AccountRevenue,
  window: { from: number; to: number },
): number {
  const base = index.firstMonth ?? 0;
  const size = account.prefix.length - 1;
  const lo = Math.min(size, Math.max(0, window.from - base));
  const hi = Math.min(size, Math.max(0, window.to - base + 1));
  return hi > lo
    ? Math.round(((account.prefix[hi] ?? 0) - (account.prefix[lo] ?? 0)) * 100) / 100
    : 0;
}
