import { HotspotError } from '../errors.ts';
import {
  fitSbg,
  sbgDiscountedExpectedLifetime,
  sbgDiscountedExpectedResidualLifetime,
  sbgSurvival,
} from '../models/sbg.ts';
import { monthIndex, monthLabel } from './calendar-months.ts';
import { countCohortSurvivors } from './measure-cohort-retention.ts';
import type { MonthlyRevenue } from './lifecycle-records.ts';

/** Options of {@link projectCohortRetention}; each field documents its default. */
export type ProjectionOptions = {
  /** The workspace's "today", ISO YYYY-MM-DD. */
  asOf: string;
  /** Fewest years observed after the cohort year for a fit (default 3). */
  minPeriods?: number;
  /** Years projected beyond the last observed one (default 5). */
  horizon?: number;
  /** Discount rate per year for the expected lifetimes (default 0.10). */
  discountRate?: number;
};

/** One observed or projected year of a cohort: the share of the cohort alive in it (0..1). */
export type SurvivalPoint = {
  /** Years since the cohort year (0 = the cohort year). */
  offset: number;
  /** Last month (YYYY-MM) of that year. */
  through: string;
  survival: number;
};

type CohortBase = {
  /** The cohort year, 'YYYY-MM..YYYY-MM': accounts whose first revenue falls in it. */
  cohort: string;
  size: number;
  /** Complete years observed after the cohort's first. */
  periods: number;
  survivors: number[];
};

export type CohortProjection =
  | (CohortBase & {
      status: 'fitted';
      alpha: number;
      beta: number;
      logLikelihood: number;
      message: string;
      observed: SurvivalPoint[];
      /** S(t) for the next `horizon` years after the last observed one. */
      projected: SurvivalPoint[];
      /** Discounted expected lifetime of a newly acquired customer, in years (payments), first year undiscounted. */
      expectedLifetime: number;
      /** Discounted expected residual lifetime of a cohort customer alive in the last observed year, in years. */
      residualLifetime: number;
    })
  | (CohortBase & { status: 'not_converged'; message: string })
  | (CohortBase & { status: 'skipped'; reason: string });

export type RetentionProjection = {
  asOf: string;
  discountRate: number;
  horizon: number;
  minPeriods: number;
  cohorts: CohortProjection[];
  definitions: string[];
};

/**
 * Fits the shifted-beta-geometric model (Fader & Hardie 2007, "How to project customer
 * retention", J. Interactive Marketing 21(1)) to each yearly cohort's survivor counts (years
 * end with the last complete month on asOf, see countCohortSurvivors), then projects survival
 * `horizon` years ahead and the discounted expected lifetime DEL and residual lifetime DERL at
 * rate d (Fader & Hardie 2010, Marketing Science 29(1)). Cohorts observed for fewer than
 * `minPeriods` years, left-censored cohorts and cohorts where nobody left are skipped with a
 * reason; a fit that does not converge is reported as such, without numbers.
 */
export function projectCohortRetention(
  rows: readonly MonthlyRevenue[],
  options: ProjectionOptions,
): RetentionProjection {
  const minPeriods = options.minPeriods ?? 3;
  const horizon = options.horizon ?? 5;
  const discountRate = options.discountRate ?? 0.1;
  const cohorts = countCohortSurvivors(rows, options.asOf).map((c): CohortProjection => {
    const base: CohortBase = {
      cohort: `${c.from}..${c.to}`,
      size: c.survivors[0] ?? 0,
      periods: c.survivors.length - 1,
      survivors: c.survivors,
    };
    if (c.leftCensored)
      return {
        ...base,
        status: 'skipped',
        reason:
          "left-censored: it starts within the data's first 12 months, so it mixes in customers from before the data begins",
      };
    if (base.periods < minPeriods)
      return {
        ...base,
        status: 'skipped',
        reason: `${base.periods} year(s) observed after the cohort year, ${minPeriods} needed`,
      };
    if (c.survivors[0] === c.survivors[base.periods])
      return { ...base, status: 'skipped', reason: 'nobody left: churn cannot be estimated' };
    return fitCohort(base, { horizon, discountRate });
  });
  return {
    asOf: options.asOf,
    discountRate,
    horizon,
    minPeriods,
    cohorts,
    definitions: [
      'years: the 12-month periods ending with the last complete month on asOf, so every year counted is complete',
      'cohort: the accounts whose first revenue falls in one such year',
      'alive in year t: revenue in year t or any later year up to asOf (a gap followed by a return is not a loss)',
      `fitted on cohorts observed for at least ${minPeriods} years after the cohort year; left-censored cohorts are skipped`,
      'survival S(t) = B(α, β+t) / B(α, β) (Fader & Hardie 2007)',
      `expected lifetime: discounted at ${discountRate} a year, in years, for a new customer (DEL) and for one alive now (DERL) (Fader & Hardie 2010)`,
    ],
  };
}

function fitCohort(
  base: CohortBase,
  options: { horizon: number; discountRate: number },
): CohortProjection {
  let fit: ReturnType<typeof fitSbg>;
  try {
    fit = fitSbg(base.survivors);
  } catch (error) {
    // malformed counts cannot happen by construction; a model error is reported, not thrown
    if (error instanceof HotspotError) return { ...base, status: 'skipped', reason: error.message };
    throw error;
  }
  if (!fit.converged) return { ...base, status: 'not_converged', message: fit.message };
  const end = monthIndex(base.cohort.slice(-7));
  const point = (offset: number, survival: number): SurvivalPoint => ({
    offset,
    through: monthLabel(end + 12 * offset),
    survival,
  });
  return {
    ...base,
    status: 'fitted',
    alpha: fit.alpha,
    beta: fit.beta,
    logLikelihood: fit.logLikelihood,
    message: fit.message,
    observed: base.survivors.map((n, t) => point(t, n / base.size)),
    projected: Array.from({ length: options.horizon }, (_, k) => {
      const t = base.periods + 1 + k;
      return point(t, sbgSurvival(fit, t));
    }),
    expectedLifetime: sbgDiscountedExpectedLifetime(fit, options.discountRate),
    residualLifetime: sbgDiscountedExpectedResidualLifetime(
      fit,
      options.discountRate,
      base.periods,
    ),
  };
}
