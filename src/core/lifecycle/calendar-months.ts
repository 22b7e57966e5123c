import { dayNumber, isoDate } from '../models/calibration-summary.ts';
import { ModelInputError } from '../models/model-errors.ts';

/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) and month indexes (year × 12 + month − 1),
 * matching SQL's `date ± INTERVAL 'n months'` in DuckDB and PostgreSQL (a day past the end
 * of the target month is clamped to its last day: 2024-02-29 − 12 months = 2023-02-28).
 */

/** Throws ModelInputError naming `fn` unless `iso` is a calendar date YYYY-MM-DD; returns its day number. */
export function assertIsoDate(fn: string, iso: string, what = 'asOf'): number {
  const day = dayNumber(iso);
  if (day === null)
    throw new ModelInputError(fn, `${what} "${iso}" is not a calendar date YYYY-MM-DD`);
  return day;
}

/** The date `months` calendar months after `iso` (negative: before), clamped to the month's last day. */
export function addMonths(iso: string, months: number): string {
  const day = assertIsoDate('addMonths', iso, 'date');
  const date = new Date(day * 86_400_000);
  const target = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(target / 12);
  const month = target - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const dayOfMonth = Math.min(date.getUTCDate(), lastDay);
  return isoDate(Date.UTC(year, month, dayOfMonth) / 86_400_000);
}

/** The date `days` days after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
  return isoDate(assertIsoDate('addDays', iso, 'date') + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return assertIsoDate('daysBetween', to, 'date') - assertIsoDate('daysBetween', from, 'date');
}

/** Month index (year × 12 + month − 1) of an ISO date or an ISO month YYYY-MM. */
export function monthIndex(isoDateOrMonth: string): number {
  const match = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec(isoDateOrMonth);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12)
    throw new ModelInputError('monthIndex', `"${isoDateOrMonth}" is not a month YYYY-MM`);
  return Number(match[1]) * 12 + month - 1;
}

/** ISO month YYYY-MM of a month index. */
export function monthLabel(index: number): string {
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String(index - year * 12 + 1).padStart(2, '0')}`;
}

/** Calendar quarter label YYYY-Qn of a month index. */
export function quarterLabel(index: number): string {
  const year = Math.floor(index / 12);
  return `${year}-Q${Math.floor((index - year * 12) / 3) + 1}`;
}

/**
 * Index of the last calendar month that is complete on `asOf`: asOf's own month when asOf is
 * its last day, else the month before. Monthly windows end there so that no window is cut
 * short by a half-observed month.
 */
export function lastCompleteMonth(asOf: string): number {
  const day = assertIsoDate('lastCompleteMonth', asOf);
  const month = monthIndex(asOf);
  return isoDate(day + 1).slice(0, 7) === asOf.slice(0, 7) ? month - 1 : month;
}

/** Median of a list of numbers, or null when it is empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** numerator / denominator, or null when the denominator is not positive (no base to compare with). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}
