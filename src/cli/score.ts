import { existsSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Option, type Command } from 'commander';
import { EXPORT_FORMATS, exportTiers, type ExportFormat } from '../app/export-tiers.ts';
import {
  explainAccount,
  listAccounts,
  portfolioReport,
  type PortfolioReport,
} from '../app/portfolio.ts';
import { overrideTier } from '../app/account-detail.ts';
import { loadModel, replayRun, scoreWorkspace } from '../app/score-workspace.ts';
import { LIFECYCLE_STAGES, type LifecycleStage } from '../core/entities.ts';
import { UsageError } from '../core/errors.ts';
import { TIERS } from '../core/scoring/assign-tiers.ts';
import { CATEGORIES } from '../core/scoring/assign-categories.ts';
import { DEFAULT_MODEL_YAML } from '../core/scoring/default-model.ts';
import { modelVersions, saveModelVersion } from '../app/model-versions.ts';
import { InvalidModelError } from '../core/scoring/parse-model.ts';
import { SORT_FIELDS, type ScoredAccountRow, type SortField } from '../db/scored-accounts.ts';
import { formatMoney, formatTable, print, printJson, withStore } from './context.ts';
import { isoDate, positiveInteger } from './demo.ts';

const money = (x: number | null): string => (x === null ? '' : formatMoney(x));
const score = (x: number | null): string => (x === null ? '-' : x.toFixed(1));
const percent = (x: number | null): string => (x === null ? '' : `${(x * 100).toFixed(0)}%`);
const rawValue = (x: number | null): string =>
  x === null
    ? 'no data'
    : x.toLocaleString('en-US', { maximumFractionDigits: Math.abs(x) >= 100 ? 0 : 2 });

