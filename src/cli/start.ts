import type { Command } from 'commander';
import { loadDemo } from '../app/demo-data.ts';
import { isEmptyWorkspace, readStatus } from '../app/workspace-status.ts';
import { print, withStore } from './context.ts';
import { printStatus } from './status.ts';

const START_DEMO = { accounts: 5000, seed: 1, years: 5, until: '2026-10-31' };

/** The main job (`npm start`): a workspace with data in it, and what it holds. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description('open the workspace, filling an empty one with demo data, and show what it holds')
    .action(async (_flags: unknown, command: Command) => {
      await withStore(command, async (store) => {
        if (await isEmptyWorkspace(store)) {
          print(
            `the workspace is empty: loading demo data (${START_DEMO.accounts} accounts, seed ${START_DEMO.seed})...`,
          );
          await loadDemo(store, START_DEMO);
        }
        printStatus(await readStatus(store));
      });
    });
}
