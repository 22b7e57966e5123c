import type { Command } from 'commander';
import { DEMO_DEFAULTS, loadDemo } from '../app/demo-data.ts';
import { portfolioReport } from '../app/portfolio.ts';
import { scoreWorkspace } from '../app/score-workspace.ts';
import { isEmptyWorkspace, readStatus } from '../app/workspace-status.ts';
import { findRun } from '../db/score-runs.ts';
import { print, withStore } from './context.ts';
import { printReport } from './score.ts';
import { listenOptions, serveWorkspace, type ListenOptions } from './serve.ts';
import { printStatus } from './status.ts';

const START_DEMO = { accounts: 5000, seed: 1, ...DEMO_DEFAULTS };

/** The main job (`npm start`): a workspace with data in it, scored, and what it holds. */
export function registerStart(program: Command): void {
  listenOptions(
    program
      .command('start')
      .description(
        'open the workspace (demo data when empty), score it when it has no run yet, show the portfolio and serve the web app',
      ),
  )
    .option('--no-serve', 'stop after printing the portfolio')
    .action(async (flags: ListenOptions & { serve: boolean }) => {
      await withStore(program, async (store) => {
        if (await isEmptyWorkspace(store)) {
          print(
            `the workspace is empty: loading demo data (${START_DEMO.accounts} accounts, seed ${START_DEMO.seed})...`,
          );
          await loadDemo(store, START_DEMO);
        }
        printStatus(await readStatus(store));
        if (!(await findRun(store, {}))) {
          print();
          print('scoring the workspace with the default model...');
          await scoreWorkspace(store);
        }
        print();
        printReport(await portfolioReport(store));
        print();
        print(
          'also: `npx hotspot accounts --tier 1a,1b`, `npx hotspot explain ACCOUNT`, `npx hotspot --help`',
        );
        if (flags.serve) await serveWorkspace(store, flags);
      });
    });
}
