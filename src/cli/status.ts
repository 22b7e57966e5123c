import type { Command } from 'commander';
import { readStatus, type WorkspaceStatus } from '../app/workspace-status.ts';
import { ENTITIES } from '../core/entities.ts';
import { formatTable, print, printJson, withStore } from './context.ts';

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description(
      'counts per entity, the latest imports and how well each source matched its accounts',
    )
    .option('--json', 'print as JSON')
    .action(async (flags: { json?: boolean }, command: Command) => {
      const status = await withStore(command, (store) => readStatus(store));
      if (flags.json) printJson(status);
      else printStatus(status);
    });
}

export function printStatus(status: WorkspaceStatus): void {
  print(`database: ${status.database}`);
  print();
  print(
    formatTable(
      ['entity', 'records'],
      ENTITIES.map((e) => [e.name, status.counts[e.name]]),
    ),
  );
  print();
  if (status.imports.length === 0) {
    print('no imports yet: run `hotspot demo` or `hotspot import ENTITY FILE`');
  } else {
    print('latest imports');
    print(
      formatTable(
        [
          '#',
          'finished',
          'entity',
          'source',
          'file',
          'outcome',
          'inserted',
          'updated',
          'unchanged',
          'rejected',
        ],
        status.imports.map((i) => [
          i.id,
          i.finishedAt,
          i.entity,
          i.source,
          i.fileName,
          i.outcome,
          i.inserted,
          i.updated,
          i.unchanged,
          i.rejected,
        ]),
      ),
    );
  }
  if (status.matchQuality.length > 0) {
    print();
    print(
      'account match quality per source (stored records; unmatched = rows the latest import rejected)',
    );
    print(
      formatTable(
        [
          'source',
          'entity',
          'records',
          'by id',
          'by domain',
          'by name',
          'unmatched',
          'ambiguous',
          'joined',
        ],
        status.matchQuality.map((m) => [
          m.source,
          m.entity,
          m.records,
          m.byId,
          m.byDomain,
          m.byName,
          m.lastUnmatched,
          m.lastAmbiguous,
          `${(m.joinedShare * 100).toFixed(1)}%`,
        ]),
      ),
    );
  }
}
