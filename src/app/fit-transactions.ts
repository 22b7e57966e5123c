import { HotspotError } from '../core/errors.ts';
import { fitBgBb, type BgBbFit } from '../core/models/bgbb.ts';
import {
  bgNbdConditionalExpectedPurchases,
  fitBgNbd,
  type BgNbdFit,
} from '../core/models/bgnbd.ts';
import {
  DAYS_PER_UNIT,
  dayNumber,
  summarizeTransactions,
  type CalibrationSummary,
  type TimeUnit,
} from '../core/models/calibration-summary.ts';
import {
  expectedSpend12Months,
  expectedSpendPerTransaction,
  fitGammaGamma,
  type GammaGammaOutcome,
} from '../core/models/gamma-gamma.ts';
import { ModelInputError, NotConvergedError } from '../core/models/model-errors.ts';
import type { Store } from '../db/store.ts';
import { readInvoiceTransactions, type InvoiceTransaction } from '../db/transactions.ts';
import {
  readPeriodSummaryFile,
  readTransactionsFile,
  type TransactionsPreset,
} from '../ingest/transactions-file.ts';

/** Which models {@link fitTransactions} fits on the calibration summary. */
export type TransactionModels = 'bgnbd' | 'gamma-gamma' | 'both';

/** Options of {@link fitTransactions}; each field documents its default. */
export type FitTransactionsOptions = {
  /** Last day of calibration, ISO YYYY-MM-DD (default: the last transaction's day). */
  until?: string;
  /** Time unit of the summary and of the BG/NBD parameters (default 'week'). */
  unit?: TimeUnit;
  /** File layout (default: CSV with a header). */
  preset?: TransactionsPreset;
  /** Models to fit (default 'both'). */
  models?: TransactionModels;
};

export type FitTransactionsResult = {
  summary: CalibrationSummary;
  bgNbd: BgNbdFit | null;
  spend: GammaGammaOutcome | null;
  /** Expected spend in the next 12 months per customer, in summary order (money); null unless both models were fitted. */
  expectedSpend12Months: Float64Array | null;
};

/**
 * Reads a transactions file, builds the calibration summary (same-day purchases merged;
 * x, t_x, T, zbar as in Fader, Hardie & Lee 2005) and fits BG/NBD and/or Gamma-Gamma.
 * Throws InvalidFileError for unreadable files and ModelInputError for unusable data;
 * non-convergence is reported in the fits, not thrown.
 */
export async function fitTransactions(
  path: string,
  options: FitTransactionsOptions = {},
): Promise<FitTransactionsResult> {
  const transactions = await readTransactionsFile(path, { preset: options.preset });
  const summary = summarizeTransactions(transactions, { until: options.until, unit: options.unit });
  return fitCalibrationSummary(summary, options.models ?? 'both');
}

/**
 * Like {@link fitTransactions}, on the workspace's own invoices: one transaction per invoice
 * with a positive amount (customer = the account's external id, date = issued_on, amount).
 * Throws HotspotError NOT_FOUND when the workspace has no invoices, ModelInputError for a
 * malformed `until`; non-convergence is reported in the fits, not thrown.
 */
export async function fitWorkspaceTransactions(
  store: Store,
  options: Omit<FitTransactionsOptions, 'preset'> = {},
): Promise<FitTransactionsResult> {
  const transactions = await readWorkspaceTransactions(store);
  const summary = summarizeTransactions(transactions, { until: options.until, unit: options.unit });
  return fitCalibrationSummary(summary, options.models ?? 'both');
}

/** Options of {@link expectedSpendByAccount}; each field documents its default. */
export type ExpectedSpendByAccountOptions = {
  /** End of calibration, ISO YYYY-MM-DD: only invoices issued on or before it are used. */
  asOf: string;
  /** Months ahead the spend is expected over (default 12). */
  horizonMonths?: number;
};

