/**
 * The latent state of every demo account: firmographics, the wallet (what it could spend
 * with us), its share of that wallet over time, its life cycle with us, and a behaviour
 * trait. Kept in typed arrays so a million accounts fit in a few tens of megabytes;
 * every entity's rows are derived from this state plus the entity's own random stream.
 */

import type { SalesTeam } from './sales-team.ts';
import { streamFor } from './random.ts';
import type { Rng, SeedKey } from './random.ts';
import { INDUSTRIES, REGIONS, item } from './vocabulary.ts';

export const KINDS = ['prospect', 'active', 'churned', 'lapsed'] as const;
/** prospect: never bought; active: buying at `until`; churned: stopped within 36 months; lapsed: stopped earlier. */
export type Kind = (typeof KINDS)[number];

export const ARCHETYPES = ['steady', 'grower', 'stagnant'] as const;
/**
 * grower: small share of a large wallet, growing fast from a day of its own (before it, flat);
 * stagnant: large, flat or declining.
 */
export type Archetype = (typeof ARCHETYPES)[number];

export const PILOT_MODES = ['none', 'converts', 'fails', 'running'] as const;
/** The new-logo pilot an account started with, if any. */
export type PilotMode = (typeof PILOT_MODES)[number];

/** Stop day of accounts that never stop buying. */
export const NEVER = 1_000_000_000;

/** Highest share of its wallet an account gives us. */
export const SHARE_CAP = 0.85;

/** Day offsets (0 = first day of the window) that the life cycles are placed against. */
export type DemoWindow = {
  /** Offset of `until`, the last day of data. */
  readonly last: number;
  /** Offset of `until` minus 36 months: a purchase on or after it counts as recent. */
  readonly recent: number;
};

/** One account's latent state, read out of the population's arrays. */
export type AccountLatent = {
  index: number;
  industry: number;
  region: number;
  country: number;
  employees: number;
  revenue: number;
  /** Annual spend the account could give us at full share, USD. */
  wallet: number;
  /** Standardised log wallet (about N(0,1) over the population). */
  walletZ: number;
  kind: Kind;
  archetype: Archetype;
  /** Already a customer when the window opens. */
  preexisting: boolean;
  /** Buys only one-off purchases, no term contracts. */
  transactional: boolean;
  /** Months per invoice of its term contracts: 1, 3 or 12. */
  billingMonths: number;
  /** Day of the first purchase (the pilot start when it piloted first); -1 for prospects. */
  firstDay: number;
  /** First day with no more purchases (NEVER when still buying). */
  stopDay: number;
  createdDay: number;
  pilot: PilotMode;
  pilotDays: number;
  /** Days from pilot end to the converted term contract's start. */
  pilotGap: number;
  /** Share of wallet at day 0 and its log growth per year (a grower's: from `rampDay` on). */
  share0: number;
  growth: number;
  /** Day a grower's share starts to grow (flat before it); 0 for the other archetypes. */
  rampDay: number;
  /** Behaviour trait, about N(0,1): payment regularity and sales-cycle speed. */
  behavior: number;
  slowPayer: boolean;
  /** Tickets multiplier (about 1; service-intensive accounts 3x). */
  service: number;
  /** Owner rep index or -1. */
  owner: number;
  /** Parent account index or -1. */
  parent: number;
};

export type Population = {
  readonly size: number;
  readonly window: DemoWindow;
  readonly industry: Uint8Array;
  readonly region: Uint8Array;
  readonly country: Uint8Array;
  readonly employees: Int32Array;
  readonly revenue: Float64Array;
  readonly wallet: Float64Array;
  readonly kind: Uint8Array;
  readonly archetype: Uint8Array;
  readonly flags: Uint8Array;
  readonly billingMonths: Uint8Array;
  readonly firstDay: Int32Array;
  readonly stopDay: Int32Array;
  readonly createdDay: Int32Array;
  readonly pilot: Uint8Array;
  readonly pilotDays: Uint8Array;
  readonly pilotGap: Uint8Array;
  readonly share0: Float32Array;
  readonly growth: Float32Array;
  readonly rampDay: Int32Array;
  readonly behavior: Float32Array;
  readonly service: Float32Array;
  readonly owner: Int32Array;
  readonly parent: Int32Array;
};

