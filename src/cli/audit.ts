import type { Command } from 'commander';
import { readAuditLog, type AuditEntry } from '../app/audit.ts';
import { UsageError } from '../core/errors.ts';
import { formatTable, print, printJson, withStore } from './context.ts';

/** Adds `hotspot audit [--since DATE] [--limit N] [--json]`: who changed what, when. */
export function registerAudit(program: Command): void {
  program
    .command('audit')
    .description(
      'the audit log: every import, model version, scoring run, override, answer, user and token change, newest first',
    )
    .option(
      '--since <date>',
      'only changes at or after this day (YYYY-MM-DD, UTC) or ISO date-time',
    )
    .option('--limit <n>', 'at most this many entries', '500')
    .option('--json', 'print JSON')
    .action(async (flags: { since?: string; limit: string; json?: boolean }, command: Command) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1)
        throw new UsageError(`--limit ${flags.limit}: expected a whole number of 1 or more`);
      const entries = await withStore(command, (store) =>
        readAuditLog(store, { since: flags.since, limit }),
      );
      if (flags.json) printJson({ entries });
      else printAudit(entries);
    });
}

/** A value before or after a change on one line; `–` for none. */
function compact(value: unknown): string {
  if (value === null || value === undefined) return '–';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

export function printAudit(entries: readonly AuditEntry[]): void {
  if (entries.length === 0) {
    print('no changes recorded (in that period)');
    return;
  }
  print(
    formatTable(
      ['when (UTC)', 'who', 'action', 'entity', 'before → after'],
      entries.map((e) => [
        e.occurredAt.replace('T', ' ').replace('Z', ''),
        e.actor,
        e.action,
        e.entityId === null ? e.entity : `${e.entity} ${e.entityId}`,
        `${compact(e.before)} → ${compact(e.after)}`,
      ]),
    ),
  );
}
