import type { Command } from 'commander';
import { backupWorkspace, restoreWorkspace, type BackupSummary } from '../app/backup.ts';
import { print, withStore } from './context.ts';

/** Adds `hotspot backup FILE` and `hotspot restore FILE [--replace]`. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description(
      'write a consistent snapshot of the workspace (DuckDB or PostgreSQL) to FILE, a DuckDB database file',
    )
    .argument('<file>', 'the backup file to create (it must not exist)')
    .action(async (file: string, _flags: unknown, command: Command) => {
      await withStore(command, async (store) => {
        const summary = await backupWorkspace(store, { path: file });
        print(`backed up ${describe(summary)} from ${store.location} to ${summary.path}`);
      });
    });
  program
    .command('restore')
    .description(
      'load a backup FILE into the workspace (DuckDB or PostgreSQL); the workspace must be empty',
    )
    .argument('<file>', 'a file `hotspot backup` wrote')
    .option('--replace', 'replace what the workspace holds')
    .action(async (file: string, flags: { replace?: boolean }, command: Command) => {
      await withStore(command, async (store) => {
        const summary = await restoreWorkspace(store, { path: file, replace: flags.replace });
        print(`restored ${describe(summary)} from ${summary.path} into ${store.location}`);
      });
    });
}

function describe(summary: BackupSummary): string {
  const counts = Object.entries(summary.tables);
  const rows = counts.reduce((sum, [, n]) => sum + n, 0);
  const accounts = summary.tables.account ?? 0;
  return `${counts.length} tables, ${rows} rows (${accounts} accounts)`;
}
