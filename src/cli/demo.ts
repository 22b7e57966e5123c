import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEMO_DEFAULTS, loadDemo, writeDemoFiles } from '../app/demo-data.ts';
import { ENTITIES } from '../core/entities.ts';
import { UsageError } from '../core/errors.ts';
import { PRESETS, type Preset } from '../ingest/presets.ts';
import { formatTable, print, withStore } from './context.ts';

type DemoFlags = {
  accounts: number;
  seed: number;
  years: number;
  until: string;
  out?: string;
  format?: Preset;
};

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('expected a date YYYY-MM-DD');
  return value;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'generate realistic demo data: into the database, or as CRM-shaped CSV files with --out',
    )
    .option('--accounts <n>', 'number of accounts', positiveInteger, 5000)
    .option(
      '--seed <n>',
      'random seed: the same seed gives the same data, byte for byte',
      wholeNumber,
      1,
    )
    .option('--years <n>', 'years of history', positiveInteger, DEMO_DEFAULTS.years)
    .option('--until <date>', 'last day of the data', isoDate, DEMO_DEFAULTS.until)
    .option('--out <dir>', 'write one CSV file per entity into this folder instead of the database')
    .addOption(new Option('--format <preset>', 'file shape with --out').choices(PRESETS))
    .action(async (flags: DemoFlags, command: Command) => {
      const options = {
        accounts: flags.accounts,
        seed: flags.seed,
        years: flags.years,
        until: flags.until,
      };
      if (flags.out) {
        const counts = await writeDemoFiles({
          ...options,
          dir: flags.out,
          format: flags.format ?? 'native',
        });
        print(
          formatTable(
            ['file', 'rows'],
            ENTITIES.map((e) => [`${e.name}.csv`, counts[e.name]]),
          ),
        );
        print(
          `wrote ${flags.format ?? 'native'} files to ${flags.out}; import them with: hotspot import ${flags.out} --preset ${flags.format ?? 'native'}`,
        );
        return;
      }
      if (flags.format) throw new UsageError('demo: --format applies with --out');
      await withStore(command, async (store) => {
        const summaries = await loadDemo(store, options);
        print(
          formatTable(
            ['entity', 'inserted', 'updated', 'unchanged', 'rejected'],
            summaries.map((s) => [s.entity, s.inserted, s.updated, s.unchanged, s.rejected]),
          ),
        );
        print(`demo data (seed ${flags.seed}, ${flags.accounts} accounts) is in ${store.location}`);
      });
    });
}