const FLAG_PREEXISTING = 1;
const FLAG_TRANSACTIONAL = 2;
const FLAG_SLOW_PAYER = 4;

const INDUSTRY_WEIGHTS = INDUSTRIES.map((i) => i.weight);
const REGION_WEIGHTS = REGIONS.map((r) => r.weight);
const COUNTRY_WEIGHTS = REGIONS.map((r) => r.countries.map((c) => c.weight));

// Employees: log-normal around 180 people. Wallet ~ revenue^0.85 (bigger firms spend a
// smaller share of revenue), scaled so a median firm (~$45M revenue) could spend ~$100k/yr.
const LN_EMPLOYEES_MEDIAN = Math.log(180);
const EMPLOYEES_SIGMA = 1.5;
const WALLET_SCALE = 0.03;
const WALLET_ELASTICITY = 0.85;
const LN_WALLET_MEDIAN = Math.log(WALLET_SCALE) + WALLET_ELASTICITY * Math.log(180 * 250e3);
const LN_WALLET_SD = 1.45;

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

function clamp(value: number, lo: number, hi: number): number {
  return value < lo ? lo : value > hi ? hi : value;
}

/** Annual spend rate of an account on window day `day` (wallet x share of wallet). */
export function spendAt(latent: AccountLatent, day: number): number {
  const years = (latent.archetype === 'grower' ? Math.max(0, day - latent.rampDay) : day) / 365;
  const share = Math.min(SHARE_CAP, latent.share0 * Math.exp(latent.growth * years));
  return latent.wallet * share;
}

/**
 * Need-side momentum of an account: its share-of-wallet growth, standardised (about 0 for
 * a steady customer, 3-4 for tomorrow's giants, negative for decliners; 0 for prospects).
 * Every need-side signal (broadening, growth-aligned buying, upsell hints, senior
 * engagement, assessment answers) scales with it, so growth is visible before it shows
 * in revenue.
 */
export function momentum(latent: AccountLatent): number {
  if (latent.kind === 'prospect') return 0;
  return clamp((latent.growth - 0.05) / 0.15, -2, 4);
}

/** A zeroed latent record, to be filled by readLatent. */
export function createLatent(): AccountLatent {
  return {
    index: 0,
    industry: 0,
    region: 0,
    country: 0,
    employees: 0,
    revenue: 0,
    wallet: 0,
    walletZ: 0,
    kind: 'prospect',
    archetype: 'steady',
    preexisting: false,
    transactional: false,
    billingMonths: 3,
    firstDay: -1,
    stopDay: NEVER,
    createdDay: 0,
    pilot: 'none',
    pilotDays: 0,
    pilotGap: 0,
    share0: 0,
    growth: 0,
    rampDay: 0,
    behavior: 0,
    slowPayer: false,
    service: 1,
    owner: -1,
    parent: -1,
  };
}

