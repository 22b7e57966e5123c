import type { SparseDesign } from './smoothed-quantile-regression.ts';

/** What we know about a firm; any field may be unknown (null). Revenue is the firm's own, in money. */
export type Firmographics = {
  industry: string | null;
  region: string | null;
  employees: number | null;
  annualRevenue: number | null;
};

/** A current customer: its firmographics and what it spent with us over a year (money). */
export type WalletCustomer = { firmographics: Firmographics; annualSpend: number };

export type NumericFeature = 'employees' | 'annualRevenue';
export type CategoryFeature = 'industry' | 'region';

/**
 * How a count or amount enters the design: z = (log(1 + x) − mean) / sd, with log(1 + x) clamped
 * to the range seen in training (no linear extrapolation beyond the largest customer); a missing
 * value gets z = 0 (the mean) and, when the training data had some, a 0/1 indicator column.
 */
export type NumericEncoding = {
  feature: NumericFeature;
  /** Column of z, or null when the feature never varied among the customers. */
  column: number | null;
  /** Column of the missing indicator, or null when none or all customers lacked the value. */
  missingColumn: number | null;
  meanLog: number;
  sdLog: number;
  minLog: number;
  maxLog: number;
  observed: number;
  missing: number;
};

/** One column of a one-hot category group; key is the normalised name. */
export type CategoryLevel = { key: string; label: string; customers: number; column: number };

/**
 * A one-hot category group. Levels with fewer than minPeers customers share an "(other)" column;
 * an unknown value ("(missing)") is a level like any other; a value never seen in training gets
 * the customer-weighted mean of the level effects (mean imputation of the one-hot columns).
 */
export type CategoryEncoding = {
  feature: CategoryFeature;
  /** Columns of this group, largest first; empty when the group was dropped. */
  levels: CategoryLevel[];
  /** Labels of the rare levels pooled into "(other)". */
  pooled: string[];
  /** Column of every key seen in training (pooled keys map to the "(other)" column). */
  columnOfKey: Map<string, number>;
  /** Why the group has no columns (e.g. every customer in the same industry), else null. */
  dropped: string | null;
};

export type FirmographicEncoder = {
  columns: number;
  columnNames: string[];
  numeric: NumericEncoding[];
  categories: CategoryEncoding[];
};

export type FirmographicDesign = { design: SparseDesign; encoder: FirmographicEncoder };

export type FirmographicDesignOptions = {
  /** Customers a level needs for its own column (rarer levels are pooled into "(other)"). */
  minPeers: number;
  /** Most levels per category group; the smallest beyond it are pooled (default 200). */
  maxLevels?: number;
};

export const MISSING_KEY = '\u0000missing';
export const MISSING_LABEL = '(missing)';
export const OTHER_LABEL = '(other)';
const OTHER_KEY = '\u0000other';
const WIDTH = 5;
const NUMERIC_FEATURES: readonly NumericFeature[] = ['employees', 'annualRevenue'];
const CATEGORY_FEATURES: readonly CategoryFeature[] = ['industry', 'region'];

/** log(1 + x) of a count or amount; NaN when x is null, negative or not finite (treated as missing). */
export function logFirmographic(x: number | null | undefined): number {
  return typeof x === 'number' && x >= 0 && Number.isFinite(x) ? Math.log1p(x) : Number.NaN;
}

/** The normalised key of an industry or region name (trimmed, spaces collapsed, lower case). */
export function categoryKey(raw: string | null | undefined): string {
  if (typeof raw !== 'string') return MISSING_KEY;
  const key = raw.trim().replace(/\s+/g, ' ').toLowerCase();
  return key === '' ? MISSING_KEY : key;
}

/**
 * Builds the sparse design of log(1 + employees), log(1 + annual revenue) (standardised, with
 * missing indicators) and one-hot industry and region for customers whose spend is usable
 * (finite, > 0; the caller filters), with response log(1 + annual spend). Column 0 is the
 * intercept. One pass over the customer objects into typed columns, the rest over those; about
 * 100 bytes per customer.
 */
