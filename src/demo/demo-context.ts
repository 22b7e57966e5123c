/**
 * What every row emitter of the demo generator shares: the seed, the window, the
 * precomputed date labels, the population's latent state and the sales team; plus
 * small deterministic helpers over an account (its product-family taste, business
 * units, identity).
 */

import type { NativeRow } from '../core/entities.ts';
import type { DayTable } from './calendar.ts';
import { momentum } from './population.ts';
import type { AccountLatent, Population } from './population.ts';
import { hashOf } from './random.ts';
import type { SeedKey } from './random.ts';
import type { SalesTeam } from './sales-team.ts';
import {
  ADJECTIVES,
  BUSINESS_UNITS,
  INDUSTRIES,
  NOUNS,
  PLACES,
  PRODUCT_FAMILIES,
  REGIONS,
  item,
} from './vocabulary.ts';

export type DemoContext = {
  readonly key: SeedKey;
  readonly days: DayTable;
  readonly population: Population;
  readonly team: SalesTeam;
};

/** A row collector with the running sequence number of its entity's ids. */
export type RowSink = {
  rows: NativeRow[];
  sequence: number;
};

/** Rounds money to cents. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** 'PREFIX-000…n' with `width` digits. */
export function sequenceId(prefix: string, n: number, width: number): string {
  return prefix + String(n).padStart(width, '0');
}

/** External id of account i ('ACC-0000001'). */
export function accountId(index: number): string {
  return sequenceId('ACC-', index + 1, 7);
}

/** External id of contact k of account i ('CON-0000001-1'). */
export function contactId(index: number, k: number): string {
  return `CON-${String(index + 1).padStart(7, '0')}-${k + 1}`;
}

/** Taste for family f at need tilt 0-4 (growth-aligned lines gain, declining ones lose). */
function tiltedTaste(f: number, tilt: number): number {
  const family = item(PRODUCT_FAMILIES, f);
  if (family.growthAligned) return 1 + 0.5 * tilt;
  return family.stage === 'decline' ? Math.max(0.3, 1 - 0.175 * tilt) : 1 - 0.05 * tilt;
}

/** Stagnant giants sit on the mature and declining lines. */
function stagnantTaste(f: number): number {
  const stage = item(PRODUCT_FAMILIES, f).stage;
  return stage === 'maturity' || stage === 'decline' ? 2.5 : stage === 'introduction' ? 0.3 : 1;
}

const STAGNANT_BUCKET = 5;

/** TASTES[industry][bucket][family]: buckets 0-4 are need tilts, 5 is stagnant. */
const TASTES: readonly (readonly (readonly number[])[])[] = INDUSTRIES.map((industry) =>
  [0, 1, 2, 3, 4, STAGNANT_BUCKET].map((bucket) =>
    PRODUCT_FAMILIES.map(
      (_, f) =>
        (industry.favourites.includes(f) ? 3 : 1) *
        (bucket === STAGNANT_BUCKET ? stagnantTaste(f) : tiltedTaste(f, bucket)),
    ),
  ),
);

/** Relative propensity of an account to buy each product family (industry x need momentum). */
export function familyTaste(latent: AccountLatent): readonly number[] {
  const bucket =
    latent.archetype === 'stagnant'
      ? STAGNANT_BUCKET
      : Math.min(4, Math.max(0, Math.round(momentum(latent))));
  return item(item(TASTES, latent.industry), bucket);
}

// Steps coprime with the number of business units, so k -> unit is a permutation.
const UNIT_STEPS = [1, 2, 4, 5, 7, 8];

/** The account's k-th business unit in the order it adopts them (k = 0 is its main one). */
export function businessUnit(ctx: DemoContext, account: number, k: number): string {
  const h = hashOf(ctx.key, 3000, account);
  const start = h % BUSINESS_UNITS.length;
  const step = item(UNIT_STEPS, (h >>> 8) % UNIT_STEPS.length);
  return item(BUSINESS_UNITS, (start + (k % BUSINESS_UNITS.length) * step) % BUSINESS_UNITS.length);
}

/** Region code of region index r. */
export function regionCode(r: number): string {
  return item(REGIONS, r).code;
}

// Primes above every prime factor of ADJECTIVES.length * NOUNS.length.
const PAIR_STEPS = [7919, 104729, 15485863, 32452843];

export type AccountIdentity = { name: string; domain: string };

/**
 * Name and domain of account i. The (adjective, noun) pair walks a seeded permutation of
 * all pairs, and each later pass through the pairs adds a place name, so the normalised
 * name (lower case, no punctuation, no legal suffix) and the domain are unique.
 */
export function accountIdentity(ctx: DemoContext, latent: AccountLatent): AccountIdentity {
  const pairs = ADJECTIVES.length * NOUNS.length;
  const h = hashOf(ctx.key, 3001, 0);
  const step = item(PAIR_STEPS, h % PAIR_STEPS.length);
  const offset = hashOf(ctx.key, 3002, 0) % pairs;
  const i = latent.index;
  const pair = ((((i % pairs) * step) % pairs) + offset) % pairs;
  const round = Math.floor(i / pairs);
  const adjective = item(ADJECTIVES, pair % ADJECTIVES.length);
  const noun = item(NOUNS, Math.floor(pair / ADJECTIVES.length));
  const own = hashOf(ctx.key, 3003, i);
  const industry = item(INDUSTRIES, latent.industry);
  const word = item(industry.words, own % industry.words.length);
  const country = item(item(REGIONS, latent.region).countries, latent.country);
  // About one in seven names carries no legal suffix at all.
  const suffixRoll = (own >>> 8) % 7;
  const suffix =
    suffixRoll === 0 ? '' : ` ${item(country.suffixes, (own >>> 12) % country.suffixes.length)}`;
  let place = '';
  if (round > 0) {
    const placeName = item(PLACES, (round - 1) % PLACES.length);
    const lap = Math.floor((round - 1) / PLACES.length);
    place = lap > 0 ? `${placeName} ${lap + 1}` : placeName;
  }
  const name = place
    ? `${adjective} ${noun} ${word} ${place}${suffix}`
    : `${adjective} ${noun} ${word}${suffix}`;
  const slug = place ? `-${place.toLowerCase().replace(' ', '')}` : '';
  const domain = `${adjective.toLowerCase()}${noun.toLowerCase()}${slug}.${country.tld}`;
  return { name, domain };
}
