import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemo } from '../src/app/demo-data.ts';
import { countEntities } from '../src/db/workspace-status.ts';
import { openStore } from '../src/db/open-store.ts';

const ACCOUNTS = Number(process.env.BENCH_SCORE_ACCOUNTS ?? 1_000_000);

type Figures = Record<string, number>;

function measure(step: 'score' | 'group-by', db: string): Figures {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'measure-child.ts'), step, db, '-'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Figures;
}

/** `hotspot score` on a million-account demo workspace against DuckDB's bare GROUP BY of its invoices. */
export async function benchScore(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-bench-score-'));
  try {
    const db = join(dir, 'score.duckdb');
    const store = await openStore(db);
    const loadStarted = performance.now();
    await loadDemo(store, { accounts: ACCOUNTS, seed: 1, years: 5, until: '2026-10-31' });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const counts = await countEntities(store);
    await store.close();
    const bare = measure('group-by', db);
    const run = measure('score', db);
    const phases = ['features', 'wallet', 'scoring', 'store'] as const;
    const f = (x: number | undefined): string => (x ?? 0).toFixed(2);
    const total = phases.reduce((sum, p) => sum + (run[`${p}Seconds`] ?? 0), 0);
    return [
      `## Scoring (${ACCOUNTS.toLocaleString('en-US')} accounts, ${counts.invoice.toLocaleString('en-US')} invoices, ${counts.deal.toLocaleString('en-US')} deals, ${counts.activity.toLocaleString('en-US')} activities)`,
      '',
      `Demo workspace generated and imported in ${loadSeconds.toFixed(0)} s (not part of the figure). Each step runs in its own process.`,
      '',
      '| phase | seconds | peak RSS (MB) |',
      '| --- | ---: | ---: |',
      ...phases.map(
        (p) => `| ${p} | ${f(run[`${p}Seconds`])} | ${(run[`${p}PeakMb`] ?? 0).toFixed(0)} |`,
      ),
      `| **whole run** | **${total.toFixed(2)}** | **${(run.peakRssMb ?? 0).toFixed(0)}** |`,
      `| DuckDB bare \`GROUP BY account\` sum over the invoices (baseline) | ${f(bare.seconds)} | ${(bare.peakRssMb ?? 0).toFixed(0)} |`,
      '',
      `Ratio whole run / bare GROUP BY: **${(total / (bare.seconds ?? 1)).toFixed(1)}x**. Aim: whole run under 60 s and 4 GB.`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