function list(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export function registerScoring(program: Command): void {
  program
    .command('score')
    .description(
      'score every account on need, value and behavior; tier, flag and categorise them; store the run',
    )
    .option(
      '--as-of <date>',
      'use data dated on or before this day (default: the newest dated record)',
      isoDate,
    )
    .option('--model <file>', 'model document (YAML or JSON; default: the built-in model)')
    .addOption(
      new Option(
        '--stage <stage>',
        'life-cycle stage of the product line: its weight preset applies',
      ).choices(LIFECYCLE_STAGES),
    )
    .option(
      '--product-line <name>',
      'score for one product family: its spend, deals and contracts only',
    )
    .option(
      '--replay <run>',
      'score again exactly as a past run did (its model, as-of date, stage and product line)',
      positiveInteger,
    )
    .option('--json', 'print the run summary as JSON')
    .action(
      async (flags: {
        asOf?: string;
        model?: string;
        stage?: LifecycleStage;
        productLine?: string;
        replay?: number;
        json?: boolean;
      }) => {
        const replay = flags.replay;
        if (
          replay !== undefined &&
          (flags.model || flags.asOf || flags.stage || flags.productLine)
        ) {
          throw new UsageError(
            '--replay takes the model, as-of date, stage and product line of the run it replays',
          );
        }
        const model = replay === undefined ? loadModel(flags.model) : undefined;
        const run = await withStore(program, (store) =>
          replay !== undefined
            ? replayRun(store, replay)
            : scoreWorkspace(store, {
                asOf: flags.asOf,
                model,
                stage: flags.stage,
                productLine: flags.productLine,
              }),
        );
        if (flags.json) {
          printJson({ ...run, modelDocument: undefined });
          return;
        }
        print(
          `run ${run.id}: ${run.accounts} accounts as of ${run.asOf} with model "${run.modelName}" (${run.modelHash})${run.stage ? `, stage ${run.stage}` : ''}${run.productLine ? `, product line ${run.productLine}` : ''}`,
        );
        print(
          `thresholds: value ${run.thresholds.value.toFixed(1)}, need ${run.thresholds.need.toFixed(1)}, behavior ${run.thresholds.behavior.toFixed(1)}; average won deal ${money(run.averageDeal)}`,
        );
        print(
          formatTable(
            ['tier', 'accounts'],
            TIERS.map((t) => [t, run.tierCounts[t] ?? 0]),
          ),
        );
        if (run.tierChanges > 0)
          print(`${run.tierChanges} accounts changed tier since the previous run of this scope`);
      },
    );

  const model = program.command('model').description('the scoring model document');
  model
    .command('init')
    .description('write the default model, with comments, to a file')
    .argument('[file]', 'where to write it', 'hotspot-model.yaml')
    .option('--force', 'overwrite an existing file')
    .action((file: string, flags: { force?: boolean }) => {
      if (existsSync(file) && !flags.force)
        throw new UsageError(`${file} exists; pass --force to overwrite it`);
      writeFileSync(file, DEFAULT_MODEL_YAML);
      print(
        `wrote ${file}; edit it, check it with \`hotspot model check ${file}\`, use it with \`hotspot score --model ${file}\``,
      );
    });
  model
    .command('check')
    .description('validate a model file and name the path of each problem')
    .argument('<file>')
    .action((file: string) => {
      try {
        const loaded = loadModel(file);
        const count = (['need', 'value', 'behavior'] as const)
          .map((d) => `${loaded.model.dimensions[d].criteria.length} ${d}`)
          .join(', ');
        print(`${file}: valid (${count} criteria; hash ${loaded.hash})`);
      } catch (error) {
        if (!(error instanceof InvalidModelError)) throw error;
        for (const problem of error.problems)
          process.stderr.write(`${file}: ${problem.path}: ${problem.message}\n`);
        process.exitCode = 2;
      }
    });
  model
    .command('save')
    .description(
      'save a model file as the newest version: the model `hotspot score` uses from now on',
    )
    .argument('<file>')
    .option('--by <name>', 'who saves it (default: your user name)', userInfo().username)
    .action(async (file: string, flags: { by: string }) => {
      await withStore(program, async (store) => {
        const saved = await saveModelVersion(store, {
          document: loadModel(file).document,
          by: flags.by,
        });
        print(
          `saved ${file} as model version ${saved.version} (hash ${saved.hash}); re-score with \`hotspot score\``,
        );
      });
    });
  model
    .command('versions')
    .description('saved model versions, newest first (the first is in force)')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      await withStore(program, async (store) => {
        const versions = await modelVersions(store);
        if (flags.json) return printJson(versions);
        if (versions.length === 0)
          return print('no saved versions: the built-in default model is in force');
        print(
          formatTable(
            ['version', 'name', 'hash', 'saved at', 'by'],
            versions.map((v) => [v.version, v.name, v.hash, v.savedAt, v.savedBy]),
          ),
        );
      });
    });

  program
    .command('accounts')
    .description('the scored accounts of the latest run (or --run), filtered and sorted')
    .option('--run <id>', 'a past run', positiveInteger)
    .option('--tier <tiers>', `comma-separated: ${TIERS.join(', ')}`, list)
    .option('--category <categories>', `comma-separated: ${CATEGORIES.join(', ')}`, list)
    .option('--high-value', 'only high-value accounts')
    .addOption(
      new Option('--sort <field>', 'sort field (descending)')
        .choices(Object.keys(SORT_FIELDS))
        .default('value'),
    )
    .option('--limit <n>', 'at most this many', positiveInteger, 50)
    .option('--json', 'JSON')
    .option('--csv', 'CSV')
    .action(
      async (flags: {
        run?: number;
        tier?: string[];
        category?: string[];
        highValue?: boolean;
        sort: SortField;
        limit: number;
        json?: boolean;
        csv?: boolean;
      }) => {
        for (const tier of flags.tier ?? [])
          if (!(TIERS as readonly string[]).includes(tier))
            throw new UsageError(`--tier ${tier}: expected one of ${TIERS.join(', ')}`);
        for (const c of flags.category ?? [])
          if (!(CATEGORIES as readonly string[]).includes(c))
            throw new UsageError(`--category ${c}: expected one of ${CATEGORIES.join(', ')}`);
        const { run, accounts } = await withStore(program, (store) =>
          listAccounts(store, {
            runId: flags.run,
            filter: {
              tiers: flags.tier,
              categories: flags.category,
              highValue: flags.highValue,
              sort: flags.sort,
              limit: flags.limit,
            },
          }),
        );
        if (flags.json) return printJson({ run: run.id, accounts });
        if (flags.csv) return print(accountsCsv(accounts));
        print(`run ${run.id} as of ${run.asOf}: ${accounts.length} accounts`);
        print(
          formatTable(
            [
              'account',
              'id',
              'tier',
              'value',
              'need',
              'behavior',
              'revenue 12m',
              'potential',
              'wallet share',
              'category',
              'high-value',
            ],
            accounts.map((a) => [
              a.name,
              a.externalId,
              a.overridden ? `${a.tier}*` : a.tier,
              score(a.value),
              score(a.need),
              score(a.behavior),
              money(a.revenueTtm),
              money(a.potentialSpend),
              percent(a.shareOfWallet),
              a.category,
              a.highValue ? 'yes' : '',
            ]),
          ),
        );
        if (accounts.some((a) => a.overridden)) print('* tier set by an override');
      },
    );

  program
    .command('explain')
    .description(
      'why an account scored as it did: every criterion with raw value, transformed value, weight and contribution',
    )
    .argument('<account>', 'internal id, external id or exact name')
    .option('--run <id>', 'a past run', positiveInteger)
    .option('--json', 'JSON')
    .action(async (reference: string, flags: { run?: number; json?: boolean }) => {
      const explanation = await withStore(program, (store) =>
        explainAccount(store, { account: reference, runId: flags.run }),
      );
      if (flags.json)
        return printJson({ ...explanation, run: { ...explanation.run, modelDocument: undefined } });
      const { account, run } = explanation;
      print(
        `${account.name} (${account.source} ${account.externalId}), run ${run.id} as of ${run.asOf}`,
      );
      const tier = explanation.override
        ? `${account.tier} (override by ${explanation.override.createdBy}: "${explanation.override.reason}"; computed ${account.computedTier})`
        : account.tier;
      print(
        `tier ${tier}; category ${account.category}: ${account.categoryReason}${account.highValue ? '; high-value potential' : ''}`,
      );
      print(
        `revenue last 12 months ${money(account.revenueTtm)}, potential ${money(account.potentialSpend)}, share of wallet ${percent(account.shareOfWallet)}`,
      );
      for (const dimension of ['value', 'need', 'behavior'] as const) {
        print();
        print(
          `${dimension} ${score(account[dimension])} (confidence ${percent(account.confidence[dimension])}; threshold ${run.thresholds[dimension].toFixed(1)})`,
        );
        print(
          formatTable(
            ['criterion', 'raw', 'score', 'weight', 'contribution'],
            explanation.criteria
              .filter((c) => c.dimension === dimension)
              .map((c) => [
                c.criterion,
                rawValue(c.raw),
                c.transformed === null ? '-' : c.transformed.toFixed(1),
                c.weight,
                c.contribution === null ? 'left out' : c.contribution.toFixed(1),
              ]),
          ),
        );
      }
      if (explanation.tierChange) {
        const moved = explanation.tierChange.moved
          .map((m) => `${m.criterion} ${m.before ?? '-'} -> ${m.after ?? '-'}`)
          .join(', ');
        print();
        print(
          `tier changed ${explanation.tierChange.from} -> ${explanation.tierChange.to} since the previous run${moved ? `; moved by: ${moved}` : ''}`,
        );
      }
    });

  program
    .command('report')
    .description(
      'tier and category counts with revenue and potential, the high-value list and the average-deal baseline',
    )
    .option('--run <id>', 'a past run', positiveInteger)
    .option('--json', 'JSON')
    .option('--md', 'Markdown')
    .action(async (flags: { run?: number; json?: boolean; md?: boolean }) => {
      const report = await withStore(program, (store) =>
        portfolioReport(store, { runId: flags.run }),
      );
      if (flags.json)
        return printJson({ ...report, run: { ...report.run, modelDocument: undefined } });
      if (flags.md) print(reportMarkdown(report));
      else printReport(report);
    });

  program
    .command('override')
    .description('set a tier by hand, with a reason (it survives re-scoring until cleared)')
    .argument('<account>', 'internal id, external id or exact name')
    .option('--tier <tier>', TIERS.join(' | '))
    .option('--reason <text>', 'why (required with --tier)')
    .option('--by <name>', 'who decides (default: your user name)')
    .option('--clear', 'remove the override')
    .action(
      async (
        reference: string,
        flags: { tier?: string; reason?: string; by?: string; clear?: boolean },
      ) => {
        if (Boolean(flags.clear) === Boolean(flags.tier))
          throw new UsageError('override: give either --tier T --reason "..." or --clear');
        const result = await withStore(program, (store) =>
          overrideTier(store, {
            account: reference,
            tier: flags.clear ? null : (flags.tier ?? null),
            reason: flags.reason,
            by: flags.by ?? userInfo().username,
          }),
        );
        print(
          result.override
            ? `${result.account.name}: tier ${result.override.tier} (override by ${result.override.createdBy}: "${result.override.reason}")`
            : `${result.account.name}: override cleared`,
        );
      },
    );
}

