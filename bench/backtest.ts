import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadDemo } from '../src/app/demo-data.ts';
import { openStore } from '../src/db/open-store.ts';

const ACCOUNTS = Number(process.env.BENCH_BACKTEST_ACCOUNTS ?? 100_000);
// every horizon ends by the newest record (2026-10-31), so no outcome is cut short
const CUTOFFS = ['-30m', '-24m', '-18m', '-12m'];

type Figures = {
  seconds: number;
  peakRssMb: number;
  rows: {
    cutoff: string;
    tier1: number;
    capture: number | null;
    valueOnly: number | null;
    gains: number | null;
    valueOnlyGains: number | null;
    complete: boolean;
  }[];
  mean: number | null;
  sd: number | null;
};

/** The backtest of one workspace in a child process of its own, so that its peak RSS is its own. */
function measure(db: string): Figures {
  const app = pathToFileURL(join(import.meta.dirname, '../src/app/backtest.ts')).href;
  const store = pathToFileURL(join(import.meta.dirname, '../src/db/open-store.ts')).href;
  const script = `
    const { runBacktest } = await import(${JSON.stringify(app)});
    const { openStore } = await import(${JSON.stringify(store)});
    const store = await openStore(${JSON.stringify(db)});
    const started = performance.now();
    const report = await runBacktest(store, { cutoffs: ${JSON.stringify(CUTOFFS)} });
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    const s = report.summaries[0].advantage;
    process.stdout.write(JSON.stringify({
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      rows: report.results.map((r) => ({ cutoff: r.cutoff, tier1: r.metrics.tier1.accounts,
        capture: r.metrics.tier1.share, valueOnly: r.metrics.valueOnly.share,
        gains: r.metrics.tier1.gainsShare, valueOnlyGains: r.metrics.valueOnly.gainsShare,
        complete: r.complete })),
      mean: s.mean, sd: s.sd,
    }) + '\\n');`;
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Figures;
}

/**
 * A 4-cutoff rolling backtest (-30m, -24m, -18m, -12m; 12-month horizon; default model) on a
 * 100,000-account demo workspace: seconds and peak RSS, as a markdown section for BENCHMARKS.md.
 */
export async function benchBacktest(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-bench-backtest-'));
  try {
    const db = join(dir, 'backtest.duckdb');
    const store = await openStore(db);
    const loadStarted = performance.now();
    await loadDemo(store, { accounts: ACCOUNTS, seed: 1, years: 5, until: '2026-10-31' });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    await store.close();
    const f = measure(db);
    const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
    const pts = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)} pts`);
    return [
      `## Backtest (${ACCOUNTS.toLocaleString('en-US')} accounts, ${CUTOFFS.length} rolling cutoffs)`,
      '',
      `Demo workspace (seed 1) generated and imported in ${loadSeconds.toFixed(0)} s (not part of the figure). The backtest runs in its own process: it scores the workspace at each cutoff (a stored run), reads the outcomes and draws 1,000 random selections per cutoff. Capture = the selection's revenue growth in the next 12 months (net of its declines) over the whole book's net growth; increases only = its rises over all rises, ignoring falls.`,
      '',
      '| cutoff | Tier 1 accounts | Tier 1 capture | value-only capture | increases only: Tier 1 / value-only | full horizon |',
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...f.rows.map(
        (r) =>
          `| ${r.cutoff} | ${r.tier1.toLocaleString('en-US')} | ${pct(r.capture)} | ${pct(r.valueOnly)} | ${pct(r.gains)} / ${pct(r.valueOnlyGains)} | ${r.complete ? 'yes' : 'no'} |`,
      ),
      '',
      `Whole backtest: **${f.seconds.toFixed(1)} s**, peak RSS **${f.peakRssMb.toFixed(0)} MB** (${(f.seconds / CUTOFFS.length).toFixed(1)} s per cutoff). Tier 1 advantage over value-only over the cutoffs with a full horizon: mean ${pts(f.mean)}, sd ${pts(f.sd)}.`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
