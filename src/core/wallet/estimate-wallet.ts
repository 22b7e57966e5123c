import { ModelInputError } from '../models/model-errors.ts';
import { createSeededRandom } from '../models/seeded-random.ts';
import { pinballLoss, sortedQuantile } from './empirical-quantile.ts';
import {
  buildFirmographicDesign,
  cachedKey,
  MISSING_KEY,
  logFirmographic,
  standardise,
  type CategoryEncoding,
  type CategoryFeature,
  type FirmographicDesign,
  type FirmographicEncoder,
  type Firmographics,
  type NumericEncoding,
  type NumericFeature,
  type WalletCustomer,
} from './firmographic-design.ts';
import { fitPeerGroupQuantiles, type PeerGroupEstimate } from './peer-group-quantiles.ts';
import {
  fitSmoothedQuantileRegression,
  sparseRowPrediction,
  type SmoothedQuantileRegressionFit,
} from './smoothed-quantile-regression.ts';

export type { Firmographics, WalletCustomer } from './firmographic-design.ts';
export {
  potentialSpend,
  type PotentialSpend,
  type PotentialSpendInput,
  type PotentialSpendOptions,
  type PotentialSpendSource,
} from './potential-spend.ts';

/** Options of {@link fitWalletModel}; each field documents its default. */
export type WalletOptions = {
  /** The spend quantile that defines the wallet, in (0, 1) (default 0.8: Perlich et al. use 0.8–0.9). */
  quantile?: number;
  /**
   * Customers an industry or region needs for its own coefficient, and an industry for its own
   * peer-group quantile in the small-sample fallback; rarer ones are pooled (default 10).
   */
  minPeers?: number;
  /** Below this many customers with spend > 0 the regression is not fitted: peer groups instead (default 30). */
  minCustomers?: number;
  /** Ridge penalty on the standardised, non-intercept coefficients per customer (default 0.001). */
  ridge?: number;
  /** Customers in the seeded subsample that warms the fit up before it is polished on all (default 100,000). */
  warmStartRows?: number;
  /** Seed of that subsample (default 1978), so a fit is reproducible. */
  seed?: number;
};

/** Checks of a wallet model on the customers it was fitted on. */
export type WalletDiagnostics = {
  /** Mean check loss of log(1 + spend) against log(1 + estimate), in log units. */
  pinballLoss: number;
  /** The same for one constant: the q-quantile of log(1 + spend) over all customers. */
  baselinePinballLoss: number;
  /** Share of fitted customers whose spend is at or below their estimate; about q when calibrated. */
  calibration: number;
  /** Customers fitted (spend finite and > 0). */
  customers: number;
  /** Customers left out because their spend was not finite and > 0. */
  skippedCustomers: number;
};

export type WalletModel = {
  quantile: number;
  method: 'quantile-regression' | 'peer-groups';
  /** The peer wallet estimate for a firm, in money per year; finite and ≥ 0 for any input. */
  predict: (firmographics: Firmographics) => number;
  /** What the estimate is made of, for explanations. */
  describe: () => WalletDescription;
  diagnostics: WalletDiagnostics;
};

/** A numeric firmographic's term in the regression on log(1 + spend). */
export type NumericTerm = {
  feature: NumericFeature;
  /**
   * Change in log(1 + spend) per unit of log(1 + feature) (an elasticity for large values);
   * null when the feature did not vary among the customers.
   */
  coefficient: number | null;
  /** exp(mean log(1 + x)) − 1: the value a missing one stands in for. */
  imputedValue: number;
  /** Smallest and largest value among the customers; inputs outside are clamped to it. */
  range: [number, number];
  /** Shift in log(1 + spend) of a firm lacking the value against one at the imputed value; null when no customer lacked it. */
  missingEffect: number | null;
  customersMissing: number;
};

/** A category's one-hot terms, as shifts in log(1 + spend) against the customer-weighted average level. */
export type CategoryTerm = {
  feature: CategoryFeature;
  /** Levels with their own column (and "(missing)", "(other)" when present), largest first. */
  levels: { label: string; customers: number; effect: number }[];
  /** Rare levels pooled into "(other)". */
  pooled: string[];
  /** Why the category does not enter the model, else null. */
  dropped: string | null;
};

