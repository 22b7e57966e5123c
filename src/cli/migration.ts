import type { Command } from 'commander';
import { tierMigration } from '../app/tier-migration.ts';
import { formatTable, print, printJson, withStore } from './context.ts';
import { positiveInteger } from './demo.ts';

/** Adds `hotspot migration`: how accounts moved between the tiers of two scoring runs, and why. */
export function registerMigration(program: Command): void {
  program
    .command('migration')
    .description(
      'how accounts moved between the tiers of two scoring runs (default: the latest and the one before), and why',
    )
    .option('--from <run>', 'the earlier run', positiveInteger)
    .option('--to <run>', 'the later run (default: the latest)', positiveInteger)
    .option('--limit <n>', 'moved accounts to list, biggest moves up first', positiveInteger, 20)
    .option('--json', 'print JSON')
    .action(async (flags: { from?: number; to?: number; limit: number; json?: boolean }) => {
      await withStore(program, async (store) => {
        const m = await tierMigration(store, {
          fromRunId: flags.from,
          toRunId: flags.to,
          limit: flags.limit,
        });
        if (flags.json) return printJson(m);
        print(
          `run ${m.from.id} (as of ${m.from.asOf}) → run ${m.to.id} (as of ${m.to.asOf}): ${m.totalMoved} accounts changed tier`,
        );
        print();
        print(
          formatTable(
            ['from', 'to', 'accounts'],
            m.flows.filter((f) => f.from !== f.to).map((f) => [f.from, f.to, f.accounts]),
          ),
        );
        if (m.moved.length === 0) return;
        print();
        print(
          formatTable(
            [
              'account',
              'from',
              'to',
              'value',
              'need',
              'behavior',
              'why (contribution before → after)',
            ],
            m.moved.map((a) => [
              `${a.name} (${a.externalId})`,
              a.from,
              a.to,
              a.value?.toFixed(1) ?? '—',
              a.need?.toFixed(1) ?? '—',
              a.behavior?.toFixed(1) ?? '—',
              a.why
                .map(
                  (w) =>
                    `${w.criterion} ${w.before?.toFixed(1) ?? '—'} → ${w.after?.toFixed(1) ?? '—'}`,
                )
                .join('; ') || 'thresholds moved',
            ]),
          ),
        );
      });
    });
}
