import { fitBgBb, type BgBbFit } from '../core/models/bgbb.ts';
import { fitBgNbd, type BgNbdFit } from '../core/models/bgnbd.ts';
import {
  DAYS_PER_UNIT,
  summarizeTransactions,
  type CalibrationSummary,
  type TimeUnit,
} from '../core/models/calibration-summary.ts';
import {
  expectedSpend12Months,
  fitGammaGamma,
  type GammaGammaOutcome,
} from '../core/models/gamma-gamma.ts';
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
