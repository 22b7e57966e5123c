import type { Command } from 'commander';
import {
  churnReport,
  pilotReport,
  renewalReport,
  retentionReport,
  type ChurnReport,
  type PilotReport,
  type RenewalReport,
  type RetentionReport,
} from '../app/lifecycle.ts';
import { UsageError } from '../core/errors.ts';
import type { CohortGranularity } from '../core/lifecycle/measure-cohort-retention.ts';
import type { RetentionWindow } from '../core/lifecycle/measure-retention.ts';
import type { CohortProjection } from '../core/lifecycle/project-cohort-retention.ts';
import { dayNumber } from '../core/models/calibration-summary.ts';
import { formatPercent, formatTable, print, printJson, withStore } from './context.ts';

type CommonFlags = { asOf?: string; json?: boolean };

/** Adds `hotspot lifecycle pilots|renewals|retention|churn` (DESIGN section 5). */
export function registerLifecycle(program: Command): void {
  const lifecycle = program
    .command('lifecycle')
    .description('pilots, renewals, cohort retention and churn, as of a date');
  const common = (command: Command): Command =>
    command
      .option(
        '--as-of <date>',
        "report as of this day, YYYY-MM-DD (default: the workspace's newest dated record)",
      )
      .option('--json', 'print JSON');

  common(
    lifecycle
      .command('pilots')
      .description('pilot funnel, conversion rate, time to convert and pilots at risk')
      .option(
        '--window <days>',
        'days after a pilot ends within which a term contract converts it',
        '90',
      ),
  ).action(async (flags: CommonFlags & { window: string }, command: Command) => {
    const options = {
      asOf: parseAsOf(flags.asOf),
      conversionWindowDays: parseCount('--window', flags.window, 0),
    };
    const report = await withStore(command, (store) => pilotReport(store, options));
    if (flags.json) printJson(report);
    else printPilots(report);
  });

  common(
    lifecycle
      .command('renewals')
      .description('upcoming renewals by month with value at stake and risk signals')
      .option('--months <n>', 'months ahead', '12')
      .option('--limit <n>', 'renewals at risk listed', '20'),
  ).action(async (flags: CommonFlags & { months: string; limit: string }, command: Command) => {
    const options = {
      asOf: parseAsOf(flags.asOf),
      months: parseCount('--months', flags.months, 1),
    };
    const limit = parseCount('--limit', flags.limit, 0);
    const report = await withStore(command, (store) => renewalReport(store, options));
    if (flags.json) printJson(report);
    else printRenewals(report, limit);
  });

  common(
    lifecycle
      .command('retention')
      .description('cohort retention heat map and the sBG retention projection per cohort')
      .option('--by <period>', 'cohorts and periods: year or quarter', 'year'),
  ).action(async (flags: CommonFlags & { by: string }, command: Command) => {
    if (flags.by !== 'year' && flags.by !== 'quarter')
      throw new UsageError(`--by must be year or quarter, got "${flags.by}"`);
    const granularity: CohortGranularity = flags.by;
    const options = { asOf: parseAsOf(flags.asOf), granularity };
    const report = await withStore(command, (store) => retentionReport(store, options));
    if (flags.json) printJson(report);
    else printRetention(report);
  });

  common(
    lifecycle
      .command('churn')
      .description(
        'logo churn, gross and net revenue retention by month and year, growth arithmetic',
      )
      .option('--months <n>', 'monthly rows shown (JSON has them all)', '12'),
  ).action(async (flags: CommonFlags & { months: string }, command: Command) => {
    const options = { asOf: parseAsOf(flags.asOf) };
    const months = parseCount('--months', flags.months, 0);
    const report = await withStore(command, (store) => churnReport(store, options));
    if (flags.json) printJson(report);
    else printChurn(report, months);
  });
}

function printPilots(report: PilotReport): void {
  print(
    `Pilots as of ${report.asOf} (converted: a term contract of the account starts by ${report.conversionWindowDays} days after the pilot ends)`,
  );
  print();
  print(
    table(
      ['stage', 'pilots'],
      [
        ['started', count(report.started)],
        ['  running', count(report.running)],
        ['  ended', count(report.ended)],
        ['    converted', count(report.converted)],
        ['    awaiting (inside the window)', count(report.awaiting)],
        ['    not converted', count(report.notConverted)],
      ],
    ),
  );
  print();
  print(
    `conversion rate ${formatPercent(report.conversionRate)} (converted / (converted + not converted)); median days from pilot end to conversion: ${report.medianDaysToConvert ?? '-'}`,
  );
  if (report.byStartYear.length > 0) {
    print();
    print('by year started');
    print(
      table(
        ['year', 'started', 'running', 'converted', 'awaiting', 'not converted', 'conversion'],
        report.byStartYear.map((y) => [
          String(y.year),
          count(y.started),
          count(y.running),
          count(y.converted),
          count(y.awaiting),
          count(y.notConverted),
          formatPercent(y.conversionRate),
        ]),
      ),
    );
  }
  print();
  print(
    `pilots at risk: running, ending within ${report.atRiskDays} days, no open deal (${report.atRisk.length})`,
  );
  if (report.atRisk.length > 0) {
    print(
      table(
        ['account', 'pilot', 'ends', 'days left', 'annual value'],
        report.atRisk.map((p) => [
          p.accountName,
          p.externalId,
          p.endDate,
          count(p.daysLeft),
          money(p.annualValue),
        ]),
      ),
    );
  }
}

