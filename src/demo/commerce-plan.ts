/**
 * An account's commercial history with us: term contracts per product line (renewed,
 * churned or running), pilots (converted or not) and one-off purchases. Contracts,
 * deals and invoices are all derived from this plan, which is drawn from the account's
 * own 'plan' stream, so the three entities agree with each other.
 */

import type { DemoContext } from './demo-context.ts';
import { familyTaste } from './demo-context.ts';
import type { AccountLatent } from './population.ts';
import { momentum, spendAt } from './population.ts';
import { streamFor } from './random.ts';
import type { Rng } from './random.ts';
import { BUSINESS_UNITS, PRODUCT_FAMILIES, REGIONS } from './vocabulary.ts';

export type ContractStatus = 'active' | 'renewed' | 'churned' | 'converted';
/** How a deal came about, in DEAL_TYPES order. */
export type DealOrigin = 'new' | 'expansion' | 'pilot' | 'renewal';

export type PlannedContract = {
  family: number;
  /** Window day offsets, end included. */
  start: number;
  end: number;
  annualValue: number;
  pilot: boolean;
  status: ContractStatus;
  /** Business-unit rank (see businessUnit) and region index of the buyer. */
  unit: number;
  region: number;
  /** What won it: the first contract of a line is new/expansion business (or, for a customer
   * from before the window, the renewal of an older contract); later ones are renewals. */
  origin: DealOrigin;
  /** Day its billing cycle counts from: its start, or before the window for a contract
   * already in force when the window opens. */
  anchor: number;
};

export type PlannedPurchase = {
  day: number;
  amount: number;
  family: number;
  unit: number;
  region: number;
  /** Whether a won opportunity was recorded for it. */
  recorded: boolean;
  origin: DealOrigin;
};

export type CommercePlan = {
  readonly contracts: PlannedContract[];
  readonly purchases: PlannedPurchase[];
};

type Line = {
  family: number;
  start: number;
  /** Day from which the line shares the account's spend (-1: held before the window). */
  since: number;
  weight: number;
  unit: number;
  region: number;
  origin: DealOrigin;
};

type Pilot = {
  family: number;
  start: number;
  days: number;
  unit: number;
  region: number;
};

/** Share of spend that runs through term contracts (the rest is one-off purchases). */
const RECURRING_SHARE = 0.8;
/** Smallest subscription we sell, USD per year. */
const MIN_ANNUAL_VALUE = 1200;

const EMPTY_PLAN: CommercePlan = { contracts: [], purchases: [] };

/** Draws a family the account does not use yet (-1 when it uses them all). */
function drawNewFamily(rng: Rng, taste: readonly number[], used: number): number {
  let total = 0;
  for (let f = 0; f < taste.length; f += 1) if ((used & (1 << f)) === 0) total += taste[f] ?? 0;
  if (total <= 0) return -1;
  let target = rng.float() * total;
  for (let f = 0; f < taste.length; f += 1) {
    if ((used & (1 << f)) !== 0) continue;
    target -= taste[f] ?? 0;
    if (target < 0) return f;
  }
  return -1;
}

/** Draws one of the families in the `used` bit set. */
function drawUsedFamily(rng: Rng, used: number): number {
  let count = 0;
  for (let f = 0; f < PRODUCT_FAMILIES.length; f += 1) if ((used & (1 << f)) !== 0) count += 1;
  let pick = rng.below(count);
  for (let f = 0; f < PRODUCT_FAMILIES.length; f += 1) {
    if ((used & (1 << f)) === 0) continue;
    if (pick === 0) return f;
    pick -= 1;
  }
  return 0;
}

/** Contract length in months of a product line. */
function drawTerm(rng: Rng, latent: AccountLatent): number {
  if (latent.kind === 'lapsed') return 12;
  const u = rng.float();
  if (latent.archetype === 'grower') return u < 0.5 ? 12 : 24;
  return u < 0.2 ? 12 : u < 0.5 ? 24 : 36;
}

function dropChance(latent: AccountLatent): number {
  if (latent.archetype === 'grower') return 0.01;
  if (latent.kind === 'churned' || latent.kind === 'lapsed') return 0.08;
  return 0.05;
}

/** New product lines per year: accounts with need momentum broaden. */
function expansionRate(latent: AccountLatent): number {
  if (latent.archetype === 'stagnant') return 0.06;
  return 0.08 + 0.11 * Math.max(0, momentum(latent));
}

/** Region of a new line or purchase: large accounts also buy for other regions. */
function drawRegion(rng: Rng, latent: AccountLatent): number {
  if (latent.employees >= 2000 && rng.chance(0.25))
    return (latent.region + 1 + rng.below(REGIONS.length - 1)) % REGIONS.length;
  return latent.region;
}

type Builder = {
  ctx: DemoContext;
  latent: AccountLatent;
  rng: Rng;
  taste: readonly number[];
  used: number;
  units: number;
  lines: Line[];
  pilots: Pilot[];
  /** Exclusive bound of purchase days: min(stop day, last day + 1). */
  horizon: number;
};

