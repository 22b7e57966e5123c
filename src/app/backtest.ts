import { UsageError } from '../core/errors.ts';
import {
  measureBacktest,
  summarizeSeries,
  type BacktestMetrics,
} from '../core/backtest/measure-backtest.ts';
import {
  parseCutoff,
  resolveCutoff,
  type CutoffSpec,
} from '../core/backtest/parse-backtest-period.ts';
import { addMonths } from '../core/lifecycle/calendar-months.ts';
import { newestRecordDate } from '../db/lifecycle-queries.ts';
import {
  insertBacktest,
  listBacktests,
  readBacktestRows,
  type StoredBacktest,
} from '../db/backtest-queries.ts';
import type { Store } from '../db/store.ts';
import { loadModel, scoreWorkspace, type LoadedModel } from './score-workspace.ts';

export type BacktestRequest = {
  /** Cutoff dates or relative cutoffs (`-12m`, counted back from the newest dated record). */
  cutoffs: readonly (string | CutoffSpec)[];
  /** Months after each cutoff in which outcomes are measured (default 12). */
  horizonMonths?: number;
  /** Models to compare (default: the built-in model). */
  models?: readonly LoadedModel[];
  /** Random selections for the interval (default 1,000) and their seed (default 1). */
  draws?: number;
  seed?: number;
  /** Called after each model × cutoff, for progress. */
  onStep?: (done: number, total: number) => void;
};

export type BacktestResult = {
  id: number;
  modelName: string;
  modelHash: string;
  modelSource: string;
  runId: number;
  cutoff: string;
  horizonMonths: number;
  /** Last day of the horizon: outcomes are invoices in (cutoff, horizonEnd]. */
  horizonEnd: string;
  /** False when the horizon runs past the newest dated record (outcomes are cut short). */
  complete: boolean;
  metrics: BacktestMetrics;
};

export type ModelSummary = {
  modelName: string;
  modelHash: string;
  modelSource: string;
  /** Tier 1 capture − value-only capture over the cutoffs whose horizon the data covers. */
  advantage: ReturnType<typeof summarizeSeries>;
};

export type BacktestReport = {
  newestRecord: string;
  horizonMonths: number;
  results: BacktestResult[];
  summaries: ModelSummary[];
};

/**
 * Backtests each model at each cutoff (DESIGN section 7): scores the workspace with data up to
 * the cutoff only (a normal stored run), measures growth in the horizon against Tier 1, a
 * value-only stack-rank of the same size and random selection, and stores each result.
 * Tiers are taken from the run's scores and thresholds without hysteresis, so an earlier run
 * (possibly scored as of a later date) cannot leak into them. Throws UsageError on a cutoff
 * with no data after it.
 */
export async function runBacktest(store: Store, request: BacktestRequest): Promise<BacktestReport> {
  if (request.cutoffs.length === 0) throw new UsageError('backtest: give at least one cutoff');
  const newest = await newestRecordDate(store);
  if (newest === null)
    throw new UsageError(
      'nothing to backtest: the workspace has no dated records (import data or run `hotspot demo`)',
    );
  const horizonMonths = request.horizonMonths ?? 12;
  const models = request.models?.length ? request.models : [loadModel()];
  const cutoffs = request.cutoffs.map((c) =>
    resolveCutoff(typeof c === 'string' ? parseCutoff(c) : c, newest),
  );
  for (const cutoff of cutoffs)
    if (cutoff >= newest)
      throw new UsageError(
        `backtest: cutoff ${cutoff} leaves nothing to measure (newest record ${newest})`,
      );
  const total = models.length * cutoffs.length;
  const results: BacktestResult[] = [];
  for (const model of models) {
    for (const cutoff of cutoffs) {
      results.push(await backtestOne(store, { model, cutoff, horizonMonths, newest, request }));
      request.onStep?.(results.length, total);
    }
  }
  const summaries = models.map((m) => ({
    modelName: m.model.name,
    modelHash: m.hash,
    modelSource: m.source,
    advantage: summarizeSeries(
      results
        .filter((r) => r.modelHash === m.hash && r.modelSource === m.source && r.complete)
        .map((r) => r.metrics.advantageOverValueOnly)
        .filter((a): a is number => a !== null),
    ),
  }));
  return { newestRecord: newest, horizonMonths, results, summaries };
}