export type RegressionDescription = {
  method: 'quantile-regression';
  quantile: number;
  source: string;
  /** Estimate (money) for a firm of mean log size in the average industry and region (what unseen values get). */
  baselineEstimate: number;
  numeric: NumericTerm[];
  categories: CategoryTerm[];
  fit: {
    algorithm: string;
    customers: number;
    columns: number;
    /** Kernel bandwidth, log units. */
    bandwidth: number;
    ridge: number;
    iterations: number;
    warmStartRows: number | null;
  };
  notes: string[];
};

export type PeerGroupDescription = {
  method: 'peer-groups';
  quantile: number;
  /** Why the regression was not used. */
  reason: string;
  minPeers: number;
  global: PeerGroupEstimate;
  industries: PeerGroupEstimate[];
};

export type WalletDescription = RegressionDescription | PeerGroupDescription;

/** Options of {@link fitWalletQuantiles}: those of {@link fitWalletModel} with several quantiles. */
export type WalletQuantileOptions = Omit<WalletOptions, 'quantile'> & {
  /** Quantile levels in (0, 1) (default [0.5, 0.8, 0.9]); sorted and de-duplicated. */
  quantiles?: readonly number[];
};

export type WalletQuantileModels = {
  /** Ascending. */
  quantiles: number[];
  /** One model per quantile, in the same order; each predicts on its own and may cross the others. */
  models: WalletModel[];
  /** Estimates (money per year) at each quantile, non-decreasing: the models' estimates sorted. */
  predict: (firmographics: Firmographics) => number[];
  /** Share of fitted customers whose per-quantile estimates crossed before sorting. */
  crossingShare: number;
};

const SOURCE =
  'linear quantile regression (Koenker & Bassett 1978); wallet = a high conditional quantile of spend (Perlich, Rosset, Lawrence & Zadrozny, KDD 2007)';
const ALGORITHM =
  'convolution-smoothed check loss with a Gaussian kernel (He, Pan, Tan & Zhou 2023), damped Newton with bandwidth continuation';

type Settings = Required<Omit<WalletOptions, 'quantile'>>;
type Prepared = {
  customers: WalletCustomer[];
  skipped: number;
  settings: Settings;
  design: FirmographicDesign | null;
  /** log(1 + spend) sorted ascending, for the constant baseline. */
  sortedResponse: Float64Array;
};
type Fitted = { model: WalletModel; fittedLog: Float64Array };

/**
 * Fits the q-quantile of annual spend (money per year) given firmographics on current customers
 * with spend > 0 (others are skipped and counted): linear quantile regression of
 * log(1 + spend) on standardised log(1 + employees), log(1 + annual revenue) (missing: mean plus
 * an indicator) and one-hot industry and region, with a small ridge penalty; estimates are
 * exp(·) − 1 of the fitted quantile (quantiles are equivariant under that monotone map).
 * Sources: Koenker & Bassett (1978), "Regression quantiles", Econometrica 46(1); the wallet as a
 * high conditional spend quantile: Perlich, Rosset, Lawrence & Zadrozny (2007), "High-quantile
 * modeling for customer wallet estimation and other applications", KDD. With fewer than
 * minCustomers customers, no varying firmographic, or a fit that does not converge, falls back
 * to peer-group quantiles by industry, then the global quantile, and `describe()` says why.
 * Throws (naming this function) when no customer has spend > 0 or an option is out of range.
 */
export function fitWalletModel(
  customers: readonly WalletCustomer[],
  options: WalletOptions = {},
): WalletModel {
  const quantile = options.quantile ?? 0.8;
  assertQuantile('fitWalletModel', quantile);
  return fitQuantile(prepare('fitWalletModel', customers, options), quantile).model;
}

