import type { AccountScope } from '../core/access.ts';
import { readLatestBehaviorScores } from '../db/score-runs.ts';
import { HotspotError } from '../core/errors.ts';
import {
  measureCohortRetention,
  type CohortGranularity,
  type CohortHeatMap,
} from '../core/lifecycle/measure-cohort-retention.ts';
import { measureRetention, type RetentionSummary } from '../core/lifecycle/measure-retention.ts';
import {
  projectCohortRetention,
  type RetentionProjection,
} from '../core/lifecycle/project-cohort-retention.ts';
import { summarizePilots, type PilotFunnel } from '../core/lifecycle/summarize-pilots.ts';
import { summarizeRenewals, type RenewalSummary } from '../core/lifecycle/summarize-renewals.ts';
import { dayNumber } from '../core/models/calibration-summary.ts';
import {
  loadCompetitorSightings,
  loadContracts,
  loadMonthlyRevenue,
  loadOpenDeals,
  loadOverdueInvoices,
  newestRecordDate,
} from '../db/lifecycle-queries.ts';
import type { Store } from '../db/store.ts';

/*
 * Lifecycle use cases (DESIGN section 5). Each returns a plain, JSON-ready object (no Maps,
 * no class instances, no NaN) that the CLI prints and the HTTP API will serve as is.
 */

/** What every lifecycle report takes; each field documents its default. */
export type LifecycleOptions = {
  /** The day the report is as of, ISO YYYY-MM-DD (default: the workspace's newest dated record). */
  asOf?: string;
  /** The accounts the report is over (default: every account); a manager's are their own. */
  scope?: AccountScope;
};

/** The pilot funnel, conversion and pilots at risk (see summarizePilots). */
export type PilotReport = PilotFunnel;

/** Upcoming renewals by month with value at stake and risk signals (see summarizeRenewals). */
export type RenewalReport = RenewalSummary;

/** Logo churn, GRR / NRR by month and year, and the growth arithmetic (see measureRetention). */
export type ChurnReport = RetentionSummary;

/** The cohort retention heat map and the sBG projection of each yearly cohort. */
export type RetentionReport = {
  asOf: string;
  heatMap: CohortHeatMap;
  projection: RetentionProjection;
};

/** Pilot funnel as of asOf: conversion within `conversionWindowDays` (default 90), at risk within `atRiskDays` (default 30). */
export async function pilotReport(
  store: Store,
  options: LifecycleOptions & { conversionWindowDays?: number; atRiskDays?: number } = {},
): Promise<PilotReport> {
  const asOf = await resolveAsOf(store, options.asOf);
  const { scope } = options;
  const contracts = await loadContracts(store, asOf, scope);
  const deals = await loadOpenDeals(store, asOf, scope);
  return summarizePilots(contracts, deals, {
    asOf,
    conversionWindowDays: options.conversionWindowDays,
    atRiskDays: options.atRiskDays,
  });
}

/**
 * Renewals due in the `months` (default 12) months after asOf, with risk signals. Behavior
 * scores (account id → 0..100) default to the latest scoring run as of asOf or earlier; without
 * one the low-behavior signal is reported as not evaluated.
 */
export async function renewalReport(
  store: Store,
  options: LifecycleOptions & {
    months?: number;
    behaviorScores?: ReadonlyMap<number, number>;
  } = {},
): Promise<RenewalReport> {
  const asOf = await resolveAsOf(store, options.asOf);
  const { scope } = options;
  const contracts = await loadContracts(store, asOf, scope);
  const revenue = await loadMonthlyRevenue(store, asOf, scope);
  const sightings = await loadCompetitorSightings(store, { asOf, months: 12, scope });
  const invoices = await loadOverdueInvoices(store, asOf, scope);
  return summarizeRenewals(
    { contracts, revenue, sightings, invoices },
    {
      asOf,
      months: options.months,
      behaviorScores:
        options.behaviorScores ?? (await readLatestBehaviorScores(store, asOf)) ?? undefined,
    },
  );
}

/** Logo churn, gross and net revenue retention by month and year, and the growth arithmetic. */
export async function churnReport(
  store: Store,
  options: LifecycleOptions = {},
): Promise<ChurnReport> {
  const asOf = await resolveAsOf(store, options.asOf);
  return measureRetention(await loadMonthlyRevenue(store, asOf, options.scope), { asOf });
}

/** Cohort heat map by `granularity` (default 'year') and the sBG retention projection per yearly cohort. */
export async function retentionReport(
  store: Store,
  options: LifecycleOptions & { granularity?: CohortGranularity } = {},
): Promise<RetentionReport> {
  const asOf = await resolveAsOf(store, options.asOf);
  const revenue = await loadMonthlyRevenue(store, asOf, options.scope);
  return {
    asOf,
    heatMap: measureCohortRetention(revenue, { asOf, granularity: options.granularity }),
    projection: projectCohortRetention(revenue, { asOf }),
  };
}

/**
 * The given asOf, checked, or the workspace's newest dated record. Throws INVALID_INPUT for a
 * malformed date and NOT_FOUND when the workspace has no dated records to default to.
 */
export async function resolveAsOf(store: Store, asOf: string | undefined): Promise<string> {
  if (asOf !== undefined) {
    if (dayNumber(asOf) === null)
      throw new HotspotError('INVALID_INPUT', `as-of date must be YYYY-MM-DD, got "${asOf}"`, {
        details: { field: 'asOf', value: asOf },
      });
    return asOf;
  }
  const newest = await newestRecordDate(store);
  if (newest === null)
    throw new HotspotError(
      'NOT_FOUND',
      'the workspace has no dated records yet: import data (or `hotspot demo`) or give an as-of date',
    );
  return newest;
}
