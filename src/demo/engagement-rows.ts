/**
 * Relationship rows of one account: contacts, activities, tickets, assessment answers,
 * competitor sightings, feature requests and signals, each from its own stream.
 */

import { QUESTION_IDS } from '../core/assessment.ts';
import type { Seniority } from '../core/entities.ts';
import type { DemoContext, RowSink } from './demo-context.ts';
import {
  accountId,
  accountIdentity,
  businessUnit,
  cents,
  contactId,
  familyTaste,
  sequenceId,
} from './demo-context.ts';
import { NEVER, momentum, spendAt } from './population.ts';
import type { AccountLatent } from './population.ts';
import { hashOf, streamFor } from './random.ts';
import type { Rng } from './random.ts';
import {
  BUSINESS_UNITS,
  COMPETITORS,
  FIRST_NAMES,
  LAST_NAMES,
  PITCHES,
  PRODUCT_FAMILIES,
  REQUESTS,
  SENIORITY_ORDER,
  SIGNAL_TEXTS,
  STAFF_REPORTERS,
  TITLES,
  item,
} from './vocabulary.ts';

type Interval = { from: number; to: number };

/** Days during which the account buys from us (empty for prospects). */
function buyingInterval(ctx: DemoContext, latent: AccountLatent): Interval {
  const last = ctx.population.window.last;
  if (latent.kind === 'prospect') return { from: 0, to: -1 };
  return { from: latent.firstDay, to: Math.min(last, latent.stopDay - 1) };
}

/** Days since the account entered the CRM. */
function knownInterval(ctx: DemoContext, latent: AccountLatent): Interval {
  return { from: latent.createdDay, to: ctx.population.window.last };
}

function yearsOf(interval: Interval): number {
  return Math.max(0, (interval.to - interval.from + 1) / 365);
}

/** Size multiplier for contact, ticket and activity volumes. */
function sizeFactor(latent: AccountLatent): number {
  return 0.6 + 0.25 * Math.log(1 + latent.employees / 50);
}

/** Draws `n` days in an interval (n from a Poisson with the given yearly rate). */
function eventDays(rng: Rng, interval: Interval, ratePerYear: number): number[] {
  const years = yearsOf(interval);
  if (years <= 0) return [];
  const n = rng.poisson(ratePerYear * years);
  const out: number[] = [];
  for (let k = 0; k < n; k += 1) out.push(rng.between(interval.from, interval.to));
  return out;
}

function ownerEmail(ctx: DemoContext, latent: AccountLatent): string {
  const team = ctx.team;
  const rep = latent.owner >= 0 ? latent.owner : latent.index % team.size;
  return item(team.emails, rep);
}

function reporter(
  ctx: DemoContext,
  options: { rng: Rng; latent: AccountLatent; ownerShare: number },
): string {
  const { rng, latent, ownerShare } = options;
  return rng.chance(ownerShare)
    ? ownerEmail(ctx, latent)
    : item(STAFF_REPORTERS, rng.below(STAFF_REPORTERS.length));
}

// ---------------------------------------------------------------- contacts

const SENIORITY_WEIGHTS = {
  prospect: [5, 10, 25, 35, 25],
  steady: [7, 13, 25, 32, 23],
  grower: [14, 22, 26, 24, 14],
  stagnant: [9, 15, 27, 30, 19],
} as const;

/** ROLE_WEIGHTS[seniority] over CONTACT_ROLES (economic_buyer, champion, procurement, user). */
const ROLE_WEIGHTS: readonly (readonly number[])[] = [
  [70, 30, 0, 0],
  [45, 45, 5, 5],
  [15, 50, 10, 25],
  [0, 30, 20, 50],
  [0, 0, 20, 80],
];
const ROLES = ['economic_buyer', 'champion', 'procurement', 'user'] as const;

/** An account's contacts as indexes (seniority, role, business unit rank, names). */
export type ContactPlan = {
  count: number;
  seniority: number[];
  role: number[];
  unit: number[];
  first: number[];
  last: number[];
  email: boolean[];
};