function newUnit(b: Builder, chanceOfNew: number): number {
  if (b.units < BUSINESS_UNITS.length && b.rng.chance(chanceOfNew)) {
    b.units += 1;
    return b.units - 1;
  }
  return b.rng.below(b.units);
}

function addLine(b: Builder, line: Omit<Line, 'weight' | 'since'>): void {
  b.used |= 1 << line.family;
  b.lines.push({
    family: line.family,
    start: line.start,
    since: line.origin === 'renewal' ? -1 : line.start,
    weight: b.rng.uniform(0.5, 1.5),
    unit: line.unit,
    region: line.region,
    origin: line.origin,
  });
}

/** The commercial plan of an account (empty for prospects). */
export function planCommerce(ctx: DemoContext, latent: AccountLatent): CommercePlan {
  if (latent.kind === 'prospect') return EMPTY_PLAN;
  const last = ctx.population.window.last;
  const b: Builder = {
    ctx,
    latent,
    rng: streamFor(ctx.key, 'plan', latent.index),
    taste: familyTaste(latent),
    used: 0,
    units: 1,
    lines: [],
    pilots: [],
    horizon: Math.min(latent.stopDay, last + 1),
  };
  const rng = b.rng;
  const growerBreadth = 0.2 + 0.06 * Math.max(0, momentum(latent));

  // Lines held when the window opens, or the way in for a new logo.
  if (latent.preexisting && !latent.transactional) {
    const count =
      latent.archetype === 'stagnant'
        ? 2 + rng.below(4)
        : latent.archetype === 'grower'
          ? 1
          : rng.chance(0.2)
            ? 2
            : 1;
    for (let k = 0; k < count; k += 1) {
      const family = drawNewFamily(rng, b.taste, b.used);
      if (family < 0) break;
      const unit = k === 0 ? 0 : newUnit(b, 0.5);
      addLine(b, {
        family,
        start: 0,
        unit,
        region: k === 0 ? latent.region : drawRegion(rng, latent),
        origin: 'renewal',
      });
    }
  } else if (!latent.preexisting) {
    const family = drawNewFamily(rng, b.taste, b.used);
    if (latent.pilot !== 'none') {
      b.used |= 1 << family;
      b.pilots.push({
        family,
        start: latent.firstDay,
        days: latent.pilotDays,
        unit: 0,
        region: latent.region,
      });
      if (latent.pilot === 'converts') {
        const start = latent.firstDay + latent.pilotDays - 1 + latent.pilotGap;
        if (start < b.horizon)
          addLine(b, { family, start, unit: 0, region: latent.region, origin: 'new' });
      }
    } else if (!latent.transactional) {
      addLine(b, { family, start: latent.firstDay, unit: 0, region: latent.region, origin: 'new' });
    }
  }

  // Expansion into further product lines, sometimes through a pilot.
  const firstLine = b.lines[0];
  if (firstLine) {
    const meanGap = 365 / expansionRate(latent);
    let t = firstLine.start + rng.exponential(meanGap);
    while (t < b.horizon) {
      const day = Math.floor(t);
      const family = drawNewFamily(rng, b.taste, b.used);
      if (family < 0) break;
      const unit = newUnit(b, growerBreadth + 0.1);
      const region = drawRegion(rng, latent);
      if (rng.chance(0.2)) {
        const days = rng.between(60, 120);
        const converts = rng.chance(0.55);
        b.used |= 1 << family;
        b.pilots.push({ family, start: day, days, unit, region });
        const start = day + days - 1 + rng.between(1, 75);
        if (converts && start < b.horizon)
          addLine(b, { family, start, unit, region, origin: 'expansion' });
      } else {
        addLine(b, { family, start: day, unit, region, origin: 'expansion' });
      }
      t += rng.exponential(meanGap);
    }
  }

  const contracts = contractsOf(b);
  contracts.push(...pilotContracts(b, contracts));
  contracts.sort((x, y) => x.start - y.start || x.family - y.family);
  return { contracts, purchases: purchasesOf(b, growerBreadth) };
}