/** Copies account `index`'s latent state into `out` (no allocation) and returns it. */
export function readLatent(
  population: Population,
  index: number,
  out: AccountLatent,
): AccountLatent {
  const p = population;
  const flags = p.flags[index] ?? 0;
  out.index = index;
  out.industry = p.industry[index] ?? 0;
  out.region = p.region[index] ?? 0;
  out.country = p.country[index] ?? 0;
  out.employees = p.employees[index] ?? 0;
  out.revenue = p.revenue[index] ?? 0;
  out.wallet = p.wallet[index] ?? 0;
  out.walletZ = (Math.log(out.wallet) - LN_WALLET_MEDIAN) / LN_WALLET_SD;
  out.kind = item(KINDS, p.kind[index] ?? 0);
  out.archetype = item(ARCHETYPES, p.archetype[index] ?? 0);
  out.preexisting = (flags & FLAG_PREEXISTING) !== 0;
  out.transactional = (flags & FLAG_TRANSACTIONAL) !== 0;
  out.slowPayer = (flags & FLAG_SLOW_PAYER) !== 0;
  out.billingMonths = p.billingMonths[index] ?? 3;
  out.firstDay = p.firstDay[index] ?? -1;
  out.stopDay = p.stopDay[index] ?? NEVER;
  out.createdDay = p.createdDay[index] ?? 0;
  out.pilot = item(PILOT_MODES, p.pilot[index] ?? 0);
  out.pilotDays = p.pilotDays[index] ?? 0;
  out.pilotGap = p.pilotGap[index] ?? 0;
  out.share0 = p.share0[index] ?? 0;
  out.growth = p.growth[index] ?? 0;
  out.rampDay = p.rampDay[index] ?? 0;
  out.behavior = p.behavior[index] ?? 0;
  out.service = p.service[index] ?? 1;
  out.owner = p.owner[index] ?? -1;
  out.parent = p.parent[index] ?? -1;
  return out;
}

/** Kind of an account, drawn so that lapsed and churned life cycles fit the window. */
function drawKind(rng: Rng, window: DemoWindow): Kind {
  const u = rng.float();
  if (u < 0.12) return 'prospect';
  // Lapsing needs room before the 36-month horizon; short windows have none.
  if (u < 0.21) return window.recent - 14 >= 200 ? 'lapsed' : 'churned';
  if (u < 0.29) return 'churned';
  return 'active';
}

function drawArchetype(rng: Rng, kind: Kind, walletZ: number): Archetype {
  if (kind !== 'active') return 'steady';
  // Tomorrow's giants hide among accounts with large wallets; so do the stagnant giants.
  const pGrower = 0.03 + 0.17 * sigmoid(1.6 * (walletZ - 0.5));
  const pStagnant = 0.24 * sigmoid(2 * (walletZ - 1));
  const u = rng.float();
  if (u < pGrower) return 'grower';
  if (u < pGrower + pStagnant) return 'stagnant';
  return 'steady';
}

type Lifecycle = {
  firstDay: number;
  stopDay: number;
  pilot: PilotMode;
  pilotDays: number;
  pilotGap: number;
  transactional: boolean;
};

type LifecycleInput = {
  kind: Kind;
  archetype: Archetype;
  preexisting: boolean;
  behavior: number;
  window: DemoWindow;
};

/** First purchase, stop day and new-logo pilot of a customer. */
function drawLifecycle(rng: Rng, input: LifecycleInput): Lifecycle {
  const { kind, archetype, preexisting, window } = input;
  const n = window.last;
  const life: Lifecycle = {
    firstDay: -1,
    stopDay: NEVER,
    pilot: 'none',
    pilotDays: rng.between(60, 120),
    pilotGap: rng.between(1, 75),
    transactional: archetype === 'steady' && rng.chance(0.15),
  };
  if (kind === 'prospect') return life;
  const pilotEnd = (start: number): number => start + life.pilotDays - 1;
  const conversion = (start: number): number => pilotEnd(start) + life.pilotGap;
  if (kind === 'active') {
    const late = archetype === 'steady' ? 0.97 : 0.3;
    life.firstDay = preexisting ? 0 : Math.floor(n * rng.uniform(0.03, late));
    if (!preexisting && !life.transactional && rng.chance(0.3)) {
      if (pilotEnd(life.firstDay) >= n) life.pilot = 'running';
      else {
        const p = sigmoid(0.3 + 0.7 * input.behavior + (archetype === 'grower' ? 1.2 : 0));
        const converts = conversion(life.firstDay) <= n && rng.chance(p);
        life.pilot = converts ? 'converts' : 'fails';
        // A failed pilot that still buys keeps buying piecemeal.
        if (!converts) life.transactional = true;
      }
    }
    return life;
  }
  if (kind === 'churned') {
    const latestFirst = Math.max(Math.floor(n * 0.03), Math.min(Math.floor(n * 0.75), n - 260));
    life.firstDay = preexisting ? 0 : rng.between(Math.floor(n * 0.03), latestFirst);
    const earliestStop = Math.max(life.firstDay + 200, window.recent);
    life.stopDay = earliestStop <= n - 30 ? rng.between(earliestStop, n - 30) : NEVER;
    if (!preexisting && !life.transactional && rng.chance(0.25)) life.pilot = 'converts';
    return life;
  }
  // Lapsed: the last purchase lies before the 36-month horizon.
  const stopMax = window.recent - 14;
  life.firstDay = preexisting
    ? 0
    : rng.between(Math.min(Math.floor(n * 0.02), stopMax - 130), stopMax - 130);
  life.stopDay = rng.between(Math.min(life.firstDay + 60, stopMax), stopMax);
  if (!preexisting && !life.transactional && rng.chance(0.5)) {
    const start = life.firstDay;
    if (rng.chance(0.3) && conversion(start) + 60 <= stopMax) {
      life.pilot = 'converts';
      life.stopDay = rng.between(conversion(start) + 60, stopMax);
    } else {
      life.pilot = 'fails';
      life.stopDay = pilotEnd(start) + 1;
    }
  }
  return life;
}