/** The contacts of an account; activities re-derive them to point at one. */
export function planContacts(ctx: DemoContext, latent: AccountLatent): ContactPlan {
  const rng = streamFor(ctx.key, 'contact', latent.index);
  const customer = latent.kind !== 'prospect';
  const count = Math.min(
    8,
    Math.max(
      2,
      Math.round(
        2 + 1.1 * Math.log(1 + latent.employees / 100) + (customer ? 1 : 0) + rng.uniform(-1, 1),
      ),
    ),
  );
  // Accounts with need momentum have more senior people involved, across more units.
  const lift = Math.min(1, Math.max(0, momentum(latent)) / 4);
  const weights = !customer
    ? SENIORITY_WEIGHTS.prospect
    : latent.archetype === 'stagnant'
      ? SENIORITY_WEIGHTS.stagnant
      : SENIORITY_WEIGHTS.steady.map((w, k) => w + lift * ((SENIORITY_WEIGHTS.grower[k] ?? w) - w));
  const spread = 3 + Math.round(2 * lift);
  const firstLast = rng.below(LAST_NAMES.length);
  const plan: ContactPlan = {
    count,
    seniority: [],
    role: [],
    unit: [],
    first: [],
    last: [],
    email: [],
  };
  for (let k = 0; k < count; k += 1) {
    const seniority = rng.weighted(weights);
    plan.seniority.push(seniority);
    plan.role.push(rng.weighted(item(ROLE_WEIGHTS, seniority)));
    // Mostly the main business unit; growers' contacts spread over more units.
    plan.unit.push(rng.chance(0.5) ? 0 : rng.below(spread));
    plan.first.push(rng.below(FIRST_NAMES.length));
    // Stepping by 7 (coprime with 60) keeps surnames distinct within an account.
    plan.last.push((firstLast + 7 * k) % LAST_NAMES.length);
    plan.email.push(rng.chance(0.92));
  }
  return plan;
}

/** Contact rows of an account. */
export function emitContacts(ctx: DemoContext, latent: AccountLatent, sink: RowSink): void {
  const plan = planContacts(ctx, latent);
  const account = accountId(latent.index);
  const domain = accountIdentity(ctx, latent).domain;
  for (let k = 0; k < plan.count; k += 1) {
    const first = item(FIRST_NAMES, plan.first[k] ?? 0);
    const last = item(LAST_NAMES, plan.last[k] ?? 0);
    const unit = businessUnit(ctx, latent.index, plan.unit[k] ?? 0);
    const seniority = plan.seniority[k] ?? 4;
    sink.rows.push({
      id: contactId(latent.index, k),
      account_id: account,
      name: `${first} ${last}`,
      title: item(item(TITLES, seniority), BUSINESS_UNITS.indexOf(unit)),
      seniority: item(SENIORITY_ORDER, seniority),
      role: item(ROLES, plan.role[k] ?? 3),
      business_unit: unit,
      email: plan.email[k] ? `${first.toLowerCase()}.${last.toLowerCase()}@${domain}` : null,
    });
  }
}

// ---------------------------------------------------------------- activities

const ACTIVITY_KINDS = ['email', 'call', 'meeting', 'qbr', 'event', 'visit'] as const;
const CUSTOMER_KIND_WEIGHTS = [34, 26, 20, 4, 9, 7];
const PROSPECT_KIND_WEIGHTS = [45, 30, 12, 0, 13, 0];
const ATTENDEE_WEIGHTS = {
  base: [5, 10, 25, 35, 25],
  grower: [12, 18, 30, 28, 12],
  senior: [30, 35, 25, 10, 0],
} as const;

type ActivityKind = (typeof ACTIVITY_KINDS)[number];

type ActivityWriter = {
  ctx: DemoContext;
  sink: RowSink;
  rng: Rng;
  latent: AccountLatent;
  account: string;
  contacts: ContactPlan;
  customer: boolean;
  grower: boolean;
};

