import { assertIsoDate, lastCompleteMonth, monthIndex, quarterLabel } from './calendar-months.ts';
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
  /** The cohort's period holds the data's first month: it mixes in customers from before the data begins. */
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
  const censored = index.firstMonth === null ? null : calendar.periodOf(index.firstMonth);
  const cohorts: CohortRow[] = [...members.entries()]
    .sort(([a], [b]) => a - b)
    .map(([cohort, accounts]) => ({
      cohort: calendar.label(cohort),
      size: accounts.length,
      leftCensored: cohort === censored,
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
      "left-censored: the cohort holds the data's first month, so it includes customers from before the data begins",
    ],
  };
}

/** Counts per cohort year of the accounts alive at the start of each complete year since (see {@link countCohortSurvivors}). */
export type CohortSurvivors = {
  cohort: string;
  leftCensored: boolean;
  /** survivors[t]: accounts with revenue in year t of the cohort (t = 0: its first year) or any later year. */
  survivors: number[];
};

/**
 * Yearly survivor counts per cohort for the shifted-beta-geometric model: an account is alive in
 * year t when it has revenue in year t or in any later year up to asOf (a gap followed by a
 * return is not a loss, so the counts never rise). Only complete calendar years are counted.
 */
export function countCohortSurvivors(
  rows: readonly MonthlyRevenue[],
  asOf: string,
): CohortSurvivors[] {
  assertIsoDate('countCohortSurvivors', asOf);
  const index = indexRevenue(rows, asOf);
  const calendar = periodCalendar('year');
  const lastComplete = calendar.periodOf(lastCompleteMonth(asOf) + 1) - 1;
  const lastSeen = calendar.periodOf(monthIndex(asOf));
  const censored = index.firstMonth === null ? null : calendar.periodOf(index.firstMonth);
  return [...groupCohorts(index, calendar).entries()]
    .sort(([a], [b]) => a - b)
    .filter(([cohort]) => cohort <= lastComplete)
    .map(([cohort, accounts]) => {
      const lastActive = accounts.map((account) => {
        let last = cohort;
        for (let period = cohort; period <= lastSeen; period += 1)
          if (revenueBetween(index, account, calendar.months(period)) > 0) last = period;
        return last;
      });
      return {
        cohort: calendar.label(cohort),
        leftCensored: cohort === censored,
        survivors: range(cohort, lastComplete).map(
          (period) => lastActive.filter((last) => last >= period).length,
        ),
      };
    });
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
