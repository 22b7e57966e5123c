import type { Command } from 'commander';
import {
  fitBgBbFile,
  fitTransactions,
  fitWorkspaceTransactions,
  type TransactionModels,
} from '../app/fit-transactions.ts';
import { UsageError } from '../core/errors.ts';
import type { BgNbdFit } from '../core/models/bgnbd.ts';
import type { TimeUnit } from '../core/models/calibration-summary.ts';
import { dayNumber } from '../core/models/calibration-summary.ts';
import type { GammaGammaOutcome } from '../core/models/gamma-gamma.ts';
import { NotConvergedError } from '../core/models/model-errors.ts';
import { fitSbg } from '../core/models/sbg.ts';
import { withStore } from './context.ts';

type ParameterRow = { name: string; estimate: number; standardError: number | null };

/** What every `hotspot fit` command prints: as a table, or the same fields as JSON. */
type FitReport = {
  model: string;
  title: string;
  parameters: ParameterRow[];
  logLikelihood: number;
  converged: boolean;
  message: string;
  notes: string[];
  data: Record<string, unknown>;
};

type TransactionFlags = { until?: string; unit?: string; preset?: string; json?: boolean };

/** Adds `hotspot fit sbg|bgnbd|gamma-gamma|bgbb`: fit a customer-base model and print its estimates. */
export function registerFit(program: Command): void {
  const fit = program
    .command('fit')
    .description(
      'fit a customer-base model (sBG, BG/NBD, Gamma-Gamma, BG/BB) and print its estimates',
    );

  fit
    .command('sbg')
    .description(
      'shifted-beta-geometric retention (Fader & Hardie 2007) from cohort survivors per period',
    )
    .requiredOption(
      '--survival <counts>',
      'customers alive at the start of periods 0..n, comma separated, e.g. "1000,869,743"',
    )
    .option('--json', 'print JSON')
    .action((flags: { survival: string; json?: boolean }) => {
      const survivors = parseSurvival(flags.survival);
      const result = fitSbg(survivors);
      emit(
        {
          model: 'sbg',
          title: `sBG retention fitted on ${result.periods} periods of a cohort of ${survivors[0] ?? 0}`,
          parameters: [
            { name: 'alpha', estimate: result.alpha, standardError: result.standardErrors.alpha },
            { name: 'beta', estimate: result.beta, standardError: result.standardErrors.beta },
          ],
          logLikelihood: result.logLikelihood,
          converged: result.converged,
          message: result.message,
          notes: [],
          data: { survivors },
        },
        flags.json === true,
      );
    });

  const addTransactionOptions = (command: Command): Command =>
    command
      .argument(
        '[file]',
        "transactions: CSV with customer_id,date,amount, or CDNOW text with --preset cdnow (default: the workspace's invoices)",
      )
      .option(
        '--until <date>',
        'last day of the calibration period, YYYY-MM-DD (default: the last transaction)',
      )
      .option('--unit <unit>', 'time unit: day, week or month', 'week')
      .option('--preset <preset>', 'file layout: cdnow')
      .option('--json', 'print JSON');

  addTransactionOptions(
    fit
      .command('bgnbd')
      .description(
        "BG/NBD repeat purchases (Fader, Hardie & Lee 2005) from a transactions file or the workspace's invoices",
      ),
  ).action(async (file: string | undefined, flags: TransactionFlags, command: Command) => {
    await runTransactions({ file, command }, flags, 'bgnbd');
  });

  addTransactionOptions(
    fit
      .command('gamma-gamma')
      .description(
        "Gamma-Gamma spend per transaction (Fader, Hardie & Lee 2005) from a transactions file or the workspace's invoices",
      ),
  ).action(async (file: string | undefined, flags: TransactionFlags, command: Command) => {
    await runTransactions({ file, command }, flags, 'gamma-gamma');
  });

  fit
    .command('bgbb')
    .description('BG/BB discrete-time repeat transactions (Fader, Hardie & Shang 2010)')
    .argument('<file>', 'CSV with frequency,recency,periods[,weights]')
    .option('--json', 'print JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const result = await fitBgBbFile(file);
      emit(
        {
          model: 'bgbb',
          title: `BG/BB fitted on ${formatCount(result.customers)} customers`,
          parameters: (['alpha', 'beta', 'gamma', 'delta'] as const).map((name) => ({
            name,
            estimate: result[name],
            standardError: result.standardErrors[name],
          })),
          logLikelihood: result.logLikelihood,
          converged: result.converged,
          message: result.message,
          notes: [],
          data: { customers: result.customers },
        },
        flags.json === true,
      );
    });
}

/** Where the transactions come from: a file, or (without one) the workspace the command opens. */
type TransactionsSource = { file: string | undefined; command: Command };