function printRenewals(report: RenewalReport, limit: number): void {
  const { totals } = report;
  print(
    `Renewals due after ${report.asOf} through ${report.until}: ${count(totals.contracts)} contracts, ${money(totals.valueAtStake)} a year at stake; ${count(totals.atRisk)} with a risk signal (${money(totals.valueAtRisk)})`,
  );
  if (!report.behaviorScoresSupplied)
    print('behavior scores not supplied: the low-behavior signal is not evaluated');
  print();
  print(
    table(
      ['month', 'contracts', 'value at stake', 'at risk', 'value at risk'],
      [
        ...report.months.map((m) => [
          m.month,
          count(m.contracts),
          money(m.valueAtStake),
          count(m.atRisk),
          money(m.valueAtRisk),
        ]),
        [
          'total',
          count(totals.contracts),
          money(totals.valueAtStake),
          count(totals.atRisk),
          money(totals.valueAtRisk),
        ],
      ],
    ),
  );
  const risky = report.renewals
    .filter((r) => r.signals.length > 0)
    .sort(
      (a, b) =>
        b.signals.length - a.signals.length ||
        b.annualValue - a.annualValue ||
        a.renewalDate.localeCompare(b.renewalDate),
    );
  if (risky.length === 0 || limit === 0) return;
  print();
  print(
    `renewals at risk, most signals and highest value first (${Math.min(limit, risky.length)} of ${risky.length})`,
  );
  print(
    table(
      ['renews', 'account', 'contract', 'annual value', 'risk', 'signals'],
      risky
        .slice(0, limit)
        .map((r) => [
          r.renewalDate,
          r.accountName,
          r.externalId,
          money(r.annualValue),
          r.risk,
          r.signals.map((s) => s.replace('_', ' ')).join(', '),
        ]),
    ),
  );
  print(
    'signals: falling spend (last 6 months < 80% of the 6 before), competitor (sighting in 12 months), overdue invoices (unpaid past due), low behavior (score < 40)',
  );
}

function printRetention(report: RetentionReport): void {
  const { heatMap, projection } = report;
  if (heatMap.cohorts.length === 0) {
    print(`Cohort retention as of ${report.asOf}: no invoiced revenue on or before that day`);
    return;
  }
  print(
    `Cohort retention by ${heatMap.granularity} as of ${report.asOf}: share of each cohort's accounts with revenue in each ${heatMap.granularity}`,
  );
  print();
  const partial = heatMap.cohorts.some((c) => c.cells.some((x) => x.partial));
  const censored = heatMap.cohorts.some((c) => c.leftCensored);
  print(
    table(
      [
        'cohort',
        'accounts',
        ...heatMap.periods.map((p, i) =>
          partial && i === heatMap.periods.length - 1 ? `${p}*` : p,
        ),
      ],
      heatMap.cohorts.map((c) => [
        c.leftCensored ? `${c.cohort}†` : c.cohort,
        count(c.size),
        ...heatMap.periods.map((p) => {
          const cell = c.cells.find((x) => x.period === p);
          return cell ? `${Math.round(cell.share * 100)}%` : '';
        }),
      ]),
    ),
  );
  if (partial) print(`* not over on ${report.asOf}: the share may still rise`);
  if (censored)
    print(
      "† starts within the data's first 12 months: mixes in customers from before the data begins",
    );
  print();
  print(
    `Retention projection: shifted-beta-geometric model (Fader & Hardie 2007) per cohort year; years end with the last complete month; lifetimes in years, discounted at ${projection.discountRate * 100}% a year`,
  );
  const horizon = Array.from({ length: projection.horizon }, (_, k) => `+${k + 1}`);
  print(
    table(
      [
        'cohort',
        'accounts',
        'years',
        'alpha',
        'beta',
        ...horizon.map((h) => `S(${h})`),
        'lifetime',
        'residual',
        'status',
      ],
      projection.cohorts.map((c) => projectionRow(c, horizon.length)),
    ),
  );
  print(
    'S(+k): projected share of the cohort alive k years after the last observed year; lifetime: expected discounted lifetime of a new customer; residual: of a customer alive now',
  );
}