/**
 * Fits {@link fitWalletModel} at several quantiles (default 0.5, 0.8, 0.9) on one shared design.
 * Separately fitted quantile lines can cross; `predict` sorts each firm's estimates, the monotone
 * rearrangement of Chernozhukov, Fernández-Val & Galichon (2010, Econometrica 78(3)), which
 * never moves the estimates further from the true quantiles. Estimates in money per year.
 */
export function fitWalletQuantiles(
  customers: readonly WalletCustomer[],
  options: WalletQuantileOptions = {},
): WalletQuantileModels {
  const fn = 'fitWalletQuantiles';
  const requested = options.quantiles ?? [0.5, 0.8, 0.9];
  if (requested.length === 0) throw new ModelInputError(fn, 'needs at least one quantile');
  requested.forEach((q) => assertQuantile(fn, q));
  const quantiles = [...new Set(requested)].sort((a, b) => a - b);
  const prepared = prepare(fn, customers, options);
  const fits = quantiles.map((q) => fitQuantile(prepared, q));
  let crossed = 0;
  const n = prepared.customers.length;
  for (let i = 0; i < n; i += 1) {
    for (let k = 1; k < fits.length; k += 1) {
      if ((fits[k]?.fittedLog[i] ?? 0) < (fits[k - 1]?.fittedLog[i] ?? 0)) {
        crossed += 1;
        break;
      }
    }
  }
  const models = fits.map((f) => f.model);
  return {
    quantiles,
    models,
    predict: (firmographics) => models.map((m) => m.predict(firmographics)).sort((a, b) => a - b),
    crossingShare: crossed / n,
  };
}

function prepare(
  fn: string,
  customers: readonly WalletCustomer[],
  options: WalletOptions,
): Prepared {
  const given: unknown = customers;
  if (!Array.isArray(given)) throw new ModelInputError(fn, 'customers must be an array');
  const settings: Settings = {
    minPeers: options.minPeers ?? 10,
    minCustomers: options.minCustomers ?? 30,
    ridge: options.ridge ?? 1e-3,
    warmStartRows: options.warmStartRows ?? 100_000,
    seed: options.seed ?? 1978,
  };
  const { minPeers, minCustomers, ridge, warmStartRows, seed } = settings;
  if (!(Number.isInteger(minPeers) && minPeers >= 1)) {
    throw new ModelInputError(fn, `minPeers must be an integer ≥ 1 (got ${minPeers})`);
  }
  if (!(Number.isInteger(minCustomers) && minCustomers >= 1)) {
    throw new ModelInputError(fn, `minCustomers must be an integer ≥ 1 (got ${minCustomers})`);
  }
  if (!(ridge >= 0 && Number.isFinite(ridge))) {
    throw new ModelInputError(fn, `ridge must be finite and ≥ 0 (got ${ridge})`);
  }
  if (!(Number.isInteger(warmStartRows) && warmStartRows >= 1)) {
    throw new ModelInputError(fn, `warmStartRows must be an integer ≥ 1 (got ${warmStartRows})`);
  }
  if (!Number.isFinite(seed)) throw new ModelInputError(fn, `seed must be finite (got ${seed})`);
  const usable = customers.filter(
    (c) => typeof c.annualSpend === 'number' && c.annualSpend > 0 && Number.isFinite(c.annualSpend),
  );
  if (usable.length === 0) {
    throw new ModelInputError(
      fn,
      `needs at least one customer with a finite annual spend > 0 (got ${customers.length} customers, none usable)`,
    );
  }
  const design =
    usable.length >= minCustomers ? buildFirmographicDesign(usable, { minPeers }) : null;
  const sortedResponse = design
    ? Float64Array.from(design.design.response).sort()
    : Float64Array.from(usable, (c) => Math.log1p(c.annualSpend)).sort();
  return {
    customers: usable,
    skipped: customers.length - usable.length,
    settings,
    design,
    sortedResponse,
  };
}