async function runTransactions(
  source: TransactionsSource,
  flags: TransactionFlags,
  models: Exclude<TransactionModels, 'both'>,
): Promise<void> {
  const { file } = source;
  const unit = parseUnit(flags.unit);
  if (flags.until !== undefined && dayNumber(flags.until) === null) {
    throw new UsageError(`--until must be a calendar date YYYY-MM-DD, got "${flags.until}"`);
  }
  if (flags.preset !== undefined && flags.preset !== 'cdnow')
    throw new UsageError(`--preset must be cdnow, got "${flags.preset}"`);
  if (flags.preset !== undefined && file === undefined)
    throw new UsageError(
      '--preset applies to a transactions FILE; without one the workspace is used',
    );
  const result =
    file === undefined
      ? await withStore(source.command, (store) =>
          fitWorkspaceTransactions(store, { until: flags.until, unit, models }),
        )
      : await fitTransactions(file, { until: flags.until, unit, preset: flags.preset, models });
  const { summary } = result;
  const data = {
    source: file === undefined ? 'workspace' : 'file',
    customers: summary.customers.length,
    repeatBuyers: summary.customers.filter((c) => c.x > 0).length,
    until: summary.until,
    unit: summary.unit,
    transactions: summary.transactions,
    purchaseDays: summary.purchaseDays,
  };
  const from = file === undefined ? " (the workspace's invoices)" : '';
  const span = `${formatCount(data.customers)} customers${from}, calibration until ${data.until}, time in ${data.unit}s`;
  if (result.bgNbd) emit(bgNbdReport(result.bgNbd, span, data), flags.json === true);
  if (result.spend) emit(gammaGammaReport(result.spend, { data, from }), flags.json === true);
}

function bgNbdReport(fit: BgNbdFit, span: string, data: Record<string, unknown>): FitReport {
  return {
    model: 'bgnbd',
    title: `BG/NBD fitted on ${span}`,
    parameters: (['r', 'alpha', 'a', 'b'] as const).map((name) => ({
      name,
      estimate: fit[name],
      standardError: fit.standardErrors[name],
    })),
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    message: fit.message,
    notes: [],
    data: { ...data, distinctHistories: fit.distinctRows },
  };
}

function gammaGammaReport(
  outcome: GammaGammaOutcome,
  context: { data: Record<string, unknown>; from: string },
): FitReport {
  const { data, from } = context;
  const { fit, diagnostics } = outcome;
  const notes = outcome.ok
    ? [
        `implied mean spend per transaction ${diagnostics.impliedMeanSpend.toFixed(2)} (observed ${diagnostics.meanSpend.toFixed(2)})`,
      ]
    : [`Gamma-Gamma not used: ${outcome.reason}`, `fallback: ${outcome.fallback.description}`];
  return {
    model: 'gamma-gamma',
    title: `Gamma-Gamma fitted on ${formatCount(diagnostics.customers)} repeat buyers${from}`,
    parameters: (['p', 'q', 'gamma'] as const).map((name) => ({
      name,
      estimate: fit[name],
      standardError: fit.standardErrors[name],
    })),
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
    message: fit.message,
    notes,
    data: {
      ...data,
      ok: outcome.ok,
      diagnostics,
      ...(outcome.ok ? {} : { reason: outcome.reason, fallback: outcome.fallback }),
    },
  };
}

/**
 * Prints a report; a BG/NBD, sBG or BG/BB fit that did not converge is printed (marked) and
 * then thrown as NotConvergedError so the exit code says so. Gamma-Gamma's non-convergence
 * comes with its stated fallback and is not an error.
 */
function emit(report: FitReport, json: boolean): void {
  if (json) {
    const parameters = Object.fromEntries(
      report.parameters.map((p) => [
        p.name,
        { estimate: p.estimate, standardError: p.standardError },
      ]),
    );
    const body = {
      model: report.model,
      parameters,
      logLikelihood: Number.isFinite(report.logLikelihood) ? report.logLikelihood : null,
      converged: report.converged,
      message: report.message,
      notes: report.notes,
      data: report.data,
    };
    process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatTable(report)}\n`);
  }
  if (!report.converged && report.model !== 'gamma-gamma') {
    throw new NotConvergedError(report.model, report.message);
  }
}

function formatTable(report: FitReport): string {
  const rows: [string, string, string][] = [
    ['parameter', 'estimate', 'std. error'],
    ...report.parameters.map((p): [string, string, string] => [
      p.name,
      formatNumber(p.estimate),
      p.standardError === null ? '-' : formatNumber(p.standardError),
    ]),
    [
      'log-likelihood',
      Number.isFinite(report.logLikelihood) ? report.logLikelihood.toFixed(4) : '-',
      '',
    ],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  const line = (r: [string, string, string]): string =>
    `  ${r[0].padEnd(widths[0] ?? 0)}  ${r[1].padStart(widths[1] ?? 0)}  ${r[2].padStart(widths[2] ?? 0)}`.trimEnd();
  return [
    report.title,
    ...rows.map(line),
    `converged: ${report.converged ? 'yes' : 'NO'} (${report.message})`,
    ...report.notes,
  ].join('\n');
}

function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const magnitude = Math.abs(v);
  return magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)
    ? v.toExponential(4)
    : v.toFixed(4);
}

function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

function parseSurvival(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  const counts = parts.map(Number);
  const bad = parts.findIndex(
    (s, i) => s === '' || !Number.isFinite(counts[i]) || (counts[i] ?? -1) < 0,
  );
  if (bad >= 0)
    throw new UsageError(
      `--survival must be comma-separated non-negative counts, got "${parts[bad] ?? ''}" at position ${bad + 1}`,
    );
  if (counts.length < 2)
    throw new UsageError('--survival needs the counts of at least 2 periods (0 and 1)');
  return counts;
}

function parseUnit(raw: string | undefined): TimeUnit {
  const unit = raw ?? 'week';
  if (unit === 'day' || unit === 'week' || unit === 'month') return unit;
  throw new UsageError(`--unit must be day, week or month, got "${unit}"`);
}