/** Consecutive term contracts of every line; values follow wallet x share at signing. */
function contractsOf(b: Builder): PlannedContract[] {
  const { latent, rng } = b;
  const last = b.ctx.population.window.last;
  const days = b.ctx.days;
  const out: PlannedContract[] = [];
  const drop = dropChance(latent);
  for (const line of b.lines) {
    const term = drawTerm(rng, latent);
    let start = line.start;
    let origin = line.origin;
    // A line held before the window enters it in the middle of a term: the contract in
    // force is shown from the window's first day, billed on its own anniversary cycle.
    let naturalEnd =
      line.since < 0
        ? rng.between(30, days.addMonths(0, term) - 1)
        : days.addMonths(start, term) - 1;
    let anchor = line.since < 0 ? days.addMonths(naturalEnd + 1, -term) : start;
    for (;;) {
      // The line's share among the lines held at any time of the term: a line taken up during
      // the term adds to the account's spend (priced on the lines held at signing, its value
      // would be counted twice until this contract's renewal, then fall back).
      let weights = 0;
      for (const other of b.lines) if (other.since <= naturalEnd) weights += other.weight;
      const value =
        (RECURRING_SHARE * spendAt(latent, start) * line.weight) / Math.max(weights, line.weight);
      const annualValue = Math.round(
        Math.max(MIN_ANNUAL_VALUE, value * Math.exp(0.08 * rng.normal())),
      );
      const end = Math.min(naturalEnd, latent.stopDay - 1);
      const contract: PlannedContract = {
        family: line.family,
        start,
        end,
        annualValue,
        pilot: false,
        status: 'renewed',
        unit: line.unit,
        region: line.region,
        origin,
        anchor,
      };
      out.push(contract);
      if (end < naturalEnd || naturalEnd + 1 >= latent.stopDay) {
        // The account leaves: the contract is cut short at its stop day, or not renewed.
        contract.status = 'churned';
        break;
      }
      if (naturalEnd >= last) {
        contract.status = 'active';
        break;
      }
      if (rng.chance(drop)) {
        // The line alone is not renewed.
        contract.status = 'churned';
        break;
      }
      start = naturalEnd + 1;
      anchor = start;
      naturalEnd = days.addMonths(start, term) - 1;
      origin = 'renewal';
    }
  }
  return out;
}

/**
 * Pilot contracts with their status by the rule the product uses: converted when a term
 * contract of the account starts between the pilot's start and 90 days after its end.
 * A pilot that did not convert is left out when some term contract starts within 90 days
 * of it either way, so its status reads the same under any reading of "within 90 days".
 */
function pilotContracts(b: Builder, terms: readonly PlannedContract[]): PlannedContract[] {
  const last = b.ctx.population.window.last;
  const out: PlannedContract[] = [];
  for (const pilot of b.pilots) {
    const end = pilot.start + pilot.days - 1;
    let converted = false;
    let near = false;
    for (const t of terms) {
      if (t.start >= pilot.start && t.start <= end + 90) converted = true;
      if (t.start >= pilot.start - 90 && t.start <= end + 90) near = true;
    }
    if (near && !converted && end < last) continue;
    const status: ContractStatus = end >= last ? 'active' : converted ? 'converted' : 'churned';
    const annual = Math.max(2400, 0.5 * RECURRING_SHARE * spendAt(b.latent, pilot.start));
    out.push({
      family: pilot.family,
      start: pilot.start,
      end,
      annualValue: Math.round(annual),
      pilot: true,
      status,
      unit: pilot.unit,
      region: pilot.region,
      origin: 'pilot',
      anchor: pilot.start,
    });
  }
  return out;
}

/** One-off purchases over the buying period (all of the spend for transactional accounts). */
function purchasesOf(b: Builder, growerBreadth: number): PlannedPurchase[] {
  const { latent, rng } = b;
  const out: PlannedPurchase[] = [];
  // Larger accounts order more often (in smaller pieces relative to their spend).
  const sizeBoost = 1 + 0.3 * Math.log(1 + spendAt(latent, latent.firstDay) / 50_000);
  const rate = latent.transactional
    ? rng.uniform(2, 5)
    : rng.uniform(0.3, 0.9) * sizeBoost * (1 + 0.4 * Math.max(0, momentum(latent)));
  const portion = latent.transactional ? 1 : 1 - RECURRING_SHARE;
  const meanGap = 365 / rate;
  const afterPilot = latent.pilot === 'fails' || latent.pilot === 'running';
  const begin = afterPilot ? latent.firstDay + latent.pilotDays : latent.firstDay;
  // A transactional new logo becomes a customer with its first purchase. A customer from
  // before the window orders soon after it opens: its contract in force may have been
  // billed before the window, and every customer must show in the invoices.
  let t = begin + rng.exponential(meanGap);
  if (latent.preexisting) t = rng.uniform(0, Math.min(meanGap, b.horizon));
  else if (latent.transactional && !afterPilot) t = begin;
  let first = !latent.preexisting && b.lines.length === 0;
  while (t < b.horizon) {
    const day = Math.floor(t);
    const amount = Math.max(
      50,
      ((portion * spendAt(latent, day)) / rate) * Math.exp(0.45 * rng.normal() - 0.1),
    );
    let family: number;
    if (b.used !== 0 && rng.chance(0.6)) family = drawUsedFamily(rng, b.used);
    else {
      family = drawNewFamily(rng, b.taste, b.used);
      if (family < 0) family = drawUsedFamily(rng, b.used);
      b.used |= 1 << family;
    }
    const unit = newUnit(b, growerBreadth - 0.1);
    const region = drawRegion(rng, latent);
    const recorded = first || (amount >= 10_000 ? rng.chance(0.6) : rng.chance(0.12));
    out.push({
      day,
      amount: Math.round(amount * 100) / 100,
      family,
      unit,
      region,
      recorded,
      origin: first ? 'new' : 'expansion',
    });
    first = false;
    t += rng.exponential(meanGap);
  }
  return out;
}
