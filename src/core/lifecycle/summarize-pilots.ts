import { addDays, assertIsoDate, daysBetween, median, ratio } from './calendar-months.ts';
import type { ContractRecord, DealRecord } from './lifecycle-records.ts';

/** Options of {@link summarizePilots}; each field documents its default. */
export type PilotOptions = {
  /** The workspace's "today", ISO YYYY-MM-DD: only records dated on or before it count. */
  asOf: string;
  /** A term contract starting up to this many days after the pilot's last day converts it, inclusive (default 90). */
  conversionWindowDays?: number;
  /** A running pilot ending within this many days of asOf, inclusive, whose account has no open deal, is at risk (default 30). */
  atRiskDays?: number;
};

/**
 * Where a pilot stands on asOf: `running` (not converted, last day on or after asOf),
 * `converted` (a term contract of the account started, by asOf, between the pilot's start and
 * its last day + N), `awaiting` (ended, not converted yet, still inside the N-day window) or
 * `not_converted` (ended and the window closed without a term contract).
 */
export type PilotOutcome = 'running' | 'converted' | 'awaiting' | 'not_converted';

export type PilotStatus = {
  contractId: number;
  externalId: string;
  accountId: number;
  accountName: string;
  startDate: string;
  endDate: string;
  annualValue: number;
  outcome: PilotOutcome;
  /** Start date of the first term contract that converted it (converted only). */
  convertedOn: string | null;
  /** Days from the pilot's last day to that term's start; 0 when it started during the pilot. */
  daysToConvert: number | null;
};

export type PilotAtRisk = {
  contractId: number;
  externalId: string;
  accountId: number;
  accountName: string;
  endDate: string;
  /** Days from asOf to the pilot's last day (0 = ends today). */
  daysLeft: number;
  annualValue: number;
};

/** Funnel counts; conversionRate = converted / (converted + notConverted), null without decided pilots. */
export type PilotCounts = {
  started: number;
  running: number;
  ended: number;
  converted: number;
  notConverted: number;
  awaiting: number;
  conversionRate: number | null;
};

export type PilotFunnel = PilotCounts & {
  asOf: string;
  conversionWindowDays: number;
  atRiskDays: number;
  /** Median days from a pilot's last day to the converting term's start (0 when during the pilot); null without conversions. */
  medianDaysToConvert: number | null;
  atRisk: PilotAtRisk[];
  /** The same funnel per calendar year of the pilot's start. */
  byStartYear: (PilotCounts & { year: number })[];
  pilots: PilotStatus[];
  definitions: string[];
};

/** True when the deal was open on asOf: created by then and not closed by then (stage open, or closed after asOf). */
export function isDealOpenAt(deal: DealRecord, asOf: string): boolean {
  if (deal.createdOn > asOf) return false;
  if (deal.stage === 'open') return true;
  return deal.closeDate !== null && deal.closeDate > asOf;
}

/**
 * Pilot funnel on asOf (DESIGN section 5): started, running, ended (= converted + awaiting +
 * not converted), conversion rate among ended pilots whose outcome is decided, median days
 * from pilot end to conversion, and running pilots ending within `atRiskDays` (inclusive) on
 * accounts without an open deal. A pilot converts when a term contract of the same account
 * starts on or after the pilot's start and at most N days (inclusive) after its last day.
 * Contract status fields are not trusted: outcomes are derived from dates. Throws
 * ModelInputError for a malformed asOf.
 */
export function summarizePilots(
  contracts: readonly ContractRecord[],
  deals: readonly DealRecord[],
  options: PilotOptions,
): PilotFunnel {
  const { asOf } = options;
  assertIsoDate('summarizePilots', asOf);
  const window = options.conversionWindowDays ?? 90;
  const atRiskDays = options.atRiskDays ?? 30;
  const known = contracts.filter((c) => c.startDate <= asOf);
  const termStarts = new Map<number, string[]>();
  for (const c of known) {
    if (c.kind !== 'term') continue;
    const starts = termStarts.get(c.accountId) ?? [];
    starts.push(c.startDate);
    termStarts.set(c.accountId, starts);
  }
  for (const starts of termStarts.values()) starts.sort();
  const withOpenDeal = new Set(deals.filter((d) => isDealOpenAt(d, asOf)).map((d) => d.accountId));

  const pilots: PilotStatus[] = known
    .filter((c) => c.kind === 'pilot')
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id - b.id)
    .map((pilot) => {
      const deadline = addDays(pilot.endDate, window);
      const convertedOn =
        (termStarts.get(pilot.accountId) ?? []).find(
          (start) => start >= pilot.startDate && start <= deadline,
        ) ?? null;
      const outcome: PilotOutcome =
        convertedOn !== null
          ? 'converted'
          : pilot.endDate >= asOf
            ? 'running'
            : deadline > asOf
              ? 'awaiting'
              : 'not_converted';
      return {
        contractId: pilot.id,
        externalId: pilot.externalId,
        accountId: pilot.accountId,
        accountName: pilot.accountName,
        startDate: pilot.startDate,
        endDate: pilot.endDate,
        annualValue: pilot.annualValue,
        outcome,
        convertedOn,
        daysToConvert:
          convertedOn === null ? null : Math.max(0, daysBetween(pilot.endDate, convertedOn)),
      };
    });

  const riskHorizon = addDays(asOf, atRiskDays);
  const atRisk: PilotAtRisk[] = pilots
    .filter(
      (p) => p.outcome === 'running' && p.endDate <= riskHorizon && !withOpenDeal.has(p.accountId),
    )
    .map((p) => ({
      contractId: p.contractId,
      externalId: p.externalId,
      accountId: p.accountId,
      accountName: p.accountName,
      endDate: p.endDate,
      daysLeft: daysBetween(asOf, p.endDate),
      annualValue: p.annualValue,
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft || a.contractId - b.contractId);

  const years = [...new Set(pilots.map((p) => Number(p.startDate.slice(0, 4))))].sort(
    (a, b) => a - b,
  );
  return {
    asOf,
    conversionWindowDays: window,
    atRiskDays,
    ...countPilots(pilots),
    medianDaysToConvert: median(
      pilots.flatMap((p) => (p.daysToConvert === null ? [] : [p.daysToConvert])),
    ),
    atRisk,
    byStartYear: years.map((year) => ({
      year,
      ...countPilots(pilots.filter((p) => Number(p.startDate.slice(0, 4)) === year)),
    })),
    pilots,
    definitions: [
      `converted: a term contract of the same account started between the pilot's start and ${window} days after its last day (inclusive), on or before asOf`,
      'running: not converted and its last day is on or after asOf; ended = converted + awaiting + not converted',
      `awaiting: ended less than ${window} days before asOf without a term contract yet (outcome not decided)`,
      'conversion rate = converted / (converted + not converted): ended pilots whose outcome is decided',
      'days to convert: from the pilot’s last day to the term’s start, 0 when the term started during the pilot',
      `at risk: running, last day within ${atRiskDays} days of asOf, and the account has no deal open on asOf`,
    ],
  };
}

function countPilots(pilots: readonly PilotStatus[]): PilotCounts {
  const count = (outcome: PilotOutcome): number =>
    pilots.filter((p) => p.outcome === outcome).length;
  const running = count('running');
  const converted = count('converted');
  const notConverted = count('not_converted');
  return {
    started: pilots.length,
    running,
    ended: pilots.length - running,
    converted,
    notConverted,
    awaiting: count('awaiting'),
    conversionRate: ratio(converted, converted + notConverted),
  };
}
