import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { searchAccounts } from '../src/app/account-detail.ts';
import { loadDemo } from '../src/app/demo-data.ts';
import { scoreWorkspace } from '../src/app/score-workspace.ts';
import { openStore } from '../src/db/open-store.ts';

const ACCOUNTS = Number(process.env.BENCH_API_ACCOUNTS ?? 100_000);
const PORT = 3917;
const QUERY = '/api/accounts?tier=1a,1b,2-value&sort=potential&order=desc&limit=50&offset=100';

/** `GET /api/accounts` (filtered, sorted, 50 per page) under 32 connections, against the same query in process. */
export async function benchApi(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-bench-api-'));
  try {
    const db = join(dir, 'api.duckdb');
    const store = await openStore(db);
    await loadDemo(store, { accounts: ACCOUNTS, seed: 1, years: 5, until: '2026-10-31' });
    await scoreWorkspace(store);
    // baseline: the same page straight from the app layer, no HTTP
    const search = {
      tiers: ['1a', '1b', '2-value'],
      sort: 'potential' as const,
      descending: true,
      limit: 50,
      offset: 100,
    };
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = performance.now();
      await searchAccounts(store, { search });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    store.close();

    const server = spawn(
      process.execPath,
      [join(import.meta.dirname, '../bin/hotspot.js'), '--db', db, 'serve', '--port', String(PORT)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    server.stdout.on('data', () => undefined);
    await waitFor(`http://127.0.0.1:${PORT}/healthz`);
    const result = await autocannon({
      url: `http://127.0.0.1:${PORT}${QUERY}`,
      connections: 32,
      duration: 10,
    });
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    const p = (q: number): number => times[Math.floor(q * (times.length - 1))] ?? 0;
    return [
      `## HTTP API: \`GET /api/accounts\` (${ACCOUNTS.toLocaleString('en-US')} scored accounts, filtered, sorted, 50 per page)`,
      '',
      '| measure | p50 ms | p99 ms | requests/s | errors |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| in process, no HTTP (baseline, 200 sequential calls) | ${p(0.5).toFixed(1)} | ${p(0.99).toFixed(1)} | ${(1000 / p(0.5)).toFixed(0)} | 0 |`,
      `| \`hotspot serve\`, 32 connections for 10 s (autocannon) | ${result.latency.p50} | ${result.latency.p99} | ${result.requests.average.toFixed(0)} | ${result.errors + result.non2xx} |`,
      '',
      `Query: \`${QUERY}\`. The embedded store answers one request at a time, so latency under 32 connections is queueing: about 32 x the single-request time. Aim (issue 4): p99 under 50 ms.`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`benchApi: ${url} did not answer`);
}