export function buildFirmographicDesign(
  customers: readonly WalletCustomer[],
  options: FirmographicDesignOptions,
): FirmographicDesign {
  const n = customers.length;
  const logEmployees = new Float64Array(n);
  const logRevenue = new Float64Array(n);
  const industryIds = new Int32Array(n);
  const regionIds = new Int32Array(n);
  const industrySpellings = new Map<string | null, number>();
  const regionSpellings = new Map<string | null, number>();
  const response = new Float64Array(n);
  // one pass over the objects; written out per field because this loop runs a million times
  for (let i = 0; i < n; i += 1) {
    const customer = customers[i];
    if (!customer) continue;
    const f = customer.firmographics;
    response[i] = Math.log1p(customer.annualSpend);
    logEmployees[i] = logFirmographic(f.employees);
    logRevenue[i] = logFirmographic(f.annualRevenue);
    industryIds[i] = spellingId(industrySpellings, f.industry);
    regionIds[i] = spellingId(regionSpellings, f.region);
  }
  const logs = [logEmployees, logRevenue];
  const names = [industryIds, regionIds];
  const spellings = [industrySpellings, regionSpellings];

  const columnNames = ['intercept'];
  const numeric = NUMERIC_FEATURES.map((feature, k) =>
    encodeNumeric({ feature, logs: logs[k] ?? new Float64Array(n) }, columnNames),
  );
  const categories = CATEGORY_FEATURES.map((feature, k) =>
    encodeCategory(
      {
        feature,
        ids: names[k] ?? new Int32Array(n),
        spellings: spellings[k] ?? new Map<string | null, number>(),
      },
      { options, columnNames },
    ),
  );
  const index = new Int32Array(n * WIDTH).fill(-1);
  const value = new Float64Array(n * WIDTH);
  for (let i = 0; i < n; i += 1) {
    index[i * WIDTH] = 0;
    value[i * WIDTH] = 1;
  }
  numeric.forEach((encoding, k) => {
    const column = logs[k];
    if (!column) return;
    for (let i = 0; i < n; i += 1) {
      const log = column[i] ?? Number.NaN;
      const slot = i * WIDTH + 1 + k;
      if (Number.isNaN(log)) {
        if (encoding.missingColumn === null) continue;
        index[slot] = encoding.missingColumn;
        value[slot] = 1;
      } else if (encoding.column !== null) {
        index[slot] = encoding.column;
        value[slot] = standardise(encoding, log);
      }
    }
  });
  categories.forEach(({ encoding, columnOfSpelling }, k) => {
    const ids = names[k];
    if (!ids || encoding.dropped !== null) return;
    for (let i = 0; i < n; i += 1) {
      const column = columnOfSpelling[ids[i] ?? 0] ?? -1;
      if (column < 0) continue;
      index[i * WIDTH + 3 + k] = column;
      value[i * WIDTH + 3 + k] = 1;
    }
  });
  return {
    design: { rows: n, columns: columnNames.length, width: WIDTH, index, value, response },
    encoder: {
      columns: columnNames.length,
      columnNames,
      numeric,
      categories: categories.map((c) => c.encoding),
    },
  };
}

function spellingId(ids: Map<string | null, number>, raw: string | null): number {
  const spelling = typeof raw === 'string' ? raw : null;
  let id = ids.get(spelling);
  if (id === undefined) {
    id = ids.size;
    ids.set(spelling, id);
  }
  return id;
}

/** (log(1 + x) clamped to the training range − mean) / sd: the value of the feature's column. */
export function standardise(encoding: NumericEncoding, log: number): number {
  const clamped = Math.min(encoding.maxLog, Math.max(encoding.minLog, log));
  return (clamped - encoding.meanLog) / encoding.sdLog;
}

/** A raw name's key, remembering up to 100,000 raw spellings so repeated names skip normalising. */
export function cachedKey(cache: Map<string, string> | undefined, raw: string | null): string {
  if (typeof raw !== 'string' || !cache) return categoryKey(raw);
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const key = categoryKey(raw);
  if (cache.size < 100_000) cache.set(raw, key);
  return key;
}

