import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { isEntityName } from '../core/entities.ts';
import { UsageError } from '../core/errors.ts';
import { importDirectory } from '../app/import-directory.ts';
import {
  importFile,
  parseColumnMaps,
  type ImportOptions,
  type ImportPhase,
  type ImportSummary,
} from '../app/import-file.ts';
import { ENCODINGS, type Encoding } from '../ingest/probe-file.ts';
import { PRESETS, type Preset } from '../ingest/presets.ts';
import { print, printJson, withStore } from './context.ts';

type ImportFlags = {
  preset: Preset;
  source?: string;
  map: string[];
  dryRun?: boolean;
  strict?: boolean;
  errors?: string;
  encoding?: Encoding;
  json?: boolean;
};

const SHOWN_REJECTIONS = 20;

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'import a CSV, Parquet or JSON file of one entity, or every ENTITY.csv in a folder',
    )
    .argument(
      '<entity-or-dir>',
      'entity name (account, deal, invoice, ...) or a folder of ENTITY.csv files',
    )
    .argument('[file]', 'the file to import (when an entity is given)')
    .addOption(
      new Option('--preset <name>', 'header names and formats of the exporting system')
        .choices(PRESETS)
        .default('native'),
    )
    .option('--source <name>', 'the system the records come from (default: the preset)')
    .option('--map <mapping>', 'map a column: "Source Column=field" (repeatable)', collect, [])
    .option('--dry-run', 'validate and count, change nothing')
    .option('--strict', 'import nothing when any row is rejected')
    .option(
      '--errors <file>',
      'where to write rejected rows (default NAME.errors.csv beside the input)',
    )
    .addOption(new Option('--encoding <name>', 'file encoding when not UTF-8').choices(ENCODINGS))
    .option('--json', 'print the summary as JSON')
    .action(async (target: string, file: string | undefined, flags: ImportFlags) => {
      // the global --db option lives on the program
      const command = program;
      const maps = parseColumnMaps(flags.map);
      const summaries = await withStore(command, async (store) => {
        if (file === undefined) {
          if (!isDirectory(target)) {
            throw new UsageError(
              isEntityName(target)
                ? `import ${target}: give the file to import`
                : `import: ${target} is neither an entity nor a folder`,
            );
          }
          if (maps.size > 0 || flags.errors)
            throw new UsageError('import DIR: --map and --errors apply to a single file');
          return importDirectory(store, {
            dir: target,
            ...fileOptions(flags),
            onFile: (s) => report(s, flags),
          });
        }
        if (!isEntityName(target)) throw new UsageError(`import: unknown entity "${target}"`);
        const summary = await importFile(store, {
          entity: target,
          path: file,
          maps,
          errorsPath: flags.errors,
          ...fileOptions(flags),
        });
        report(summary, flags);
        return [summary];
      });
      if (flags.json) printJson(summaries.length === 1 ? summaries[0] : summaries);
      if (summaries.some((s) => s.rejected > 0)) process.exitCode = 2;
    });
}

function fileOptions(
  flags: ImportFlags,
): Pick<ImportOptions, 'preset' | 'source' | 'dryRun' | 'strict' | 'encoding' | 'onProgress'> {
  return {
    preset: flags.preset,
    source: flags.source,
    dryRun: flags.dryRun,
    strict: flags.strict,
    encoding: flags.encoding,
    onProgress: progressBar(),
  };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

let bar: cliProgress.SingleBar | undefined;

/** A progress bar on a terminal (stderr), nothing otherwise. */
function progressBar(): ((phase: ImportPhase, percent: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (phase, percent) => {
    if (!bar) {
      bar = new cliProgress.SingleBar(
        {
          format: '{phase} [{bar}] {percentage}%',
          stream: process.stderr,
          clearOnComplete: true,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(100, 0, { phase: phase.padEnd(10) });
    }
    bar.update(Math.round(percent), { phase: phase.padEnd(10) });
  };
}

function stopBar(): void {
  bar?.stop();
  bar = undefined;
}

function report(summary: ImportSummary, flags: ImportFlags): void {
  stopBar();
  if (flags.json) return;
  const prefix = summary.dryRun ? 'dry run, nothing changed: ' : '';
  const verb =
    summary.outcome === 'rejected_strict'
      ? 'nothing imported (--strict)'
      : `${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged`;
  print(
    `${summary.entity} ${summary.file}: ${prefix}${verb}, ${summary.rejected} rejected (${summary.rows} rows)`,
  );
  if (summary.ignoredColumns.length > 0)
    print(`  ignored columns: ${summary.ignoredColumns.join(', ')}`);
  const matched = summary.matches.byDomain + summary.matches.byName;
  if (matched > 0)
    print(
      `  accounts matched by domain: ${summary.matches.byDomain}, by name: ${summary.matches.byName}`,
    );
  for (const row of summary.rejections.slice(0, SHOWN_REJECTIONS)) {
    print(
      `  line ${row.rowNumber}${row.column ? `, ${row.column}` : ''}: ${row.message} [${row.code}]`,
    );
  }
  if (summary.rejections.length > SHOWN_REJECTIONS)
    print(`  ... and ${summary.rejections.length - SHOWN_REJECTIONS} more`);
  if (summary.errorFile) print(`  all rejected rows: ${summary.errorFile}`);
}
