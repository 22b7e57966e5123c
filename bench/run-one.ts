import { benchApi } from './api-latency.ts';
import { benchBacktest } from './backtest.ts';
import { benchFitModels } from './fit-models.ts';
import { benchImportThroughput } from './import-throughput.ts';
import { benchLifecycle } from './lifecycle.ts';
import { benchScore } from './score-throughput.ts';
import { benchTeamServer } from './team-server.ts';
import { benchWallet } from './wallet.ts';

/** Runs one benchmark (named on the command line) and prints its Markdown section on stdout. */
const benches: Record<string, () => Promise<string>> = {
  import: benchImportThroughput,
  scoring: benchScore,
  'fit-models': benchFitModels,
  wallet: benchWallet,
  lifecycle: benchLifecycle,
  api: benchApi,
  backtest: benchBacktest,
  'team-server': benchTeamServer,
};
const name = process.argv[2] ?? '';
const bench = benches[name];
if (!bench) throw new Error(`unknown benchmark "${name}"`);
process.stdout.write(`${await bench()}\n`);
