import autocannon from 'autocannon';
import { startServer } from './serve-process.ts';
import { createTestDatabase, dropTestDatabase, openDemoStore } from '../test/stores.ts';
import { copyWorkspace } from '../src/db/copy-workspace.ts';
import { openStore } from '../src/db/open-store.ts';
import { scoreWorkspace } from '../src/app/score-workspace.ts';
import { addUser } from '../src/app/users.ts';
import { setPassword } from '../src/app/sign-in.ts';
import { SESSION_COOKIE } from '../src/contract/auth.ts';

const ACCOUNTS = Number(process.env.BENCH_TEAM_ACCOUNTS ?? 20_000);
const CLIENTS = 50;
const PORT = 3918;
const PASSWORD = 'benchmark password 1';

/** The accounts list as people page through it: each sort both ways, filters, deep pages. */
const QUERIES = ['value', 'need', 'behavior', 'potential', 'revenue', 'name'].flatMap((sort, i) => [
  `/api/accounts?sort=${sort}&order=desc&limit=50`,
  `/api/accounts?sort=${sort}&order=asc&tier=1a,1b,2-value&limit=50&offset=${50 * i}`,
  `/api/accounts?sort=${sort}&order=desc&category=core,beachhead&highValue=${i % 2 === 0}&limit=50`,
]);

/**
 * 50 signed-in clients (half leaders, half managers seeing only their reps' accounts), each with
 * its own session cookie, paging through `GET /api/accounts` of a PostgreSQL workspace for 10 s.
 */
export async function benchTeamServer(): Promise<string> {
  const demo = await openDemoStore('duckdb', {
    accounts: ACCOUNTS,
    seed: 1,
    years: 4,
    until: '2026-10-31',
  });
  const url = await createTestDatabase();
  try {
    const store = await openStore(url);
    const copyStarted = performance.now();
    await copyWorkspace(demo, store);
    const copySeconds = (performance.now() - copyStarted) / 1000;
    await demo.close();
    await scoreWorkspace(store);
    const reps = await store.all<{ id: number }>('SELECT id FROM rep ORDER BY id');
    const now = new Date();
    for (let i = 0; i < CLIENTS; i++) {
      const manager = i % 2 === 1;
      const added = await addUser(store, {
        email: `client${i}@example.com`,
        role: manager ? 'manager' : 'leader',
        repId: manager ? Number(reps[i % reps.length]?.id) : null,
        now,
      });
      await setPassword(store, { setupToken: added.setupToken, password: PASSWORD, now });
    }
    await store.close();

    const { base, stop } = await startServer(url, PORT);
    const cookies: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const res = await fetch(`${base}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `client${i}@example.com`, password: PASSWORD }),
      });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      if (!res.ok || !cookie.startsWith(`${SESSION_COOKIE}=`))
        throw new Error(`benchTeamServer: sign-in ${i} answered ${res.status}`);
      cookies.push(cookie);
    }
    // every client can read before the load starts (and the index is built)
    for (const cookie of cookies) {
      const res = await fetch(`${base}${QUERIES[0] ?? ''}`, { headers: { cookie } });
      if (!res.ok)
        throw new Error(
          `benchTeamServer: a signed-in read answered ${res.status}: ${await res.text()}`,
        );
    }
    let next = 0;
    const result = await autocannon({
      url: base,
      connections: CLIENTS,
      duration: 10,
      // the sessions take turns: each request is one of the 50 signed-in people
      requests: QUERIES.map((path) => ({
        method: 'GET' as const,
        path,
        setupRequest: (request: autocannon.Request) => ({
          ...request,
          headers: { ...request.headers, cookie: cookies[next++ % CLIENTS] ?? '' },
        }),
      })),
    });
    await stop();
    return [
      `## Team server: PostgreSQL, ${CLIENTS} signed-in clients (${ACCOUNTS.toLocaleString('en-US')} accounts)`,
      '',
      `\`GET /api/accounts\` (${QUERIES.length} different pages in turn) for 10 s from ${CLIENTS} connections, each with its own session cookie: half leaders (every account), half managers (their rep's accounts only). One \`hotspot serve\` process on PostgreSQL.`,
      '',
      '| p50 ms | p99 ms | requests/s | errors | non-2xx |',
      '| ---: | ---: | ---: | ---: | ---: |',
      `| ${result.latency.p50} | ${result.latency.p99} | ${result.requests.average.toFixed(0)} | ${result.errors} | ${result.non2xx} |`,
      '',
      `Aim (issue 5): zero errors, p99 under 100 ms. Loading the workspace into PostgreSQL (copyWorkspace from the demo DuckDB): ${copySeconds.toFixed(1)} s.`,
    ].join('\n');
  } finally {
    await dropTestDatabase(url);
  }
}