/**
 * Expected spend per account (internal account id → money) in the `horizonMonths` months after
 * asOf, for blending into potential spend: BG/NBD conditional expected purchases over the
 * horizon (Fader, Hardie & Lee 2005, Marketing Science 24(2)) × expected spend per purchase
 * from Gamma-Gamma (Fader, Hardie & Lee 2005, JMR 42(4)) or, when Gamma-Gamma is rejected, its
 * stated fallback (each account's mean spend shrunk towards the population mean). Both are
 * fitted on the invoices issued on or before asOf (one purchase per invoice, same-day invoices
 * merged, time in weeks); accounts without such invoices are absent. Throws NotConvergedError
 * when BG/NBD does not converge, HotspotError NOT_FOUND without invoices, ModelInputError for a
 * malformed asOf or horizon, or fewer than 3 repeat buyers.
 */
export async function expectedSpendByAccount(
  store: Store,
  options: ExpectedSpendByAccountOptions,
): Promise<Map<number, number>> {
  const fn = 'expectedSpendByAccount';
  if (dayNumber(options.asOf) === null)
    throw new ModelInputError(fn, `asOf "${options.asOf}" is not a calendar date YYYY-MM-DD`);
  const horizonMonths = options.horizonMonths ?? 12;
  if (!(horizonMonths > 0) || !Number.isFinite(horizonMonths))
    throw new ModelInputError(fn, `horizonMonths must be positive, got ${horizonMonths}`);
  const transactions = await readWorkspaceTransactions(store, options.asOf);
  const summary = summarizeTransactions(transactions, { until: options.asOf, unit: 'week' });
  const { customers } = summary;
  const bgNbd = fitBgNbd({
    x: customers.map((c) => c.x),
    tx: customers.map((c) => c.tx),
    T: customers.map((c) => c.T),
  });
  if (!bgNbd.converged) throw new NotConvergedError('bgnbd', bgNbd.message);
  const spend = fitGammaGamma({ x: customers.map((c) => c.x), zbar: customers.map((c) => c.zbar) });
  const horizon = (horizonMonths * DAYS_PER_UNIT.month) / DAYS_PER_UNIT.week;
  const accountOf = new Map(transactions.map((t) => [t.customerId, t.accountId]));
  const expected = new Map<number, number>();
  for (const c of customers) {
    const accountId = accountOf.get(c.customerId);
    if (accountId === undefined) continue;
    const purchases = bgNbdConditionalExpectedPurchases(bgNbd, c, horizon);
    expected.set(accountId, purchases * expectedSpendPerTransaction(spend, c));
  }
  return expected;
}

async function readWorkspaceTransactions(
  store: Store,
  through?: string,
): Promise<InvoiceTransaction[]> {
  const transactions = await readInvoiceTransactions(store, { through });
  if (transactions.length === 0)
    throw new HotspotError(
      'NOT_FOUND',
      `the workspace has no invoices${through ? ` issued on or before ${through}` : ''} to fit on: import invoices (or run \`hotspot demo\`), or give a transactions FILE`,
    );
  return transactions;
}

/** Fits the chosen models on a calibration summary (see {@link fitTransactions}). */
export function fitCalibrationSummary(
  summary: CalibrationSummary,
  models: TransactionModels,
): FitTransactionsResult {
  const { customers } = summary;
  const bgNbd =
    models === 'gamma-gamma'
      ? null
      : fitBgNbd({
          x: customers.map((c) => c.x),
          tx: customers.map((c) => c.tx),
          T: customers.map((c) => c.T),
        });
  const spend =
    models === 'bgnbd'
      ? null
      : fitGammaGamma({ x: customers.map((c) => c.x), zbar: customers.map((c) => c.zbar) });
  const unitsPerYear = 365.25 / DAYS_PER_UNIT[summary.unit];
  const yearly =
    bgNbd && spend ? expectedSpend12Months({ bgNbd, spend }, customers, { unitsPerYear }) : null;
  return { summary, bgNbd, spend, expectedSpend12Months: yearly };
}

/**
 * Reads a discrete-period summary file (frequency, recency, periods[, weights]) and fits the
 * BG/BB model (Fader, Hardie & Shang 2010). Throws InvalidFileError / ModelInputError.
 */
export async function fitBgBbFile(path: string): Promise<BgBbFit> {
  const data = await readPeriodSummaryFile(path);
  return fitBgBb(data);
}
