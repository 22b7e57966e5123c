import {
  assertIsoDate,
  lastCompleteMonth,
  monthIndex,
  monthLabel,
  quarterLabel,
} from './calendar-months.ts';
import { indexRevenue, revenueBetween, type RevenueIndex } from './index-revenue.ts';
import type { MonthlyRevenue } from './lifecycle-records.ts';

/** Cohorts and periods are calendar years or calendar quarters. */
export type CohortGranularity = 'year' | 'quarter';

/** Options of {@link measureCohortRetention}; each field documents its default. */
export type CohortOptions = {
  /** The workspace's "today", ISO YYYY-MM-DD: revenue of later months is ignored. */
  asOf: string;
  /** Cohort and period length (default 'year'). */
  granularity?: CohortGranularity;
};

export type CohortCell = {
  /** The calendar period (YYYY or YYYY-Qn). */
  period: string;
  /** Periods since the cohort's own (0 = the period of first revenue). */
  offset: number;
  /** Cohort accounts with revenue in this period. */
  active: number;
  /** active / cohort size (0..1). */
  share: number;
  /** The period is not over on asOf: the share may still rise. */
  partial: boolean;
};

export type CohortRow = {
  /** The period of the accounts' first revenue (YYYY or YYYY-Qn). */
  cohort: string;
  size: number;
  /** The cohort starts within the data's first 12 months: it mixes in customers from before the data begins (see isLeftCensored). */
  leftCensored: boolean;
  cells: CohortCell[];
};

export type CohortHeatMap = {
  asOf: string;
  granularity: CohortGranularity;
  /** Every period from the first cohort's to asOf's, oldest first. */
  periods: string[];
  cohorts: CohortRow[];
  definitions: string[];
};

/**
 * Cohort retention heat map from invoiced revenue per account and month: cohort = calendar
 * year (or quarter) of an account's first positive revenue; each cell = share of the cohort
 * with revenue in a later period (returning customers count again, so shares need not fall).
 * Throws ModelInputError for a malformed asOf or month.
 */
export function measureCohortRetention(
  rows: readonly MonthlyRevenue[],
  options: CohortOptions,
): CohortHeatMap {
  const { asOf } = options;
  assertIsoDate('measureCohortRetention', asOf);
  const granularity = options.granularity ?? 'year';
  const index = indexRevenue(rows, asOf);
  const calendar = periodCalendar(granularity);
  const lastPeriod = calendar.periodOf(monthIndex(asOf));
  const complete = calendar.periodOf(lastCompleteMonth(asOf) + 1) > lastPeriod;
  const members = groupCohorts(index, calendar);
  const firstPeriod = Math.min(...members.keys());
  const cohorts: CohortRow[] = [...members.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cohort, accounts]) => ({
      cohort: calendar.label(cohort),
      size: accounts.length,
      leftCensored: isLeftCensored(index, calendar.months(cohort).from),
      cells: range(cohort, lastPeriod).map((period) => {
        const months = calendar.months(period);
        const active = accounts.filter((a) => revenueBetween(index, a, months) > 0).length;
        return {
          period: calendar.label(period),
          offset: period - cohort,
          active,
          share: active / accounts.length,
          partial: period === lastPeriod && !complete,
        };
      }),
    }));
  return {
    asOf,
    granularity,
    periods: members.size === 0 ? [] : range(firstPeriod, lastPeriod).map(calendar.label),
    cohorts,
    definitions: [
      `cohort: the calendar ${granularity} of an account's first invoiced revenue`,
      `cell: share of the cohort's accounts with revenue in that ${granularity} (customers who return count again)`,
      `partial: the ${granularity} is not over on asOf`,
      "left-censored: the cohort starts within the data's first 12 months, so it mixes in customers from before the data begins who are billed once a year",
    ],
  };
}

/** Survivor counts of one cohort year (see {@link countCohortSurvivors}). */
export type CohortSurvivors = {
  /** First and last month (YYYY-MM) of the cohort year: the accounts whose first revenue falls in it. */
  from: string;
  to: string;
  /** The cohort year starts within the data's first 12 months (see {@link isLeftCensored}). */
  leftCensored: boolean;
  /** survivors[t]: accounts with revenue in year t of the cohort (t = 0: the cohort year) or later, up to asOf. */
  survivors: number[];
};

/**
 * Yearly survivor counts per cohort for the shifted-beta-geometric model. Years are the
 * 12-month periods ending with the last complete month on asOf (so every counted year is
 * complete); a cohort is the accounts whose first revenue falls in one such year. An account
 * is alive in year t when it has revenue in year t or later, up to asOf (a gap followed by a
 * return is not a loss, so the counts never rise). Oldest cohort first.
 */
export function countCohortSurvivors(
  rows: readonly MonthlyRevenue[],
  asOf: string,
): CohortSurvivors[] {
  assertIsoDate('countCohortSurvivors', asOf);
  const index = indexRevenue(rows, asOf);
  const through = lastCompleteMonth(asOf);
  // year k back from `through`: months [through − 12k − 11, through − 12k]; −1 = months after it
  const yearOf = (month: number): number => Math.floor((through - month) / 12);
  const cohorts = new Map<number, number[]>();
  for (const account of index.accounts) {
    if (account.firstMonth === null || account.firstMonth > through) continue;
    const cohort = yearOf(account.firstMonth);
    let lastActive = cohort;
    for (let year = cohort - 1; year >= -1; year -= 1) {
      const window =
        year >= 0
          ? { from: through - 12 * year - 11, to: through - 12 * year }
          : { from: through + 1, to: through + 12 };
      if (revenueBetween(index, account, window) > 0) lastActive = year;
    }
    const list = cohorts.get(cohort) ?? [];
    list.push(lastActive);
    cohorts.set(cohort, list);
  }
  return [...cohorts.entries()]
    .sort(([a], [b]) => b - a)
    .map(([cohort, lastActive]) => {
      const from = through - 12 * cohort - 11;
      return {
        from: monthLabel(from),
        to: monthLabel(from + 11),
        leftCensored: isLeftCensored(index, from),
        survivors: Array.from(
          { length: cohort + 1 },
          (_, t) => lastActive.filter((last) => last <= cohort - t).length,
        ),
      };
    });
}

/**
 * True when a cohort starting in month `from` starts within the data's first 12 months: a
 * customer from before the data begins who is billed once a year may show its first invoice
 * only then, so such a cohort mixes old customers in with new ones.
 */
export function isLeftCensored(index: RevenueIndex, from: number): boolean {
  return index.firstMonth !== null && from < index.firstMonth + 12;
}

type PeriodCalendar = {
  periodOf: (month: number) => number;
  months: (period: number) => { from: number; to: number };
  label: (period: number) => string;
};

function periodCalendar(granularity: CohortGranularity): PeriodCalendar {
  const length = granularity === 'year' ? 12 : 3;
  return {
    periodOf: (month) => Math.floor(month / length),
    months: (period) => ({ from: period * length, to: period * length + length - 1 }),
    label: (period) => (granularity === 'year' ? String(period) : quarterLabel(period * length)),
  };
}

function groupCohorts(
  index: RevenueIndex,
  calendar: PeriodCalendar,
): Map<number, RevenueIndex['accounts']> {
  const members = new Map<number, RevenueIndex['accounts']>();
  for (const account of index.accounts) {
    if (account.firstMonth === null) continue;
    const cohort = calendar.periodOf(account.firstMonth);
    const list = members.get(cohort) ?? [];
    list.push(account);
    members.set(cohort, list);
  }
  return members;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
