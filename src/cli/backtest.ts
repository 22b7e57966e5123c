import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import {
  backtestFigures,
  listStoredBacktests,
  runBacktest,
  type BacktestFigures,
  type BacktestReport,
  type BacktestResult,
} from '../app/backtest.ts';
import { loadModel } from '../app/score-workspace.ts';
import { UsageError } from '../core/errors.ts';
import { parseCutoff, parseMonths } from '../core/backtest/parse-backtest-period.ts';
import { TIERS } from '../core/scoring/assign-tiers.ts';
import { formatMoney, formatPercent, formatTable, print, printJson, withStore } from './context.ts';
import { positiveInteger } from './demo.ts';

type BacktestFlags = {
  cutoff?: string;
  cutoffs?: string;
  horizon: string;
  model: string[];
  list?: boolean;
  limit: number;
  json?: boolean;
};

const points = (x: number | null): string =>
  x === null ? '-' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} pts`;
const times = (x: number | null): string => (x === null ? '-' : `${x.toFixed(2)}x`);
/** Increases only: Tier 1's share of all increases / the value-only stack-rank's. */
const gains = (g: BacktestFigures['gains']): string =>
  `${formatPercent(g.tier1)} / ${formatPercent(g.valueOnly)}`;

/** Registers `hotspot backtest`: score at past cutoffs, measure what happened next, store and list. */
export function registerBacktest(program: Command): void {
  program
    .command('backtest')
    .description(
      'score with data up to a past cutoff only, then measure the growth that followed: Tier 1 against a value-only stack-rank and random',
    )
    .option('--cutoff <date>', 'YYYY-MM-DD, or -Nm: N months before the newest dated record')
    .option('--cutoffs <dates>', 'rolling: comma-separated cutoffs (dates or -Nm)')
    .option('--horizon <months>', 'outcome window after each cutoff (e.g. 12m, 6m, 1y)', '12m')
    .option(
      '--model <file>',
      'model document; repeat to compare models side by side (default: the built-in model)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--list', 'list stored backtests instead of running one')
    .option('--limit <n>', 'with --list: at most this many', positiveInteger, 20)
    .option('--json', 'JSON')
    .action(async (flags: BacktestFlags) => {
      if (flags.list) {
        if (flags.cutoff || flags.cutoffs)
          throw new UsageError('backtest --list takes no --cutoff or --cutoffs');
        const stored = await withStore(program, (store) => listStoredBacktests(store, flags.limit));
        if (flags.json) return printJson(stored);
        if (stored.length === 0)
          return print('no backtests yet: run `hotspot backtest --cutoff -12m`');
        return print(
          formatTable(
            [
              'id',
              'created',
              'model',
              'hash',
              'run',
              'cutoff',
              'horizon',
              'tier 1',
              'value-only',
              'advantage',
              'increases only: tier 1 / value-only',
            ],
            stored.map((b) => {
              const f = backtestFigures(b);
              return [
                b.id,
                b.createdAt,
                b.modelName,
                b.modelHash,
                b.runId,
                b.cutoff,
                `${b.horizonMonths}m`,
                formatPercent(f.tier1),
                formatPercent(f.valueOnly),
                points(f.advantageOverValueOnly),
                gains(f.gains),
              ];
            }),
          ),
        );
      }
      if (Boolean(flags.cutoff) === Boolean(flags.cutoffs))
        throw new UsageError(
          'backtest: give --cutoff DATE|-12m or --cutoffs D1,D2,... (or --list)',
        );
      const cutoffs = (flags.cutoff ?? flags.cutoffs ?? '')
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
        .map(parseCutoff);
      const horizonMonths = parseMonths(flags.horizon);
      const models = flags.model.length > 0 ? flags.model.map((m) => loadModel(m)) : [loadModel()];
      const onStep = progressBar();
      const report = await withStore(program, (store) =>
        runBacktest(store, { cutoffs, horizonMonths, models, ...(onStep ? { onStep } : {}) }),
      );
      if (flags.json) return printJson(report);
      printReport(report, { rolling: Boolean(flags.cutoffs) });
    });
}

/** A progress bar over model × cutoff steps on a terminal (stderr), nothing otherwise. */
function progressBar(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let bar: cliProgress.SingleBar | undefined;
  return (done, total) => {
    if (!bar) {
      bar = new cliProgress.SingleBar(
        {
          format: 'backtest [{bar}] {value}/{total}',
          stream: process.stderr,
          clearOnComplete: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total, 0);
    }
    bar.update(done);
    if (done >= total) bar.stop();
  };
}

const label = (r: Pick<BacktestResult, 'modelSource' | 'modelHash'>): string =>
  `${r.modelSource} (${r.modelHash.slice(0, 8)})`;

function printReport(report: BacktestReport, options: { rolling: boolean }): void {
  const { results } = report;
  print(
    `backtest: horizon ${report.horizonMonths} months after each cutoff; newest record ${report.newestRecord}; growth = horizon revenue - revenue of as many months just before the cutoff`,
  );
  print(
    "a selection's share = its accounts' growth (net of their declines) / the whole book's net growth; 'increases only' credits every rise and ignores every fall",
  );
  for (const r of results.filter((x) => !x.complete))
    print(
      `note: ${label(r)} at ${r.cutoff}: the horizon ends ${r.horizonEnd}, after the newest record; outcomes are cut short`,
    );
  const cutoffs = [...new Set(results.map((r) => r.cutoff))];
  if (!options.rolling && cutoffs.length === 1) return printSideBySide(results);
  for (const summary of report.summaries) {
    const mine = results.filter(
      (r) => r.modelHash === summary.modelHash && r.modelSource === summary.modelSource,
    );
    print();
    print(`model ${label(mine[0] ?? { ...summary })}`);
    print(
      formatTable(
        [
          'cutoff',
          'run',
          'tier 1',
          'capture',
          'value-only',
          'advantage',
          'random (95%)',
          'precision',
          'recall',
          '1b churn',
          'increases only: tier 1 / value-only',
        ],
        mine.map((r) => {
          const m = r.metrics;
          return [
            r.cutoff,
            r.runId,
            m.tier1.accounts,
            formatPercent(m.tier1.share),
            formatPercent(m.valueOnly.share),
            points(m.advantageOverValueOnly),
            `${formatPercent(m.random.expected)} (${formatPercent(m.random.low)} to ${formatPercent(m.random.high)})`,
            formatPercent(m.topGrowth.precision),
            formatPercent(m.topGrowth.recall),
            formatPercent(m.churnByTier['1b'].rate),
            gains(backtestFigures(r).gains),
          ];
        }),
      ),
    );
    const a = summary.advantage;
    print(
      `Tier 1 advantage over value-only: mean ${points(a.mean)}, sd ${a.sd === null ? '-' : `${(a.sd * 100).toFixed(1)} pts`}, range ${points(a.min)} to ${points(a.max)} over ${a.count} cutoffs with a full horizon`,
    );
  }
}

/** One column per model: every metric of a single cutoff. */
function printSideBySide(results: readonly BacktestResult[]): void {
  const first = results[0];
  if (!first) return;
  print(`cutoff ${first.cutoff}; outcomes in (${first.cutoff}, ${first.horizonEnd}]`);
  const row = (
    name: string,
    value: (r: BacktestResult) => string | number,
  ): (string | number)[] => [name, ...results.map(value)];
  const churn = (tier: (typeof TIERS)[number]) =>
    row(`churn ${tier}`, (r) => {
      const c = r.metrics.churnByTier[tier];
      return `${formatPercent(c.rate)} (${c.churned}/${c.customers})`;
    });
  print(
    formatTable(
      ['metric', ...results.map(label)],
      [
        row('run (stored backtest)', (r) => `${r.runId} (${r.id})`),
        row('accounts scored', (r) => String(r.metrics.accounts)),
        row(
          'Tier 1 accounts (1a + 1b)',
          (r) =>
            `${r.metrics.tier1.accounts} (${r.metrics.tier1a.accounts} + ${r.metrics.tier1b.accounts})`,
        ),
        row(
          'book growth: net (increases only)',
          (r) => `${formatMoney(r.metrics.netGrowth)} (${formatMoney(r.metrics.positiveGrowth)})`,
        ),
        row(
          'Tier 1 growth (share of net)',
          (r) => `${formatMoney(r.metrics.tier1.growth)} (${formatPercent(r.metrics.tier1.share)})`,
        ),
        row('  Tier 1a', (r) => formatPercent(r.metrics.tier1a.share)),
        row('  Tier 1b', (r) => formatPercent(r.metrics.tier1b.share)),
        row(
          'value-only top N by revenue',
          (r) =>
            `${formatMoney(r.metrics.valueOnly.growth)} (${formatPercent(r.metrics.valueOnly.share)})`,
        ),
        row('advantage over value-only', (r) => points(r.metrics.advantageOverValueOnly)),
        row('lift over value-only', (r) => times(r.metrics.liftOverValueOnly)),
        row(
          'random N (95% of 1,000 draws)',
          (r) =>
            `${formatPercent(r.metrics.random.expected)} (${formatPercent(r.metrics.random.low)} to ${formatPercent(r.metrics.random.high)})`,
        ),
        row('lift over random', (r) => times(r.metrics.liftOverRandom)),
        row('increases only: Tier 1 / value-only', (r) => gains(backtestFigures(r).gains)),
        row('precision, top 10% by growth', (r) => formatPercent(r.metrics.topGrowth.precision)),
        row('recall, top 10% by growth', (r) => formatPercent(r.metrics.topGrowth.recall)),
        row(
          'Tier 3 that became large',
          (r) =>
            `${r.metrics.tier3BecameLarge.becameLarge} of ${r.metrics.tier3BecameLarge.tier3Accounts}`,
        ),
        ...TIERS.map(churn),
      ],
    ),
  );
}