function writeActivity(w: ActivityWriter, day: number, kind: ActivityKind): void {
  const { rng, contacts } = w;
  let seniority: Seniority | null;
  let contact: string | null = null;
  if (rng.chance(w.customer ? 0.6 : 0.4)) {
    let k = rng.below(contacts.count);
    // Senior people at tomorrow's giants make time for us.
    if (w.grower || kind === 'qbr' || kind === 'visit') {
      const other = rng.below(contacts.count);
      if ((contacts.seniority[other] ?? 4) < (contacts.seniority[k] ?? 4)) k = other;
    }
    contact = contactId(w.latent.index, k);
    seniority = item(SENIORITY_ORDER, contacts.seniority[k] ?? 4);
  } else if ((kind === 'email' || kind === 'call') && rng.chance(0.25)) {
    seniority = null;
  } else {
    const weights =
      kind === 'qbr' || kind === 'visit'
        ? ATTENDEE_WEIGHTS.senior
        : w.grower
          ? ATTENDEE_WEIGHTS.grower
          : ATTENDEE_WEIGHTS.base;
    seniority = item(SENIORITY_ORDER, rng.weighted(weights));
  }
  w.sink.sequence += 1;
  w.sink.rows.push({
    id: sequenceId('ACT-', w.sink.sequence, 10),
    account_id: w.account,
    occurred_on: w.ctx.days.iso(day),
    kind,
    attendee_seniority: seniority,
    contact_id: contact,
  });
}

/** Activity rows of an account: day-to-day touches plus quarterly business reviews of large accounts. */
export function emitActivities(ctx: DemoContext, latent: AccountLatent, sink: RowSink): void {
  const rng = streamFor(ctx.key, 'activity', latent.index);
  const last = ctx.population.window.last;
  const customer = latent.kind !== 'prospect';
  const drive = Math.max(0, momentum(latent));
  const grower = drive >= 2;
  const w: ActivityWriter = {
    ctx,
    sink,
    rng,
    latent,
    account: accountId(latent.index),
    contacts: planContacts(ctx, latent),
    customer,
    grower,
  };
  const interval: Interval = customer
    ? {
        from: Math.max(latent.createdDay, latent.firstDay - 90),
        to: latent.stopDay === NEVER ? last : Math.min(last, latent.stopDay + 180),
      }
    : knownInterval(ctx, latent);
  const rate = customer
    ? 2.2 * sizeFactor(latent) * (1 + 0.15 * drive)
    : 0.8 + 0.5 * Math.max(0, latent.walletZ);
  const kinds = customer ? CUSTOMER_KIND_WEIGHTS : PROSPECT_KIND_WEIGHTS;
  for (const day of eventDays(rng, interval, rate))
    writeActivity(w, day, item(ACTIVITY_KINDS, rng.weighted(kinds)));

  // Large accounts get quarterly business reviews, a few of which slip.
  if (customer) {
    const end = Math.min(last, latent.stopDay - 1);
    for (
      let day = latent.firstDay + rng.between(30, 120);
      day <= end;
      day += rng.between(75, 110)
    ) {
      if (spendAt(latent, day) >= 100_000 && rng.chance(0.8)) writeActivity(w, day, 'qbr');
    }
  }
}

// ---------------------------------------------------------------- tickets

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
const SEVERITY_WEIGHTS = { normal: [45, 37, 14, 4], intensive: [30, 35, 25, 10] } as const;
/** Median days to close per severity. */
const DAYS_TO_CLOSE = [9, 6, 3, 1];

/** Ticket rows of a customer; service-intensive accounts open more and graver ones. */
export function emitTickets(ctx: DemoContext, latent: AccountLatent, sink: RowSink): void {
  if (latent.kind === 'prospect') return;
  const rng = streamFor(ctx.key, 'ticket', latent.index);
  const account = accountId(latent.index);
  const last = ctx.population.window.last;
  const weights = latent.service > 2 ? SEVERITY_WEIGHTS.intensive : SEVERITY_WEIGHTS.normal;
  const rate = 0.9 * latent.service * sizeFactor(latent);
  for (const day of eventDays(rng, buyingInterval(ctx, latent), rate)) {
    const severity = rng.weighted(weights);
    const closed = day + Math.round(rng.logNormal(DAYS_TO_CLOSE[severity] ?? 5, 0.8));
    sink.sequence += 1;
    sink.rows.push({
      id: sequenceId('TCK-', sink.sequence, 9),
      account_id: account,
      opened_on: ctx.days.iso(day),
      closed_on: closed > last ? null : ctx.days.iso(closed),
      severity: item(SEVERITIES, severity),
    });
  }
}

