import { Command, CommanderError } from 'commander';
import { HotspotError } from '../core/errors.ts';
import { exitCodeFor } from './exit-codes.ts';
import { registerCommands } from './commands.ts';

/** Builds the `hotspot` program; every command is registered in commands.ts. */
export function buildProgram(): Command {
  const program = new Command('hotspot')
    .description("Find your B2B customers' growth hot spots.")
    .version('0.1.0')
    .option(
      '--db <location>',
      'DuckDB file or postgres:// URL (default: $DATABASE_URL, $HOTSPOT_DB, ./hotspot.duckdb)',
    )
    .configureOutput({
      outputError: (text, write) => write(`hotspot: ${text.replace(/^error: /, '')}`),
    })
    .exitOverride();
  registerCommands(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed its message (help, version or a usage error)
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof HotspotError) {
    process.stderr.write(`hotspot: ${error.message}\n`);
    return exitCodeFor(error.code);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`hotspot: unexpected error: ${message}\n`);
  if (process.env.HOTSPOT_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}

await main(process.argv);
