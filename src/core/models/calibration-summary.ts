import { ModelInputError } from './model-errors.ts';

/** One purchase: who, on which calendar day (ISO YYYY-MM-DD), for how much (money). */
export type Transaction = { customerId: string; date: string; amount: number };

export type TimeUnit = 'day' | 'week' | 'month';

/** Days per model time unit; a month is a twelfth of a Julian year. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
};

/** A customer's calibration summary for BG/NBD and Gamma-Gamma (times in the summary's unit). */
export type CalibrationCustomer = {
  customerId: string;
  /** Repeat purchase days in calibration (purchase days after the first). */
  x: number;
  /** Time from the first to the last purchase day. */
  tx: number;
  /** Time from the first purchase day to the end of calibration. */
  T: number;
  /** Mean value of the repeat purchase days (money); 0 when x = 0. */
  zbar: number;
  /** First purchase day (ISO). */
  firstPurchase: string;
  /** Purchase days after calibration (the holdout), for validation. */
  holdoutPurchases: number;
};

export type CalibrationSummary = {
  customers: CalibrationCustomer[];
  unit: TimeUnit;
  /** Last day of calibration (ISO, inclusive). */
  until: string;
  /** Transactions read, and purchase days left after merging same-day purchases of a customer. */
  transactions: number;
  purchaseDays: number;
  /** Customers whose first purchase is after `until` (not in `customers`). */
  customersAfterUntil: number;
  /** Holdout length, from the day after `until` to the last transaction, in the summary's unit (0 without holdout). */
  holdoutLength: number;
};

/** Options of {@link summarizeTransactions}; each field documents its default. */
export type SummarizeOptions = {
  /** Last day of the calibration period, ISO YYYY-MM-DD (default: the last transaction's day). */
  until?: string;
  /** Time unit of x's companions t_x and T (default 'week'). */
  unit?: TimeUnit;
};

/**
 * Builds the BG/NBD calibration summary (Fader, Hardie & Lee 2005, Marketing Science
 * 24(2), section 2): same-day purchases of a customer merge into one purchase day;
 * x = purchase days after the first up to `until` (inclusive), t_x = (last − first),
 * T = (until − first), both in `unit`; zbar = mean value of the repeat purchase days.
 * Throws ModelInputError on an empty list, a malformed date or a non-finite amount.
 */
export function summarizeTransactions(
  transactions: readonly Transaction[],
  options: SummarizeOptions = {},
): CalibrationSummary {
  const fn = 'summarizeTransactions';
  if (transactions.length === 0) throw new ModelInputError(fn, 'no transactions');
  const unit = options.unit ?? 'week';
  const daysPerUnit = DAYS_PER_UNIT[unit];
  // per customer: day number → amount spent that day
  const byCustomer = new Map<string, Map<number, number>>();
  let lastDay = Number.NEGATIVE_INFINITY;
  transactions.forEach((t, i) => {
    const day = dayNumber(t.date);
    if (day === null)
      throw new ModelInputError(
        fn,
        `transaction ${i}: date "${t.date}" is not a calendar date YYYY-MM-DD`,
      );
    if (!Number.isFinite(t.amount))
      throw new ModelInputError(fn, `transaction ${i}: amount ${t.amount} is not finite`);
    let days = byCustomer.get(t.customerId);
    if (!days) {
      days = new Map();
      byCustomer.set(t.customerId, days);
    }
    days.set(day, (days.get(day) ?? 0) + t.amount);
    if (day > lastDay) lastDay = day;
  });
  let untilDay = lastDay;
  if (options.until !== undefined) {
    const parsed = dayNumber(options.until);
    if (parsed === null)
      throw new ModelInputError(fn, `until "${options.until}" is not a calendar date YYYY-MM-DD`);
    untilDay = parsed;
  }

  const customers: CalibrationCustomer[] = [];
  let purchaseDays = 0;
  let customersAfterUntil = 0;
  for (const [customerId, days] of byCustomer) {
    purchaseDays += days.size;
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0] ?? 0;
    if (first > untilDay) {
      customersAfterUntil += 1;
      continue;
    }
    let x = 0;
    let last = first;
    let repeatValue = 0;
    let holdoutPurchases = 0;
    for (const day of sorted) {
      if (day === first) continue;
      if (day <= untilDay) {
        x += 1;
        last = day;
        repeatValue += days.get(day) ?? 0;
      } else {
        holdoutPurchases += 1;
      }
    }
    customers.push({
      customerId,
      x,
      tx: (last - first) / daysPerUnit,
      T: (untilDay - first) / daysPerUnit,
      zbar: x > 0 ? repeatValue / x : 0,
      firstPurchase: isoDate(first),
      holdoutPurchases,
    });
  }
  return {
    customers,
    unit,
    until: isoDate(untilDay),
    transactions: transactions.length,
    purchaseDays,
    customersAfterUntil,
    holdoutLength: Math.max(0, lastDay - untilDay) / daysPerUnit,
  };
}

/** Days since 1970-01-01 of an ISO calendar date YYYY-MM-DD, or null when it is not one. */
export function dayNumber(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day
  )
    return null;
  return ms / 86_400_000;
}

/** ISO calendar date YYYY-MM-DD of a day number (days since 1970-01-01). */
export function isoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