async function backtestOne(
  store: Store,
  step: {
    model: LoadedModel;
    cutoff: string;
    horizonMonths: number;
    newest: string;
    request: BacktestRequest;
  },
): Promise<BacktestResult> {
  const { model, cutoff, horizonMonths, newest, request } = step;
  // stage-less scope: the run is a normal run of the default scope
  const run = await scoreWorkspace(store, { asOf: cutoff, model, purpose: 'backtest' });
  const horizonEnd = addMonths(cutoff, horizonMonths);
  // growth compares the horizon with a period as long just before the cutoff
  const beforeStart = addMonths(cutoff, -horizonMonths);
  const rows = await readBacktestRows(store, { runId: run.id, beforeStart, cutoff, horizonEnd });
  // a backtest run has no hysteresis base and overrides are kept apart: its stored tiers are
  // the tiers its scores give
  const metrics = measureBacktest(rows, {
    ...(request.draws === undefined ? {} : { draws: request.draws }),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
  });
  const record = {
    modelHash: model.hash,
    modelName: model.model.name,
    runId: run.id,
    cutoff,
    horizonMonths,
    metrics: JSON.stringify(metrics),
  };
  const id = await insertBacktest(store, record);
  return {
    id,
    modelName: record.modelName,
    modelHash: record.modelHash,
    modelSource: model.source,
    runId: run.id,
    cutoff,
    horizonMonths,
    horizonEnd,
    complete: horizonEnd <= newest,
    metrics,
  };
}

/** What a backtest measured for one model at one cutoff, as the model editor and the list show it. */
export type BacktestFigures = {
  modelName: string;
  modelHash: string;
  tier1Accounts: number;
  tier1: number | null;
  tier1a: number | null;
  tier1b: number | null;
  valueOnly: number | null;
  random: { expected: number | null; low: number | null; high: number | null };
  advantageOverValueOnly: number | null;
  /** Increases only: Tier 1's and the value-only stack-rank's shares of all increases. */
  gains: { tier1: number | null; valueOnly: number | null };
  /** Net growth in money: the whole book's, Tier 1's and the value-only stack-rank's. */
  growth: { book: number | null; tier1: number | null; valueOnly: number | null };
  precision: number | null;
  recall: number | null;
};

/**
 * The figures of a result. Metrics stored before shares were of net growth (no `netGrowth`)
 * held shares of increases only: they show as such, with no net shares.
 */
export function backtestFigures(
  r: Pick<BacktestResult, 'modelName' | 'modelHash'> & { metrics: BacktestMetrics },
): BacktestFigures {
  const m = r.metrics;
  const net = typeof (m as { netGrowth?: unknown }).netGrowth === 'number';
  const share = (c: BacktestMetrics['tier1']): number | null => (net ? c.share : null);
  return {
    modelName: r.modelName,
    modelHash: r.modelHash,
    tier1Accounts: m.tier1.accounts,
    tier1: share(m.tier1),
    tier1a: share(m.tier1a),
    tier1b: share(m.tier1b),
    valueOnly: share(m.valueOnly),
    random: net
      ? { expected: m.random.expected, low: m.random.low, high: m.random.high }
      : { expected: null, low: null, high: null },
    advantageOverValueOnly: net ? m.advantageOverValueOnly : null,
    gains: net
      ? { tier1: m.tier1.gainsShare, valueOnly: m.valueOnly.gainsShare }
      : { tier1: m.tier1.share, valueOnly: m.valueOnly.share },
    growth: net
      ? { book: m.netGrowth, tier1: m.tier1.growth, valueOnly: m.valueOnly.growth }
      : { book: null, tier1: null, valueOnly: null },
    precision: m.topGrowth.precision,
    recall: m.topGrowth.recall,
  };
}

export type ListedBacktest = Omit<StoredBacktest, 'metrics'> & { metrics: BacktestMetrics };

/** The latest stored backtests with their metrics, newest first. */
export async function listStoredBacktests(store: Store, limit = 50): Promise<ListedBacktest[]> {
  const rows = await listBacktests(store, limit);
  return rows.map((r) => ({ ...r, metrics: JSON.parse(r.metrics) as BacktestMetrics }));
}