function accountsCsv(accounts: readonly ScoredAccountRow[]): string {
  const header =
    'account_id,source,name,tier,computed_tier,value,need,behavior,revenue_ttm,potential_spend,share_of_wallet,category,high_value';
  const quote = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = accounts.map((a) =>
    [
      a.externalId,
      a.source,
      quote(a.name),
      a.tier,
      a.computedTier,
      a.value ?? '',
      a.need ?? '',
      a.behavior ?? '',
      a.revenueTtm,
      a.potentialSpend ?? '',
      a.shareOfWallet ?? '',
      a.category,
      a.highValue,
    ].join(','),
  );
  return [header, ...lines].join('\n');
}

/** The portfolio report as text tables. */
export function printReport(report: PortfolioReport): void {
  print(reportText(report));
}

type Section = { title: string; headers: string[]; rows: (string | number)[][] };

/** The report's tables, rendered as text or Markdown. */
function reportSections(report: PortfolioReport): Section[] {
  const bar = report.run.averageDeal === null ? '-' : money(report.run.averageDeal);
  return [
    {
      title: 'Tiers',
      headers: ['tier', 'accounts', 'revenue 12m', 'potential'],
      rows: report.tiers.map((t) => [t.tier, t.accounts, money(t.revenue), money(t.potential)]),
    },
    {
      title: 'Categories',
      headers: ['category', 'accounts', 'revenue 12m', 'potential'],
      rows: report.categories.map((c) => [
        c.category,
        c.accounts,
        money(c.revenue),
        money(c.potential),
      ]),
    },
    {
      title: `High-value accounts (potential >= multiple x ${bar} average won deal), top ${report.highValue.length}`,
      headers: ['account', 'tier', 'revenue 12m', 'potential'],
      rows: report.highValue.map((a) => [
        a.name,
        a.tier,
        money(a.revenueTtm),
        money(a.potentialSpend),
      ]),
    },
    {
      title: 'Average won deal by quarter',
      headers: ['quarter', 'deals', 'average'],
      rows: report.averageDealByQuarter.map((q) => [q.quarter, q.deals, money(q.average)]),
    },
  ];
}