function fitQuantile(prepared: Prepared, quantile: number): Fitted {
  const { design, customers, settings } = prepared;
  if (!design) {
    return peerGroupModel(prepared, {
      quantile,
      reason: `only ${customers.length} customers with annual spend > 0; the regression needs at least ${settings.minCustomers}`,
    });
  }
  if (design.encoder.columns === 1) {
    return peerGroupModel(prepared, {
      quantile,
      reason:
        'no firmographic varies among the customers (all missing or all the same), so spend has nothing to be regressed on',
    });
  }
  const fit = fitSmoothedQuantileRegression(design.design, {
    quantile,
    ridge: settings.ridge,
    warmStartRows: settings.warmStartRows,
    random: createSeededRandom(settings.seed),
  });
  if (!fit.converged) {
    return peerGroupModel(prepared, {
      quantile,
      reason: `the quantile regression did not converge (${fit.message} after ${fit.iterations} Newton iterations)`,
    });
  }
  return regressionModel(prepared, { quantile, fit, design });
}

function regressionModel(
  prepared: Prepared,
  parts: { quantile: number; fit: SmoothedQuantileRegressionFit; design: FirmographicDesign },
): Fitted {
  const { quantile, fit, design } = parts;
  const beta = fit.coefficients;
  const { encoder } = design;
  const categories = encoder.categories.map((encoding) => categoryEffects(encoding, beta));
  const predictLog = (f: Firmographics): number => {
    let eta = beta[0] ?? 0;
    for (const encoding of encoder.numeric) {
      eta += numericContribution(encoding, beta, f[encoding.feature]);
    }
    for (const category of categories) eta += category.effect(f[category.feature]);
    return eta;
  };
  const rows = design.design.rows;
  const fittedLog = new Float64Array(rows);
  for (let i = 0; i < rows; i += 1) {
    fittedLog[i] = Math.max(0, sparseRowPrediction(design.design, beta, i));
  }
  const diagnostics = diagnose(prepared, { quantile, fittedLog, response: design.design.response });
  const model: WalletModel = {
    quantile,
    method: 'quantile-regression',
    predict: (f) => toMoney(predictLog(f)),
    describe: () => describeRegression({ quantile, fit, encoder, categories, prepared }),
    diagnostics,
  };
  return { model, fittedLog };
}

type CategoryEffects = {
  feature: CategoryFeature;
  encoding: CategoryEncoding;
  /** Customer-weighted mean of the level coefficients: what an unseen value gets. */
  average: number;
  effect: (raw: string | null) => number;
};

function categoryEffects(encoding: CategoryEncoding, beta: Float64Array): CategoryEffects {
  let total = 0;
  let weighted = 0;
  for (const level of encoding.levels) {
    total += level.customers;
    weighted += level.customers * (beta[level.column] ?? 0);
  }
  const average = total > 0 ? weighted / total : 0;
  const cache = new Map<string, string>();
  const missing = coefficientOf(encoding, beta, MISSING_KEY) ?? average;
  return {
    feature: encoding.feature,
    encoding,
    average,
    effect: (raw) =>
      typeof raw === 'string'
        ? (coefficientOf(encoding, beta, cachedKey(cache, raw)) ?? average)
        : missing,
  };
}

function coefficientOf(encoding: CategoryEncoding, beta: Float64Array, key: string): number | null {
  const column = encoding.columnOfKey.get(key);
  return column === undefined ? null : (beta[column] ?? 0);
}

function numericContribution(
  encoding: NumericEncoding,
  beta: Float64Array,
  raw: number | null,
): number {
  const log = logFirmographic(raw);
  if (Number.isNaN(log)) {
    return encoding.missingColumn === null ? 0 : (beta[encoding.missingColumn] ?? 0);
  }
  return encoding.column === null ? 0 : (beta[encoding.column] ?? 0) * standardise(encoding, log);
}

