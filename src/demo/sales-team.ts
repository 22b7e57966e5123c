/**
 * The vendor's reps: how many, where they sell, and their (unique) names and emails.
 */

import { hashOf } from './random.ts';
import type { SeedKey } from './random.ts';
import { FIRST_NAMES, LAST_NAMES, REGIONS, VENDOR_DOMAIN, item } from './vocabulary.ts';

export type SalesTeam = {
  readonly size: number;
  /** Region index (into REGIONS) each rep covers. */
  readonly territory: readonly number[];
  /** Rep indexes per region index; a region nobody covers has an empty list. */
  readonly byRegion: readonly (readonly number[])[];
  readonly names: readonly string[];
  readonly emails: readonly string[];
};

/** About one rep per 80 accounts, at least three. */
export function teamSize(accounts: number): number {
  return Math.max(3, Math.round(accounts / 80));
}

// A prime larger than any factor of FIRST_NAMES.length * LAST_NAMES.length, so that
// stepping by it visits every first/last pair once before repeating.
const NAME_STEP = 7919;

/** Builds the team for a population of `accounts`; territories follow region weights. */
export function buildSalesTeam(options: { key: SeedKey; accounts: number }): SalesTeam {
  const size = teamSize(options.accounts);
  const totalWeight = REGIONS.reduce((sum, r) => sum + r.weight, 0);
  const territory: number[] = [];
  const byRegion: number[][] = REGIONS.map(() => []);
  const names: string[] = [];
  const emails: string[] = [];
  const pairs = FIRST_NAMES.length * LAST_NAMES.length;
  const offset = hashOf(options.key, 2000, 0) % pairs;
  for (let j = 0; j < size; j += 1) {
    // Deterministic apportionment: rep j sits at the midpoint of its share of the line.
    let position = ((j + 0.5) / size) * totalWeight;
    let region = 0;
    while (region < REGIONS.length - 1 && position >= item(REGIONS, region).weight) {
      position -= item(REGIONS, region).weight;
      region += 1;
    }
    territory.push(region);
    item(byRegion, region).push(j);
    const pair = (j * NAME_STEP + offset) % pairs;
    const round = Math.floor(j / pairs);
    const first = item(FIRST_NAMES, pair % FIRST_NAMES.length);
    const last = item(LAST_NAMES, Math.floor(pair / FIRST_NAMES.length));
    // Namesakes get a middle initial (and past Z a number) so that emails stay unique.
    const initial = round > 0 ? String.fromCharCode(65 + ((round - 1) % 26)) : '';
    const number = round > 26 ? String(Math.floor((round - 1) / 26) + 1) : '';
    const middle = round > 0 ? `${initial}${number}` : '';
    names.push(middle ? `${first} ${middle}. ${last}` : `${first} ${last}`);
    const local = middle ? `${first}.${middle}.${last}` : `${first}.${last}`;
    emails.push(`${local.toLowerCase()}@${VENDOR_DOMAIN}`);
  }
  return { size, territory, byRegion, names, emails };
}

/** External id of rep j ('REP-00001'). */
export function repId(j: number): string {
  return `REP-${String(j + 1).padStart(5, '0')}`;
}