// ---------------------------------------------------------------- assessment answers

/** How aligned with our growth lines the account is, as the rep perceives it (about N(0,1)). */
function alignment(latent: AccountLatent): number {
  if (latent.kind === 'prospect') return 0.3 * latent.walletZ;
  if (latent.archetype === 'stagnant') return -0.6;
  return latent.kind === 'active' ? 0.35 * momentum(latent) : -0.7;
}

function likert(rng: Rng, z: number): number {
  return Math.min(5, Math.max(1, Math.round(3 + 0.9 * z + 0.7 * rng.normal())));
}

/** Assessment answers of about 30% of accounts, in one to three yearly rounds. */
export function emitAssessmentAnswers(
  ctx: DemoContext,
  latent: AccountLatent,
  sink: RowSink,
): void {
  const rng = streamFor(ctx.key, 'assessment', latent.index);
  const customer = latent.kind !== 'prospect';
  const chance = customer ? 0.22 + 0.25 / (1 + Math.exp(-latent.walletZ)) : 0.1;
  if (!rng.chance(chance)) return;
  const account = accountId(latent.index);
  const last = ctx.population.window.last;
  const by = ownerEmail(ctx, latent);
  const align = alignment(latent);
  const answers = (): number[] => [
    likert(rng, align),
    likert(rng, 1.3 * Math.log(latent.service) + 0.3 * Math.min(2, latent.walletZ)),
    likert(rng, 0.7 * latent.behavior + 0.4 * align),
    likert(rng, 0.4 * latent.behavior + 0.7 * align),
    Math.max(1000, Math.round((latent.wallet * Math.exp(0.35 * rng.normal())) / 1000) * 1000),
  ];
  let day = rng.between(
    customer ? Math.max(latent.createdDay, latent.firstDay) : latent.createdDay,
    last,
  );
  for (let round = 0; round < 3; round += 1) {
    const values = answers();
    for (let q = 0; q < QUESTION_IDS.length; q += 1) {
      if (rng.chance(0.05)) continue;
      sink.sequence += 1;
      sink.rows.push({
        id: sequenceId('ASM-', sink.sequence, 9),
        account_id: account,
        question_id: item(QUESTION_IDS, q),
        answer: values[q] ?? 3,
        answered_by: by,
        answered_on: ctx.days.iso(day),
      });
    }
    day += rng.between(330, 400);
    if (day > last || !rng.chance(0.4)) break;
  }
}

// ---------------------------------------------------------------- competitor sightings

/** Days in the run-up to an account's stop day (empty when it does not stop). */
function runUpToStop(latent: AccountLatent, days: number): Interval {
  if (latent.stopDay === NEVER || latent.kind === 'prospect') return { from: 0, to: -1 };
  return { from: Math.max(latent.firstDay, latent.stopDay - days), to: latent.stopDay - 1 };
}

/** Competitor sightings: rare, more at stagnant accounts and before churn. */
export function emitCompetitorSightings(
  ctx: DemoContext,
  latent: AccountLatent,
  sink: RowSink,
): void {
  const rng = streamFor(ctx.key, 'competitor', latent.index);
  const account = accountId(latent.index);
  const taste = familyTaste(latent);
  const favourite = hashOf(ctx.key, 3004, latent.index) % COMPETITORS.length;
  const days =
    latent.kind === 'prospect'
      ? eventDays(rng, knownInterval(ctx, latent), 0.05)
      : eventDays(rng, buyingInterval(ctx, latent), latent.archetype === 'stagnant' ? 0.2 : 0.07);
  const runUp = runUpToStop(latent, 300);
  if (runUp.to >= runUp.from && rng.chance(0.7)) {
    const extra = 1 + rng.poisson(0.6);
    for (let k = 0; k < extra; k += 1) days.push(rng.between(runUp.from, runUp.to));
  }
  for (const day of days) {
    const competitor = rng.chance(0.6) ? favourite : rng.below(COMPETITORS.length);
    sink.sequence += 1;
    sink.rows.push({
      id: sequenceId('CMP-', sink.sequence, 9),
      account_id: account,
      competitor: item(COMPETITORS, competitor),
      product_area: item(PRODUCT_FAMILIES, rng.weighted(taste)).name,
      pitch: item(PITCHES, rng.below(PITCHES.length)),
      seen_on: ctx.days.iso(day),
      reported_by: reporter(ctx, { rng, latent, ownerShare: 0.7 }),
    });
  }
}