function describeRegression(parts: {
  quantile: number;
  fit: SmoothedQuantileRegressionFit;
  encoder: FirmographicEncoder;
  categories: CategoryEffects[];
  prepared: Prepared;
}): RegressionDescription {
  const { quantile, fit, encoder, categories, prepared } = parts;
  const beta = fit.coefficients;
  const baseline = (beta[0] ?? 0) + categories.reduce((sum, c) => sum + c.average, 0);
  return {
    method: 'quantile-regression',
    quantile,
    source: SOURCE,
    baselineEstimate: toMoney(baseline),
    numeric: encoder.numeric.map((e) => ({
      feature: e.feature,
      coefficient: e.column === null ? null : (beta[e.column] ?? 0) / e.sdLog,
      imputedValue: Math.expm1(e.meanLog),
      range: [Math.expm1(e.minLog), Math.expm1(e.maxLog)],
      missingEffect: e.missingColumn === null ? null : (beta[e.missingColumn] ?? 0),
      customersMissing: e.missing,
    })),
    categories: categories.map((c) => ({
      feature: c.feature,
      levels: c.encoding.levels.map((level) => ({
        label: level.label,
        customers: level.customers,
        effect: (beta[level.column] ?? 0) - c.average,
      })),
      pooled: [...c.encoding.pooled],
      dropped: c.encoding.dropped,
    })),
    fit: {
      algorithm: ALGORITHM,
      customers: prepared.customers.length,
      columns: encoder.columns,
      bandwidth: fit.bandwidth,
      ridge: prepared.settings.ridge,
      iterations: fit.iterations,
      warmStartRows: fit.warmStartRows,
    },
    notes: [
      'Response: log(1 + annual spend); estimate = exp(fitted quantile) − 1, which is the spend quantile because quantiles commute with monotone maps.',
      'An industry or region never seen among the customers gets the customer-weighted average effect; rare ones share "(other)".',
      'A missing employee count or revenue stands in at the customers’ mean log value, shifted by its missing-indicator effect.',
      'Employees and revenue outside the customers’ range are clamped to it: the line is not extrapolated.',
    ],
  };
}

function peerGroupModel(prepared: Prepared, parts: { quantile: number; reason: string }): Fitted {
  const { quantile, reason } = parts;
  const { customers, settings } = prepared;
  const groups = fitPeerGroupQuantiles(customers, { quantile, minPeers: settings.minPeers });
  const fittedLog = Float64Array.from(customers, (c) =>
    Math.log1p(groups.estimate(c.firmographics.industry)),
  );
  const response = Float64Array.from(customers, (c) => Math.log1p(c.annualSpend));
  const model: WalletModel = {
    quantile,
    method: 'peer-groups',
    predict: (f) => groups.estimate(typeof f.industry === 'string' ? f.industry : null),
    describe: () => ({
      method: 'peer-groups',
      quantile,
      reason,
      minPeers: settings.minPeers,
      global: { ...groups.global },
      industries: groups.industries.map((g) => ({ ...g })),
    }),
    diagnostics: diagnose(prepared, { quantile, fittedLog, response }),
  };
  return { model, fittedLog };
}

function diagnose(
  prepared: Prepared,
  parts: { quantile: number; fittedLog: Float64Array; response: Float64Array },
): WalletDiagnostics {
  const { quantile, fittedLog, response } = parts;
  const constant = sortedQuantile(prepared.sortedResponse, quantile);
  let loss = 0;
  let baseline = 0;
  let covered = 0;
  const n = response.length;
  for (let i = 0; i < n; i += 1) {
    const y = response[i] ?? 0;
    const estimate = fittedLog[i] ?? 0;
    loss += pinballLoss(y, estimate, quantile);
    baseline += pinballLoss(y, constant, quantile);
    if (y <= estimate) covered += 1;
  }
  return {
    pinballLoss: loss / n,
    baselinePinballLoss: baseline / n,
    calibration: covered / n,
    customers: n,
    skippedCustomers: prepared.skipped,
  };
}

/** exp(η) − 1, floored at 0 and capped at the largest finite number. */
function toMoney(logEstimate: number): number {
  const money = Math.expm1(logEstimate);
  return money > 0 ? Math.min(money, Number.MAX_VALUE) : 0;
}

function assertQuantile(fn: string, q: number): void {
  if (!(typeof q === 'number' && q > 0 && q < 1)) {
    throw new ModelInputError(fn, `quantile must be in (0, 1) (got ${String(q)})`);
  }
}