type PopulationOptions = {
  key: SeedKey;
  accounts: number;
  window: DemoWindow;
  team: SalesTeam;
};

/** Draws the latent state of `accounts` accounts; account i uses only its own stream. */
export function buildPopulation(options: PopulationOptions): Population {
  const { key, accounts: size, window, team } = options;
  const p: Population = {
    size,
    window,
    industry: new Uint8Array(size),
    region: new Uint8Array(size),
    country: new Uint8Array(size),
    employees: new Int32Array(size),
    revenue: new Float64Array(size),
    wallet: new Float64Array(size),
    kind: new Uint8Array(size),
    archetype: new Uint8Array(size),
    flags: new Uint8Array(size),
    billingMonths: new Uint8Array(size),
    firstDay: new Int32Array(size),
    stopDay: new Int32Array(size),
    createdDay: new Int32Array(size),
    pilot: new Uint8Array(size),
    pilotDays: new Uint8Array(size),
    pilotGap: new Uint8Array(size),
    share0: new Float32Array(size),
    growth: new Float32Array(size),
    rampDay: new Int32Array(size),
    behavior: new Float32Array(size),
    service: new Float32Array(size),
    owner: new Int32Array(size),
    parent: new Int32Array(size),
  };
  for (let i = 0; i < size; i += 1) drawAccount({ population: p, team, index: i, key });
  return p;
}