function encodeNumeric(
  data: { feature: NumericFeature; logs: Float64Array },
  columnNames: string[],
): NumericEncoding {
  const { feature, logs } = data;
  // Welford's running mean and variance of log(1 + x) over the customers that have x
  let observed = 0;
  let mean = 0;
  let m2 = 0;
  let minLog = Number.POSITIVE_INFINITY;
  let maxLog = Number.NEGATIVE_INFINITY;
  for (const log of logs) {
    if (Number.isNaN(log)) continue;
    observed += 1;
    const delta = log - mean;
    mean += delta / observed;
    m2 += delta * (log - mean);
    if (log < minLog) minLog = log;
    if (log > maxLog) maxLog = log;
  }
  const missing = logs.length - observed;
  const sd = observed > 1 ? Math.sqrt(m2 / (observed - 1)) : 0;
  // a spread this small is rounding, not signal: the feature does not vary
  const varies = sd > 1e-12 * Math.max(1, Math.abs(mean));
  let column: number | null = null;
  if (varies) {
    column = columnNames.length;
    columnNames.push(`log(1 + ${feature}), standardised`);
  }
  let missingColumn: number | null = null;
  if (missing > 0 && observed > 0) {
    missingColumn = columnNames.length;
    columnNames.push(`${feature} missing`);
  }
  return {
    feature,
    column,
    missingColumn,
    meanLog: observed > 0 ? mean : 0,
    sdLog: varies ? sd : 1,
    minLog: observed > 0 ? minLog : 0,
    maxLog: observed > 0 ? maxLog : 0,
    observed,
    missing,
  };
}

type CategoryData = {
  feature: CategoryFeature;
  /** Per customer, the id of its raw spelling. */
  ids: Int32Array;
  /** Raw spelling (null when not a string) → id. */
  spellings: Map<string | null, number>;
};

function encodeCategory(
  data: CategoryData,
  context: { options: FirmographicDesignOptions; columnNames: string[] },
): { encoding: CategoryEncoding; columnOfSpelling: Int32Array } {
  const { feature, ids, spellings } = data;
  const { options, columnNames } = context;
  const { minPeers } = options;
  const maxLevels = options.maxLevels ?? 200;
  const spellingCounts = new Int32Array(spellings.size);
  for (const id of ids) spellingCounts[id] = (spellingCounts[id] ?? 0) + 1;
  // several spellings ("Retail", " retail ") share one key; the first spelling seen labels it
  const counts = new Map<string, { label: string; customers: number }>();
  const keyOfSpelling: string[] = [];
  for (const [raw, id] of spellings) {
    const key = categoryKey(raw);
    keyOfSpelling[id] = key;
    const customers = spellingCounts[id] ?? 0;
    const entry = counts.get(key);
    if (entry) entry.customers += customers;
    else {
      const label = key === MISSING_KEY ? MISSING_LABEL : String(raw).trim().replace(/\s+/g, ' ');
      counts.set(key, { label, customers });
    }
  }
  const ranked = [...counts.entries()].sort(
    (a, b) => b[1].customers - a[1].customers || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const isOwn = (customers: number, rank: number): boolean =>
    customers >= minPeers && rank < maxLevels;
  const own = ranked.filter(([, e], rank) => isOwn(e.customers, rank));
  const rare = ranked.filter(([, e], rank) => !isOwn(e.customers, rank));
  const columnOfSpelling = new Int32Array(spellings.size).fill(-1);
  const groups = own.length + (rare.length > 0 ? 1 : 0);
  if (groups <= 1) {
    const only = ranked[0]?.[1].label ?? MISSING_LABEL;
    const encoding: CategoryEncoding = {
      feature,
      levels: [],
      pooled: rare.map(([, e]) => e.label),
      columnOfKey: new Map(),
      dropped:
        ranked.length === 1
          ? `every customer has ${feature} ${only}`
          : `no ${feature} has ${minPeers} or more customers`,
    };
    return { encoding, columnOfSpelling };
  }
  const levels: CategoryLevel[] = [];
  const columnOfKey = new Map<string, number>();
  for (const [key, entry] of own) {
    const column = columnNames.length;
    columnNames.push(`${feature} = ${entry.label}`);
    levels.push({ key, label: entry.label, customers: entry.customers, column });
    columnOfKey.set(key, column);
  }
  if (rare.length > 0) {
    const column = columnNames.length;
    columnNames.push(`${feature} = ${OTHER_LABEL}`);
    const pooledCustomers = rare.reduce((sum, [, e]) => sum + e.customers, 0);
    levels.push({ key: OTHER_KEY, label: OTHER_LABEL, customers: pooledCustomers, column });
    for (const [key] of rare) columnOfKey.set(key, column);
  }
  keyOfSpelling.forEach((key, id) => {
    columnOfSpelling[id] = columnOfKey.get(key) ?? -1;
  });
  const encoding: CategoryEncoding = {
    feature,
    levels,
    pooled: rare.map(([, e]) => e.label),
    columnOfKey,
    dropped: null,
  };
  return { encoding, columnOfSpelling };
}
