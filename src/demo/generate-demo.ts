/**
 * Deterministic synthetic data for Hotspot: every entity of the canonical model, with the
 * structure the scoring and backtest must find (wallets driven by firmographics, small
 * accounts growing into giants, stagnant giants, prospects, churned and lapsed customers,
 * pilots that convert or not, slow payers). Pure: no IO, no clock; all randomness comes
 * from pure-rand streams derived from the caller's seed.
 *
 * Rows are streamed: only a compact latent state per account is kept, and each account's
 * rows of an entity are drawn from a stream keyed by (seed, entity, account), so every
 * call of rows(entity) yields the same sequence, independently of other entities.
 */

import { ENTITY_NAMES } from '../core/entities.ts';
import type { EntityName, NativeRow } from '../core/entities.ts';
import { DayTable, addMonths, parseDay } from './calendar.ts';
import { emitContracts, emitDeals, emitInvoices } from './commerce-rows.ts';
import type { DemoContext, RowSink } from './demo-context.ts';
import {
  emitActivities,
  emitAssessmentAnswers,
  emitCompetitorSightings,
  emitContacts,
  emitFeatureRequests,
  emitSignals,
  emitTickets,
} from './engagement-rows.ts';
import { buildPopulation, createLatent, readLatent } from './population.ts';
import type { AccountLatent } from './population.ts';
import { seedKey } from './random.ts';
import { accountRow, productFamilyRows, repRow } from './reference-rows.ts';
import { buildSalesTeam } from './sales-team.ts';

export type DemoOptions = {
  /** Number of accounts (a non-negative integer). */
  accounts: number;
  /** Any safe integer; the same options always give byte-identical rows. */
  seed: number;
  /** Years of history before `until`; default 5. */
  years?: number;
  /** ISO date of the last day of data; default '2026-10-31'. */
  until?: string;
};

export type DemoData = {
  /** Rows per entity (computed once by iterating every entity, then cached). */
  counts(): Record<EntityName, number>;
  /** The rows of an entity, streamed; each iteration yields the identical sequence. */
  rows(entity: EntityName): Iterable<NativeRow>;
};

export const DEFAULT_DEMO_YEARS = 5;
export const DEFAULT_DEMO_UNTIL = '2026-10-31';

/** Days of date labels kept beyond `until` (end dates, renewal dates and due dates lie ahead). */
const FUTURE_DAYS = 1500;

type AccountEmitter = (ctx: DemoContext, latent: AccountLatent, sink: RowSink) => void;

const PER_ACCOUNT: Record<
  Exclude<EntityName, 'rep' | 'product_family' | 'account'>,
  AccountEmitter
> = {
  contact: emitContacts,
  deal: emitDeals,
  contract: emitContracts,
  invoice: emitInvoices,
  ticket: emitTickets,
  activity: emitActivities,
  assessment_answer: emitAssessmentAnswers,
  competitor_sighting: emitCompetitorSightings,
  feature_request: emitFeatureRequests,
  signal: emitSignals,
};

function* accountScoped(ctx: DemoContext, emit: AccountEmitter): Generator<NativeRow> {
  const sink: RowSink = { rows: [], sequence: 0 };
  const latent = createLatent();
  for (let i = 0; i < ctx.population.size; i += 1) {
    readLatent(ctx.population, i, latent);
    sink.rows.length = 0;
    emit(ctx, latent, sink);
    yield* sink.rows;
  }
}

function* accounts(ctx: DemoContext): Generator<NativeRow> {
  const latent = createLatent();
  for (let i = 0; i < ctx.population.size; i += 1)
    yield accountRow(ctx, readLatent(ctx.population, i, latent));
}

function* productFamilies(): Generator<NativeRow> {
  yield* productFamilyRows();
}

function* reps(ctx: DemoContext): Generator<NativeRow> {
  for (let j = 0; j < ctx.team.size; j += 1) yield repRow(ctx, j);
}

function rowsOf(ctx: DemoContext, entity: EntityName): Generator<NativeRow> {
  switch (entity) {
    case 'rep':
      return reps(ctx);
    case 'product_family':
      return productFamilies();
    case 'account':
      return accounts(ctx);
    case 'contact':
    case 'deal':
    case 'contract':
    case 'invoice':
    case 'ticket':
    case 'activity':
    case 'assessment_answer':
    case 'competitor_sighting':
    case 'feature_request':
    case 'signal':
      return accountScoped(ctx, PER_ACCOUNT[entity]);
  }
}

function validated(options: DemoOptions): {
  accounts: number;
  seed: number;
  years: number;
  until: number;
} {
  const { accounts: count, seed } = options;
  const years = options.years ?? DEFAULT_DEMO_YEARS;
  const untilText = options.until ?? DEFAULT_DEMO_UNTIL;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new Error(`generateDemo: accounts must be a non-negative integer, got ${count}`);
  }
  if (!Number.isSafeInteger(seed))
    throw new Error(`generateDemo: seed must be a safe integer, got ${seed}`);
  if (!Number.isInteger(years) || years < 1 || years > 50) {
    throw new Error(`generateDemo: years must be an integer from 1 to 50, got ${years}`);
  }
  const until = parseDay(untilText);
  if (until === undefined)
    throw new Error(`generateDemo: until must be an ISO date (YYYY-MM-DD), got '${untilText}'`);
  return { accounts: count, seed, years, until };
}

/**
 * Generates demo data for `accounts` accounts over the `years` years ending on `until`
 * (every record's own date lies in [until - years, until]; forward-looking dates such as
 * contract end, renewal, invoice due and an open deal's expected close may lie after it).
 * Throws when an option is out of range. Builds the accounts' latent state up front
 * (about 80 bytes per account); rows are generated lazily.
 */
export function generateDemo(options: DemoOptions): DemoData {
  const { accounts: size, seed, years, until } = validated(options);
  const origin = addMonths(until, -12 * years);
  const last = until - origin;
  const window = { last, recent: addMonths(until, -36) - origin };
  const key = seedKey(seed);
  const team = buildSalesTeam({ key, accounts: size });
  const ctx: DemoContext = {
    key,
    days: new DayTable(origin, last + 1 + FUTURE_DAYS),
    population: buildPopulation({ key, accounts: size, window, team }),
    team,
  };
  let counted: Record<EntityName, number> | undefined;
  return {
    rows: (entity) => ({ [Symbol.iterator]: () => rowsOf(ctx, entity) }),
    counts: () => {
      if (!counted) {
        const result = {} as Record<EntityName, number>;
        for (const entity of ENTITY_NAMES) {
          const iterator = rowsOf(ctx, entity);
          let n = 0;
          while (!iterator.next().done) n += 1;
          result[entity] = n;
        }
        counted = result;
      }
      return { ...counted };
    },
  };
}
