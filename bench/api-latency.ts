import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from './serve-process.ts';
import { searchIndexedAccounts } from '../src/app/account-index.ts';
import { loadDemo } from '../src/app/demo-data.ts';
import { scoreWorkspace } from '../src/app/score-workspace.ts';
import { openStore } from '../src/db/open-store.ts';
import {
  searchScoredAccounts,
  type AccountSearch,
  type SortField,
} from '../src/db/scored-accounts.ts';
import { launchChromium } from '../test/e2e/browser.ts';
import { buildWebApp } from '../test/e2e/app-server.ts';

const ACCOUNTS = Number(process.env.BENCH_API_ACCOUNTS ?? 100_000);
const PORT = 3917;

/** What people ask the accounts table: each sort both ways, tier and category filters, pages deep in the list. */
const SEARCHES: AccountSearch[] = (
  ['value', 'need', 'behavior', 'tier', 'potential', 'revenue', 'share', 'name'] as SortField[]
).flatMap((sort, i) => [
  { sort, descending: true, limit: 50, offset: 0 },
  { sort, descending: false, tiers: ['1a', '1b', '2-value'], limit: 50, offset: 100 * i },
  {
    sort,
    descending: true,
    categories: ['core', 'beachhead'],
    highValue: i % 2 === 0,
    limit: 50,
    offset: 50,
  },
]);

function queryOf(s: AccountSearch): string {
  const params = new URLSearchParams({
    sort: s.sort ?? 'value',
    order: s.descending === false ? 'asc' : 'desc',
    limit: String(s.limit),
    offset: String(s.offset ?? 0),
  });
  if (s.tiers) params.set('tier', s.tiers.join(','));
  if (s.categories) params.set('category', s.categories.join(','));
  if (s.highValue !== undefined) params.set('highValue', String(s.highValue));
  return `/api/accounts?${params.toString()}`;
}

async function timeEach(run: (s: AccountSearch) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const search of SEARCHES) {
      const started = performance.now();
      await run(search);
      times.push(performance.now() - started);
    }
  }
  return times.sort((a, b) => a - b);
}

/** `GET /api/accounts` (filtered, sorted, 50 per page) under 32 connections, against the same query in process. */
export async function benchApi(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-bench-api-'));
  try {
    const db = join(dir, 'api.duckdb');
    const store = await openStore(db);
    await loadDemo(store, { accounts: ACCOUNTS, seed: 1, years: 5, until: '2026-10-31' });
    const { id: runId } = await scoreWorkspace(store);
    // baseline: each page straight from SQL (what every request cost before the index), no HTTP
    const sql = await timeEach((search) => searchScoredAccounts(store, { runId, search }));
    const firstStarted = performance.now();
    await searchIndexedAccounts(store, { search: {} });
    const firstIndex = performance.now() - firstStarted;
    const indexed = await timeEach((search) => searchIndexedAccounts(store, { search }));
    await store.close();

    await buildWebApp();
    const { base, stop } = await startServer(db, PORT);
    // warm: the first request builds the run's index
    await fetch(`${base}${queryOf(SEARCHES[0] as AccountSearch)}`);
    const result = await autocannon({
      url: base,
      connections: 32,
      duration: 10,
      requests: SEARCHES.map((search) => ({ method: 'GET', path: queryOf(search) })),
    });
    const overview = await timeOverview(base);
    await stop();
    const p = (times: number[], q: number): number =>
      times[Math.floor(q * (times.length - 1))] ?? 0;
    const row = (label: string, times: number[]): string =>
      `| ${label} | ${p(times, 0.5).toFixed(1)} | ${p(times, 0.99).toFixed(1)} | ${(1000 / (times.reduce((a, b) => a + b, 0) / times.length)).toFixed(0)} | 0 |`;
    return [
      `## HTTP API and web app (${ACCOUNTS.toLocaleString('en-US')} scored accounts)`,
      '',
      `\`GET /api/accounts\`, filtered, sorted, 50 per page: ${SEARCHES.length} different pages in turn (each sort both ways, tier / category / high-value filters, offsets 0 to ${Math.max(...SEARCHES.map((s) => s.offset ?? 0))}).`,
      '',
      '| measure | p50 ms | p99 ms | requests/s | errors |',
      '| --- | ---: | ---: | ---: | ---: |',
      row('SQL search in process, no HTTP (baseline, sequential)', sql),
      row('in-memory index in process, no HTTP (sequential)', indexed),
      `| \`hotspot serve\`, 32 connections for 10 s (autocannon) | ${result.latency.p50} | ${result.latency.p99} | ${result.requests.average.toFixed(0)} | ${result.errors + result.non2xx} |`,
      '',
      `Building a run's index (first request after a run, an import or an override): ${firstIndex.toFixed(0)} ms. HTTP p99 / SQL-baseline p50: ${(result.latency.p99 / p(sql, 0.5)).toFixed(2)}x. Aim (issue 4): p99 under 50 ms.`,
      '',
      `Overview page in headless Chromium (1280x800, cold cache): matrix of ${overview.points.toLocaleString('en-US')} points drawn ${overview.drawnMs.toFixed(0)} ms after navigation started (first contentful paint ${overview.fcpMs.toFixed(0)} ms; \`GET /api/matrix\` ${overview.matrixKb.toFixed(0)} kB on the wire). Aim: under 2 s.`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens the overview in a fresh Chromium and times it until the matrix has finished drawing. */
async function timeOverview(
  base: string,
): Promise<{ drawnMs: number; fcpMs: number; points: number; matrixKb: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const matrix = page.waitForResponse((response) => response.url().includes('/api/matrix'));
    const started = performance.now();
    await page.goto(base);
    await page.waitForSelector('[data-testid="hotspot-matrix"][data-ready="true"]', {
      timeout: 60_000,
    });
    const drawnMs = performance.now() - started;
    const fcpMs = await page.evaluate<number>(
      "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0",
    );
    const points = Number(
      await page.locator('[data-testid="hotspot-matrix"]').getAttribute('data-points'),
    );
    const sizes = await (await matrix).request().sizes();
    return { drawnMs, fcpMs, points, matrixKb: sizes.responseBodySize / 1024 };
  } finally {
    await browser.close();
  }
}