function reportText(report: PortfolioReport): string {
  const heading = `run ${report.run.id} as of ${report.run.asOf}, model "${report.run.modelName}" (${report.run.modelHash})`;
  return [
    heading,
    ...reportSections(report).flatMap((s) => ['', s.title, formatTable(s.headers, s.rows)]),
  ].join('\n');
}

function reportMarkdown(report: PortfolioReport): string {
  const table = (s: Section): string =>
    [
      `| ${s.headers.join(' | ')} |`,
      `| ${s.headers.map(() => '---').join(' | ')} |`,
      ...s.rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  return [
    `# Portfolio report: run ${report.run.id} as of ${report.run.asOf}`,
    '',
    `Model "${report.run.modelName}" (${report.run.modelHash}); average won deal ${money(report.run.averageDeal)}.`,
    ...reportSections(report).flatMap((s) => ['', `## ${s.title}`, table(s)]),
  ].join('\n');
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description(
      "write the latest run's tiers, scores, category and high-value flag for your CRM's import tool",
    )
    .addOption(
      new Option('--format <format>', 'file shape').choices(EXPORT_FORMATS).makeOptionMandatory(),
    )
    .option('--out <file>', 'output file (default: hotspot-tiers-FORMAT.csv / .parquet)')
    .option(
      '--source <name>',
      'export the accounts of this source (default: the CRM named by --format)',
    )
    .option('--run <id>', 'a past run', positiveInteger)
    .action(
      async (flags: { format: ExportFormat; out?: string; source?: string; run?: number }) => {
        const out =
          flags.out ??
          `hotspot-tiers-${flags.format}.${flags.format === 'parquet' ? 'parquet' : 'csv'}`;
        const result = await withStore(program, (store) =>
          exportTiers(store, { format: flags.format, out, source: flags.source, runId: flags.run }),
        );
        print(`wrote ${result.rows} accounts of run ${result.runId} to ${result.path}`);
        if (flags.format === 'salesforce')
          print(
            'import with Data Import Wizard or Data Loader (update, matched by Salesforce ID); create the custom fields first',
          );
        if (flags.format === 'hubspot')
          print(
            'import into Companies, matched by Record ID; create the properties first (Account Tier options must match exactly)',
          );
      },
    );
}