function projectionRow(c: CohortProjection, horizon: number): string[] {
  const head = [c.cohort, count(c.size), count(c.periods)];
  switch (c.status) {
    case 'fitted':
      return [
        ...head,
        c.alpha.toFixed(3),
        c.beta.toFixed(3),
        ...c.projected.map((p) => formatPercent(p.survival)),
        c.expectedLifetime.toFixed(2),
        c.residualLifetime.toFixed(2),
        'fitted',
      ];
    case 'not_converged':
      return [...head, ...Array<string>(horizon + 4).fill('-'), `did not converge: ${c.message}`];
    case 'skipped':
      return [...head, ...Array<string>(horizon + 4).fill('-'), `skipped: ${c.reason}`];
  }
}

function printChurn(report: ChurnReport, months: number): void {
  const latest = report.latest;
  if (!latest) {
    print(
      `Churn and retention as of ${report.asOf}: not enough history (needs 24 months of invoices up to ${report.throughMonth})`,
    );
    return;
  }
  print(
    `Churn and retention as of ${report.asOf}: the 12 months ${latest.current.from}..${latest.current.to} against ${latest.previous.from}..${latest.previous.to}`,
  );
  print();
  print(
    table(
      ['customers', 'accounts', 'revenue'],
      [
        [
          'with revenue in the previous 12 months',
          count(latest.startingCustomers),
          money(latest.startingRevenue),
        ],
        ['  retained', count(latest.retainedCustomers), money(latest.cohortRevenue)],
        [
          '  churned (no revenue in the last 12 months)',
          count(latest.churnedCustomers),
          money(latest.churnedRevenue),
        ],
        ['new', count(latest.newCustomers), money(latest.newRevenue)],
        [
          'reactivated (returned after a year or more without revenue)',
          count(latest.reactivatedCustomers),
          money(latest.reactivatedRevenue),
        ],
        [
          'with revenue in the last 12 months',
          count(latest.activeCustomers),
          money(latest.totalRevenue),
        ],
      ],
    ),
  );
  print();
  print(
    `logo churn ${formatPercent(latest.logoChurnRate)}, gross revenue retention ${formatPercent(latest.grossRevenueRetention)}, net revenue retention ${formatPercent(latest.netRevenueRetention)}`,
  );
  print('reactivated customers were counted as churned when they left; they are not new');
  if (report.growth) {
    const g = report.growth;
    print();
    print(
      `growth arithmetic: new revenue needed in the next 12 months just to stay flat = current ARR × (1 − GRR) = ${money(g.currentArr)} × (1 − ${formatPercent(g.grossRevenueRetention)}) = ${money(g.newRevenueNeeded)}`,
    );
    print('(current ARR: revenue invoiced in the trailing 12 months)');
  }
  if (report.byYear.length > 0) {
    print();
    print('by calendar year (against the year before)');
    print(windowTable('year', report.byYear));
  }
  const shown = months > 0 ? report.byMonth.slice(-months) : [];
  if (shown.length > 0) {
    print();
    print(`by month (trailing 12 months against the 12 before; last ${shown.length})`);
    print(windowTable('month', shown));
  }
}

function windowTable(label: string, windows: readonly RetentionWindow[]): string {
  return table(
    [label, 'at start', 'churned', 'logo churn', 'new', 'reactivated', 'GRR', 'NRR', 'revenue'],
    windows.map((w) => [
      w.period,
      count(w.startingCustomers),
      count(w.churnedCustomers),
      formatPercent(w.logoChurnRate),
      count(w.newCustomers),
      count(w.reactivatedCustomers),
      formatPercent(w.grossRevenueRetention),
      formatPercent(w.netRevenueRetention),
      money(w.totalRevenue),
    ]),
  );
}

/** formatTable with every column of numbers, percentages or dashes right-aligned. */
function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const numeric = headers.map((_, i) =>
    rows.every((row) => /^(-|[-+]?[\d,]+(\.\d+)?%?|)$/.test(row[i] ?? '')),
  );
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return formatTable(
    headers.map((h, i) => (numeric[i] ? h.padStart(widths[i] ?? 0) : h)),
    rows.map((row) => row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i] ?? 0) : cell))),
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function money(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function parseAsOf(raw: string | undefined): string | undefined {
  if (raw !== undefined && dayNumber(raw) === null)
    throw new UsageError(`--as-of must be a calendar date YYYY-MM-DD, got "${raw}"`);
  return raw;
}

function parseCount(flag: string, raw: string, min: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min)
    throw new UsageError(`${flag} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}