function drawAccount(options: {
  population: Population;
  team: SalesTeam;
  index: number;
  key: SeedKey;
}): void {
  const { population: p, team, index: i } = options;
  const window = p.window;
  const rng = streamFor(options.key, 'account', i);
  const industryIndex = rng.weighted(INDUSTRY_WEIGHTS);
  const industry = item(INDUSTRIES, industryIndex);
  const regionIndex = rng.weighted(REGION_WEIGHTS);
  const region = item(REGIONS, regionIndex);
  p.industry[i] = industryIndex;
  p.region[i] = regionIndex;
  p.country[i] = rng.weighted(item(COUNTRY_WEIGHTS, regionIndex));

  // Firmographics: revenue follows headcount; the wallet follows revenue, with noise.
  const employees = clamp(
    Math.round(Math.exp(LN_EMPLOYEES_MEDIAN + EMPLOYEES_SIGMA * rng.normal())),
    2,
    400_000,
  );
  const perEmployee = industry.revenuePerEmployee * Math.exp(0.35 * rng.normal());
  const revenue = Math.max(50_000, Math.round((employees * perEmployee) / 1000) * 1000);
  const wallet =
    WALLET_SCALE *
    industry.intensity *
    region.walletFactor *
    Math.pow(revenue, WALLET_ELASTICITY) *
    Math.exp(0.45 * rng.normal());
  const walletZ = (Math.log(wallet) - LN_WALLET_MEDIAN) / LN_WALLET_SD;
  p.employees[i] = employees;
  p.revenue[i] = revenue;
  p.wallet[i] = wallet;

  const kind = drawKind(rng, window);
  const archetype = drawArchetype(rng, kind, walletZ);
  p.kind[i] = KINDS.indexOf(kind);
  p.archetype[i] = ARCHETYPES.indexOf(archetype);

  // Share of wallet at the window start and its yearly log growth. A grower's growth starts on
  // a day anywhere in the window, so that at every day of it some growers are still small
  // (were it the window's first day, every grower would be large by its last years).
  let growth: number;
  let share0: number;
  let rampDay = 0;
  if (archetype === 'grower') {
    growth = rng.uniform(0.45, 0.9);
    share0 = rng.uniform(0.006, 0.03);
    rampDay = rng.between(0, window.last);
  } else if (archetype === 'stagnant') {
    growth = rng.uniform(-0.1, 0);
    share0 = rng.uniform(0.35, 0.7);
  } else {
    growth = clamp((kind === 'active' ? 0.08 : -0.05) + 0.12 * rng.normal(), -0.35, 0.45);
    share0 = clamp(Math.exp(Math.log(0.09) + 0.8 * rng.normal()), 0.01, 0.6);
  }
  p.growth[i] = growth;
  p.share0[i] = share0;
  p.rampDay[i] = rampDay;

  // Behaviour correlates only weakly with growth (about 0.25).
  const growthZ =
    archetype === 'grower'
      ? 1.5
      : archetype === 'stagnant'
        ? -0.4
        : kind === 'churned' || kind === 'lapsed'
          ? -0.6
          : kind === 'active'
            ? clamp((growth - 0.08) / 0.24, -1, 1)
            : 0;
  const behavior = 0.3 * growthZ + 0.95 * rng.normal();
  p.behavior[i] = behavior;

  const preexistingChance =
    archetype === 'stagnant'
      ? 0.97
      : archetype === 'grower'
        ? 0.7
        : kind === 'lapsed'
          ? 0.65
          : kind === 'churned'
            ? 0.6
            : 0.55;
  const preexisting = kind !== 'prospect' && rng.chance(preexistingChance);
  const life = drawLifecycle(rng, { kind, archetype, preexisting, behavior, window });
  p.firstDay[i] = life.firstDay;
  p.stopDay[i] = life.stopDay;
  p.pilot[i] = PILOT_MODES.indexOf(life.pilot);
  p.pilotDays[i] = life.pilotDays;
  p.pilotGap[i] = life.pilotGap;

  const slowPayer = behavior < -1.25;
  p.flags[i] =
    (preexisting ? FLAG_PREEXISTING : 0) |
    (life.transactional && kind !== 'prospect' ? FLAG_TRANSACTIONAL : 0) |
    (slowPayer ? FLAG_SLOW_PAYER : 0);
  const billing = rng.float();
  p.billingMonths[i] = billing < 0.12 ? 1 : billing < 0.75 ? 3 : 12;
  p.service[i] = Math.exp(0.5 * rng.normal()) * (rng.chance(0.12) ? 3 : 1);
  p.createdDay[i] =
    kind === 'prospect'
      ? rng.between(0, window.last)
      : preexisting
        ? 0
        : Math.max(0, life.firstDay - rng.between(15, 300));

  const reps = item(team.byRegion, regionIndex);
  const unassigned = kind === 'prospect' && rng.chance(0.2);
  p.owner[i] = unassigned
    ? -1
    : reps.length > 0
      ? item(reps, rng.below(reps.length))
      : rng.below(team.size);

  // About 8% are subsidiaries of an earlier account, usually the largest of a few tried.
  let parent = -1;
  if (i > 0 && rng.chance(0.08)) {
    parent = rng.below(i);
    for (let k = 0; k < 2; k += 1) {
      const candidate = rng.below(i);
      if ((p.employees[candidate] ?? 0) > (p.employees[parent] ?? 0)) parent = candidate;
    }
  }
  p.parent[i] = parent;
}