// ---------------------------------------------------------------- feature requests

/** Feature requests of customers, with the revenue the account says depends on them. */
export function emitFeatureRequests(ctx: DemoContext, latent: AccountLatent, sink: RowSink): void {
  if (latent.kind === 'prospect') return;
  const rng = streamFor(ctx.key, 'feature', latent.index);
  const account = accountId(latent.index);
  const taste = familyTaste(latent);
  const rate = 0.12 * sizeFactor(latent) * (1 + 0.15 * Math.max(0, momentum(latent)));
  for (const day of eventDays(rng, buyingInterval(ctx, latent), rate)) {
    const family = rng.weighted(taste);
    const stake = rng.chance(0.25)
      ? null
      : cents(Math.round(spendAt(latent, day) * rng.uniform(0.05, 0.5)));
    sink.sequence += 1;
    sink.rows.push({
      id: sequenceId('FRQ-', sink.sequence, 9),
      account_id: account,
      product_area: item(PRODUCT_FAMILIES, family).name,
      request: item(item(REQUESTS, family), rng.below(8)),
      requested_on: ctx.days.iso(day),
      revenue_at_stake: stake,
    });
  }
}

// ---------------------------------------------------------------- signals

type SignalKind = 'upsell_hint' | 'risk' | 'competitor' | 'other';

/** Signals logged by anyone: upsell hints at growers, risks before churn, competitor news. */
export function emitSignals(ctx: DemoContext, latent: AccountLatent, sink: RowSink): void {
  const rng = streamFor(ctx.key, 'signal', latent.index);
  const account = accountId(latent.index);
  const taste = familyTaste(latent);
  const prospect = latent.kind === 'prospect';
  const active = prospect ? knownInterval(ctx, latent) : buyingInterval(ctx, latent);
  const upsellRate = prospect
    ? latent.walletZ > 1
      ? 0.12
      : 0.03
    : latent.archetype === 'stagnant'
      ? 0.04
      : latent.kind === 'active'
        ? 0.05 + 0.2 * Math.max(0, momentum(latent))
        : 0.03;
  const riskRate = (latent.archetype === 'stagnant' ? 0.15 : 0.02) + (latent.slowPayer ? 0.1 : 0);
  const events: [number, SignalKind][] = [];
  for (const day of eventDays(rng, active, upsellRate)) events.push([day, 'upsell_hint']);
  for (const day of eventDays(rng, active, riskRate)) events.push([day, 'risk']);
  for (const day of eventDays(rng, active, 0.03)) events.push([day, 'competitor']);
  for (const day of eventDays(rng, knownInterval(ctx, latent), 0.05)) events.push([day, 'other']);
  const runUp = runUpToStop(latent, 270);
  if (runUp.to >= runUp.from) {
    const risks = 1 + rng.poisson(0.7);
    for (let k = 0; k < risks; k += 1) events.push([rng.between(runUp.from, runUp.to), 'risk']);
    if (rng.chance(0.4)) events.push([rng.between(runUp.from, runUp.to), 'competitor']);
  }
  for (const [day, kind] of events) {
    let text: string;
    if (kind === 'upsell_hint')
      text = item(item(SIGNAL_TEXTS.upsell, rng.weighted(taste)), rng.below(6));
    else if (kind === 'risk')
      text = item(item(SIGNAL_TEXTS.risk, rng.weighted(taste)), rng.below(6));
    else if (kind === 'competitor')
      text = item(item(SIGNAL_TEXTS.competitor, rng.below(COMPETITORS.length)), rng.below(3));
    else text = item(SIGNAL_TEXTS.other, rng.below(SIGNAL_TEXTS.other.length));
    sink.sequence += 1;
    sink.rows.push({
      id: sequenceId('SIG-', sink.sequence, 9),
      account_id: account,
      kind,
      text,
      reported_by: reporter(ctx, { rng, latent, ownerShare: 0.4 }),
      reported_on: ctx.days.iso(day),
    });
  }
}
