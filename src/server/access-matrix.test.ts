import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignAccount, unassignAccount } from '../app/account-assignments.ts';
import { clearAccountOverride, setAccountOverride } from '../app/account-detail.ts';
import { createApiToken } from '../app/api-tokens.ts';
import { AUDIT_ACTIONS, readAuditLog } from '../app/audit.ts';
import { AUDIT_ACTION_VALUES } from '../contract/audit.ts';
import { loadDemo } from '../app/demo-data.ts';
import { churnReport, pilotReport, renewalReport, retentionReport } from '../app/lifecycle.ts';
import { scoreWorkspace } from '../app/score-workspace.ts';
import { addUser } from '../app/users.ts';
import { accountScopeOf, type Principal, type Role } from '../core/access.ts';
import { QUESTION_IDS } from '../core/assessment.ts';
import { DEFAULT_MODEL_YAML } from '../core/scoring/default-model.ts';
import { openStore } from '../db/open-store.ts';
import type { Store } from '../db/store.ts';
import { ROUTE_PERMISSIONS, ruleFor, type HttpMethod } from './auth/authorize.ts';
import { createApp } from './create-app.ts';

/*
 * The access matrix (issue 5): every /api route × every role (and no credentials) × an account
 * of one's own and another manager's, each cell with the status it must answer — including
 * IDOR attempts by id. Real users and API tokens (Bearer), through the app's own functions.
 * Then what a manager sees through the routes they may call: their own accounts only.
 */

type Json = Record<string, unknown>;
type Who = Role | 'anonymous';
const WHO: readonly Who[] = ['admin', 'leader', 'manager', 'viewer', 'anonymous'];

let store: Store;
let app: ReturnType<typeof createApp>;
const NOW = new Date('2026-11-01T09:00:00Z');

/** The Bearer token of each role's user (the manager is manager A). */
const tokens = {} as Record<Role, string>;
/** A second token per role, for the revoke cell. */
const spareTokens = {} as Record<Role, number>;
let managerB: string;
let managerA: Principal;
/** A scored account of manager A's rep, and one of manager B's. */
let own: { id: number; name: string; externalId: string };
let other: { id: number; name: string; externalId: string };
let repB: string;
let ownIds: Set<number>;
let runId: number;
let importWithErrors: number;

async function request(
  who: string,
  method: string,
  path: string,
  body?: { json?: unknown; form?: FormData },
): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = who === 'anonymous' ? undefined : (tokens[who as Role] ?? who);
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: string | FormData | undefined;
  if (body?.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body?.form) payload = body.form;
  return app.request(path, { method, headers, body: payload });
}

async function json(who: string, path: string): Promise<Json> {
  const res = await request(who, 'GET', path);
  expect(res.status, `${path} as ${who}`).toBe(200);
  return (await res.json()) as Json;
}

function form(fields: Record<string, string | [name: string, text: string]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') data.set(key, value);
    else data.set(key, new File([value[1]], value[0], { type: 'text/csv' }));
  }
  return data;
}

beforeAll(async () => {
  store = await openStore(':memory:');
  await loadDemo(store, { accounts: 240, seed: 11, years: 3, until: '2026-10-31' });
  runId = (await scoreWorkspace(store)).id;
  const reps = await store.all<{ owner_id: unknown; name: string }>(
    `SELECT a.owner_id, r.name FROM account a JOIN rep r ON r.id = a.owner_id
     GROUP BY a.owner_id, r.name ORDER BY count(*) DESC, a.owner_id LIMIT 2`,
  );
  const [repA, b] = reps.map((r) => ({ id: Number(r.owner_id), name: r.name }));
  if (!repA || !b) throw new Error('the demo has fewer than two reps with accounts');
  repB = b.name;
  const pick = async (repId: number) => {
    const [row] = await store.all<{ id: unknown; name: string; external_id: string }>(
      `SELECT a.id, a.name, a.external_id FROM account a JOIN account_score s ON s.account_id = a.id
       WHERE s.run_id = $1 AND a.owner_id = $2 ORDER BY a.id LIMIT 1`,
      [runId, repId],
    );
    if (!row) throw new Error(`rep ${repId} has no scored account`);
    return { id: Number(row.id), name: row.name, externalId: row.external_id };
  };
  own = await pick(repA.id);
  other = await pick(b.id);
  ownIds = new Set(
    (await store.all<{ id: unknown }>('SELECT id FROM account WHERE owner_id = $1', [repA.id])).map(
      (r) => Number(r.id),
    ),
  );

  const users: [Role | 'managerB', string, number | null][] = [
    ['admin', 'admin@example.test', null],
    ['leader', 'leader@example.test', null],
    ['manager', 'manager.a@example.test', repA.id],
    ['managerB', 'manager.b@example.test', b.id],
    ['viewer', 'viewer@example.test', null],
  ];
  for (const [role, email, repId] of users) {
    const added = await addUser(store, {
      email,
      role: role === 'managerB' ? 'manager' : role,
      repId,
      now: NOW,
    });
    const { secret } = await createApiToken(store, {
      userId: added.user.id,
      name: 'matrix',
      now: NOW,
    });
    if (role === 'managerB') {
      managerB = secret;
      continue;
    }
    tokens[role] = secret;
    spareTokens[role] = (
      await createApiToken(store, { userId: added.user.id, name: 'spare', now: NOW })
    ).token.id;
    if (role === 'manager')
      managerA = { userId: added.user.id, email, role: 'manager', repId: repA.id, via: 'token' };
  }
  app = createApp({
    store,
    filesDir: mkdtempSync(join(tmpdir(), 'hotspot-access-')),
    now: () => new Date(),
    signInLimit: { failures: 10_000, windowMs: 60_000 },
  });
  // an import whose rejected rows are kept: its files hold whatever accounts the file named
  const imported = await request('admin', 'POST', '/api/imports/ticket', {
    form: form({
      file: ['tickets.csv', 'id,account_id,opened_on,severity\nX-1,nope,2026-01-01,low\n'],
    }),
  });
  expect(imported.status).toBe(200);
  importWithErrors = ((await imported.json()) as { importId: number }).importId;
});

afterAll(() => store.close());

/** What a request is about: an account of one's own (manager A's), another manager's, or none. */
type Target = 'own' | 'other' | null;

type Case = {
  method: HttpMethod;
  /** The table's path; `{id}` of account routes is the target account. */
  route: string;
  target: Target;
  /** The concrete URL. */
  url: (accountId: number) => string;
  body?: () => { json?: unknown; form?: FormData };
  /** Runs before the request (e.g. an override to delete). */
  before?: () => Promise<void>;
  after?: () => Promise<void>;
  expect: Record<Who, number>;
};

/** Expected statuses by permission (the table's meaning, written out). */
const everyone = (status: number): Record<Who, number> => ({
  admin: status,
  leader: status,
  manager: status,
  viewer: status,
  anonymous: status,
});
const signedIn = (ok: number): Record<Who, number> => ({ ...everyone(ok), anonymous: 401 });
const readAll = (ok: number): Record<Who, number> => ({ ...signedIn(ok), manager: 403 });
const sharedData = (ok: number): Record<Who, number> => ({
  ...signedIn(ok),
  manager: 403,
  viewer: 403,
});
const adminOnly = (ok: number): Record<Who, number> => ({
  ...signedIn(403),
  admin: ok,
});
/** A read of one account: a manager gets 404 for another's, as for an unknown id. */
const readAccount = (target: Target, ok: number): Record<Who, number> => ({
  ...signedIn(ok),
  manager: target === 'other' ? 404 : ok,
});
/** A plan change on one account: admin, leader, the manager on their own (404 on another's). */
const planAccount = (target: Target, ok: number): Record<Who, number> => ({
  ...readAccount(target, ok),
  viewer: 403,
});

const likert = QUESTION_IDS.find((q) => q !== 'total_opportunity') ?? 'need_urgency';

async function clearOverrides(): Promise<void> {
  await store.run('DELETE FROM tier_override');
}

function cases(): Case[] {
  const plain = (
    method: HttpMethod,
    route: string,
    expected: Record<Who, number>,
    extra: Partial<Case> = {},
  ): Case => ({
    method,
    route,
    target: null,
    url: () => route,
    expect: expected,
    ...extra,
  });
  const accountCases = (target: 'own' | 'other'): Case[] => [
    {
      method: 'GET',
      route: '/api/accounts/{id}',
      target,
      url: (id) => `/api/accounts/${id}`,
      expect: readAccount(target, 200),
    },
    {
      method: 'PUT',
      route: '/api/accounts/{id}/override',
      target,
      url: (id) => `/api/accounts/${id}/override`,
      body: () => ({ json: { tier: '1a', reason: 'matrix', by: 'tester' } }),
      after: clearOverrides,
      expect: planAccount(target, 200),
    },
    {
      method: 'DELETE',
      route: '/api/accounts/{id}/override',
      target,
      url: (id) => `/api/accounts/${id}/override`,
      before: async () => {
        await clearOverrides();
        const accountId = target === 'own' ? own.id : other.id;
        await setAccountOverride(store, { accountId, tier: '3', reason: 'set', by: 'setup' });
      },
      after: clearOverrides,
      expect: planAccount(target, 204),
    },
    {
      method: 'PUT',
      route: '/api/accounts/{id}/answers',
      target,
      url: (id) => `/api/accounts/${id}/answers`,
      body: () => ({ json: { answers: [{ questionId: likert, answer: 3 }], by: 'tester' } }),
      expect: planAccount(target, 200),
    },
  ];
  return [
    plain('GET', '/api/openapi.json', everyone(200)),
    plain('POST', '/api/session', everyone(401), {
      body: () => ({ json: { email: 'nobody@example.test', password: 'not-the-password' } }),
    }),
    plain('POST', '/api/password', everyone(401), {
      body: () => ({ json: { token: 'not-a-setup-token', password: 'a long new password' } }),
    }),
    plain('GET', '/api/session', signedIn(200)),
    plain('DELETE', '/api/session', signedIn(204)),
    plain('POST', '/api/session/everywhere', signedIn(204)),
    plain('GET', '/api/tokens', signedIn(200)),
    plain('POST', '/api/tokens', signedIn(201), { body: () => ({ json: { name: 'cell' } }) }),
    {
      method: 'DELETE',
      route: '/api/tokens/{id}',
      target: null,
      url: () => '',
      expect: signedIn(200),
    },
    plain('GET', '/api/status', signedIn(200)),
    plain('GET', '/api/questions', signedIn(200)),
    plain('GET', '/api/runs', signedIn(200)),
    { ...plain('GET', '/api/runs/{id}', signedIn(200)), url: () => `/api/runs/${runId}` },
    plain('POST', '/api/model/backtest', sharedData(200), {
      body: () => ({ json: { document: DEFAULT_MODEL_YAML } }),
    }),
    plain('POST', '/api/runs', sharedData(201), { body: () => ({ json: {} }) }),
    {
      ...plain('GET', '/api/migration', signedIn(200)),
      url: () => `/api/migration?from=${runId}&to=${runId}`,
    },
    plain('GET', '/api/accounts', signedIn(200)),
    plain('GET', '/api/accounts/export.csv', signedIn(200)),
    ...accountCases('own'),
    ...accountCases('other'),
    plain('GET', '/api/matrix', signedIn(200)),
    plain('GET', '/api/facets', signedIn(200)),
    plain('GET', '/api/report', signedIn(200)),
    ...(['pilots', 'renewals', 'churn', 'retention'] as const).map((report) => ({
      ...plain('GET', '/api/lifecycle/{report}', signedIn(200)),
      url: () => `/api/lifecycle/${report}`,
    })),
    { ...plain('GET', '/api/export', signedIn(200)), url: () => '/api/export?format=csv' },
    {
      ...plain('POST', '/api/imports/{entity}/preview', sharedData(200)),
      url: () => '/api/imports/account/preview',
      body: () => ({ form: form({ file: ['a.csv', 'id,name\nN-1,New Co\n'] }) }),
    },
    {
      ...plain('POST', '/api/imports/{entity}', sharedData(200)),
      url: () => '/api/imports/account',
      body: () => ({ form: form({ file: ['a.csv', 'id,name\nN-1,New Co\n'], dryRun: 'true' }) }),
    },
    plain('GET', '/api/imports', readAll(200)),
    {
      ...plain('GET', '/api/imports/{id}/rejections', readAll(200)),
      url: () => `/api/imports/${importWithErrors}/rejections`,
    },
    {
      ...plain('GET', '/api/imports/{id}/errors', readAll(200)),
      url: () => `/api/imports/${importWithErrors}/errors`,
    },
    plain('GET', '/api/model', signedIn(200)),
    plain('POST', '/api/model/validate', signedIn(200), {
      body: () => ({ json: { document: DEFAULT_MODEL_YAML } }),
    }),
    plain('POST', '/api/model/preview', readAll(200), {
      body: () => ({ json: { document: DEFAULT_MODEL_YAML } }),
    }),
    plain('GET', '/api/model/versions', signedIn(200)),
    plain('GET', '/api/backtests', readAll(200)),
    plain('POST', '/api/model/versions', adminOnly(201), {
      body: () => ({ json: { document: DEFAULT_MODEL_YAML, by: 'tester' } }),
    }),
    plain('GET', '/api/audit', adminOnly(200)),
  ];
}

describe('the permission table', () => {
  it('names every route of the OpenAPI document, and nothing else', async () => {
    const doc = (await (await request('anonymous', 'GET', '/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const table = ROUTE_PERMISSIONS.map((r) => `${r.method} ${r.path}`);
    expect(documented.filter((route) => !table.includes(route))).toEqual([]);
    // the API description is served beside the document, not in it
    expect(table.filter((route) => !documented.includes(route))).toEqual(['GET /api/openapi.json']);
  });

  it('matches a literal segment before a parameter, HEAD as GET, and nothing unknown', () => {
    expect(ruleFor('GET', '/api/accounts/export.csv')?.path).toBe('/api/accounts/export.csv');
    expect(ruleFor('GET', '/api/accounts/12')?.path).toBe('/api/accounts/{id}');
    expect(ruleFor('HEAD', '/api/status')?.permission).toBe('read');
    expect(ruleFor('GET', '/api/accounts/12/override')).toBeNull();
    expect(ruleFor('GET', '/api/nothing-here')).toBeNull();
    expect(ruleFor('GET', '/api/accounts/')).toBeNull();
  });

  it('the matrix below has a case for every route of the table', () => {
    const covered = new Set(cases().map((c) => `${c.method} ${c.route}`));
    expect(
      ROUTE_PERMISSIONS.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r)),
    ).toEqual([]);
  });
});

describe('the audit contract', () => {
  it('lists the same actions as the app', () => {
    expect([...AUDIT_ACTION_VALUES]).toEqual([...AUDIT_ACTIONS]);
  });
});

describe('the access matrix: role × route × own or other account', () => {
  const table = cases();
  for (const c of table) {
    const label = `${c.method} ${c.route}${c.target ? ` (${c.target} account)` : ''}${c.route.includes('{report}') ? ` ${c.url(0)}` : ''}`;
    for (const who of WHO) {
      it(`${label} as ${who} → ${c.expect[who]}`, async () => {
        await c.before?.();
        try {
          const accountId = c.target === 'other' ? other.id : own.id;
          const url =
            c.route === '/api/tokens/{id}'
              ? `/api/tokens/${spareTokens[who === 'anonymous' ? 'admin' : who]}`
              : c.url(accountId);
          const res = await request(who, c.method, url, c.body?.());
          const text = await res.text();
          expect(res.status, text.slice(0, 300)).toBe(c.expect[who]);
          if (res.status === 401)
            expect(JSON.parse(text)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
          if (res.status === 403)
            expect(JSON.parse(text)).toMatchObject({ error: { code: 'FORBIDDEN' } });
          if (res.status === 404)
            expect(JSON.parse(text)).toEqual({
              error: { code: 'NOT_FOUND', message: `no account with id ${other.id}`, details: {} },
            });
        } finally {
          await c.after?.();
        }
      });
    }
  }
});

describe('a manager sees their own accounts only, through every route they may call', () => {
  it("another manager's account by id answers exactly what an unknown id answers", async () => {
    const probe = await request('manager', 'GET', `/api/accounts/${other.id}`);
    const unknown = await request('manager', 'GET', '/api/accounts/999999');
    expect(probe.status).toBe(404);
    expect(unknown.status).toBe(404);
    const body = (await probe.json()) as { error: Json };
    const none = (await unknown.json()) as { error: Json };
    expect(body.error.message).toBe(`no account with id ${other.id}`);
    expect(none.error.message).toBe('no account with id 999999');
    expect(Object.keys(body.error)).toEqual(Object.keys(none.error));
  });

  it("cannot change another's account: no override, no answers, no audit entry", async () => {
    await clearOverrides();
    const audited = (await readAuditLog(store)).length;
    const answers = await store.all('SELECT id FROM assessment_answer WHERE account_id = $1', [
      other.id,
    ]);
    expect(
      (
        await request('manager', 'PUT', `/api/accounts/${other.id}/override`, {
          json: { tier: '1a', reason: 'mine now', by: 'A' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await request('manager', 'PUT', `/api/accounts/${other.id}/answers`, {
          json: { answers: [{ questionId: likert, answer: 5 }], by: 'A' },
        })
      ).status,
    ).toBe(404);
    await setAccountOverride(store, { accountId: other.id, tier: '3', reason: 'B', by: 'B' });
    expect((await request('manager', 'DELETE', `/api/accounts/${other.id}/override`)).status).toBe(
      404,
    );
    expect(
      await store.all('SELECT tier, reason FROM tier_override WHERE account_id = $1', [other.id]),
    ).toEqual([{ tier: '3', reason: 'B' }]);
    expect(
      await store.all('SELECT id FROM assessment_answer WHERE account_id = $1', [other.id]),
    ).toEqual(answers);
    // the only new entry is the override set directly above
    expect((await readAuditLog(store)).length).toBe(audited + 1);
    await clearOverrides();
  });

  it('lists, searches and exports own accounts only, even by the exact name of another', async () => {
    const list = await json('manager', '/api/accounts?limit=500');
    const ids = (list.accounts as { accountId: number }[]).map((a) => a.accountId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => ownIds.has(id))).toBe(true);
    expect(list.total).toBe(ids.length);
    const byName = await json('manager', `/api/accounts?q=${encodeURIComponent(other.name)}`);
    expect(byName).toMatchObject({ total: 0, accounts: [] });
    const byId = await json('manager', `/api/accounts?q=${encodeURIComponent(other.externalId)}`);
    expect(byId.total).toBe(0);
    expect((await json('manager', `/api/accounts?owner=${encodeURIComponent(repB)}`)).total).toBe(
      0,
    );
    const leader = await json('leader', `/api/accounts?q=${encodeURIComponent(other.externalId)}`);
    expect(leader.total).toBeGreaterThan(0);

    const csv = await (await request('manager', 'GET', '/api/accounts/export.csv')).text();
    const rows = csv.trim().split('\n').slice(1);
    expect(rows.length).toBe(ids.length);
    expect(rows.every((r) => ownIds.has(Number(r.split(',')[0])))).toBe(true);
  });

  it('the CRM export holds own accounts only', async () => {
    const res = await request('manager', 'GET', '/api/export?format=csv');
    const lines = (await res.text()).trim().split('\n').slice(1);
    const exported = lines.map((l) => l.split(',')[0]);
    expect(exported).toContain(own.externalId);
    expect(exported).not.toContain(other.externalId);
    expect(Number(res.headers.get('x-hotspot-rows'))).toBe(lines.length);
    const everything = await request('leader', 'GET', '/api/export?format=csv');
    expect(Number(everything.headers.get('x-hotspot-rows'))).toBeGreaterThan(lines.length);
  });

  it('the matrix, the facets and the portfolio report cover own accounts only', async () => {
    const matrix = (await json('manager', '/api/matrix')) as { ids: number[] };
    expect(matrix.ids).toContain(own.id);
    expect(matrix.ids).not.toContain(other.id);
    expect(matrix.ids.every((id) => ownIds.has(id))).toBe(true);

    const facets = (await json('manager', '/api/facets')) as { owners: string[] };
    expect(facets.owners).not.toContain(repB);
    expect(facets.owners).toHaveLength(1);

    const report = (await json('manager', '/api/report')) as {
      tiers: { accounts: number }[];
      categories: { accounts: number }[];
      highValue: { accountId: number }[];
    };
    const sum = (xs: { accounts: number }[]) => xs.reduce((s, x) => s + x.accounts, 0);
    expect(sum(report.tiers)).toBe(matrix.ids.length);
    expect(sum(report.categories)).toBe(matrix.ids.length);
    expect(report.highValue.every((a) => ownIds.has(a.accountId))).toBe(true);
    const all = (await json('leader', '/api/report')) as { tiers: { accounts: number }[] };
    expect(sum(all.tiers)).toBeGreaterThan(matrix.ids.length);
  });

  it('lifecycle reports are over own accounts only', async () => {
    const scope = accountScopeOf(managerA);
    const reports = {
      pilots: () => pilotReport(store, { scope }),
      renewals: () => renewalReport(store, { scope }),
      churn: () => churnReport(store, { scope }),
      retention: () => retentionReport(store, { scope }),
    };
    for (const [name, scoped] of Object.entries(reports)) {
      const mine = await json('manager', `/api/lifecycle/${name}`);
      expect(mine, name).toEqual(JSON.parse(JSON.stringify(await scoped())) as Json);
      expect(mine, name).not.toEqual(await json('leader', `/api/lifecycle/${name}`));
      const ids = [...JSON.stringify(mine).matchAll(/"accountId":(\d+)/g)].map((m) => Number(m[1]));
      expect(
        ids.every((id) => ownIds.has(id)),
        name,
      ).toBe(true);
    }
  });

  it('the status omits the import log, whose file names may name accounts', async () => {
    expect(((await json('manager', '/api/status')).imports as unknown[]).length).toBe(0);
    expect(((await json('leader', '/api/status')).imports as unknown[]).length).toBeGreaterThan(0);
  });

  it('an assigned account joins the scope, and leaves it when unassigned', async () => {
    await assignAccount(store, {
      email: 'manager.a@example.test',
      account: String(other.id),
      actor: 'admin@example.test',
    });
    expect((await request('manager', 'GET', `/api/accounts/${other.id}`)).status).toBe(200);
    const byName = await json('manager', `/api/accounts?q=${encodeURIComponent(other.externalId)}`);
    expect(byName.total).toBe(1);
    expect(((await json('manager', '/api/matrix')) as { ids: number[] }).ids).toContain(other.id);
    // manager B keeps their own account
    expect((await request(managerB, 'GET', `/api/accounts/${other.id}`)).status).toBe(200);
    await unassignAccount(store, {
      email: 'manager.a@example.test',
      account: String(other.id),
      actor: 'admin@example.test',
    });
    expect((await request('manager', 'GET', `/api/accounts/${other.id}`)).status).toBe(404);
    // and manager B cannot see manager A's
    expect((await request(managerB, 'GET', `/api/accounts/${own.id}`)).status).toBe(404);
  });

  it('changes through the API are audited as the user who made them', async () => {
    await clearOverrides();
    const res = await request('manager', 'PUT', `/api/accounts/${own.id}/override`, {
      json: { tier: '1b', reason: 'new budget', by: 'Ana' },
    });
    expect(res.status).toBe(200);
    const [entry] = await readAuditLog(store, { limit: 1 });
    expect(entry).toMatchObject({
      actor: 'manager.a@example.test',
      action: 'override.set',
      entity: 'account',
      entityId: String(own.id),
      before: null,
      after: { tier: '1b', reason: 'new budget', by: 'Ana' },
    });
    await clearAccountOverride(store, { accountId: own.id });
  });
});

describe('SQL and script text in every text field comes back inert', () => {
  const NASTY = [
    "'; DROP TABLE account; --",
    '<script>alert(1)</script>',
    "Robert'); DELETE FROM tier_override WHERE ('1'='1",
    '%_\\',
  ];
  let accounts: number;

  beforeAll(async () => {
    const [row] = await store.all<{ n: unknown }>('SELECT count(*) AS n FROM account');
    accounts = Number(row?.n);
  });

  it.each(NASTY)('an override reason and by: %s', async (text) => {
    const res = await request('leader', 'PUT', `/api/accounts/${own.id}/override`, {
      json: { tier: '2-need', reason: text, by: text },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ reason: text, createdBy: text });
    const detail = await json('manager', `/api/accounts/${own.id}`);
    expect(detail.override).toMatchObject({ reason: text, createdBy: text });
    const [entry] = ((await json('admin', '/api/audit?limit=1')) as { entries: Json[] }).entries;
    expect(entry).toMatchObject({
      actor: 'leader@example.test',
      after: { reason: text, by: text },
    });
    await clearOverrides();
  });

  it.each(NASTY)("assessment answers' by: %s", async (text) => {
    const res = await request('manager', 'PUT', `/api/accounts/${own.id}/answers`, {
      json: { answers: [{ questionId: likert, answer: 4 }], by: text },
    });
    expect(res.status).toBe(200);
    const { answers } = (await res.json()) as { answers: { answeredBy: string }[] };
    expect(answers.map((a) => a.answeredBy)).toContain(text);
  });

  it.each(NASTY)("a model version's by: %s", async (text) => {
    const res = await request('admin', 'POST', '/api/model/versions', {
      json: { document: DEFAULT_MODEL_YAML, by: text },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ savedBy: text });
    const { versions } = (await json('viewer', '/api/model/versions')) as {
      versions: { savedBy: string }[];
    };
    expect(versions[0]?.savedBy).toBe(text);
  });

  it.each(NASTY)('a search, owner and industry filter: %s', async (text) => {
    for (const field of ['q', 'owner', 'industry']) {
      for (const who of ['leader', 'manager'] as const) {
        const list = await json(who, `/api/accounts?${field}=${encodeURIComponent(text)}`);
        expect(list, `${field} as ${who}`).toMatchObject({ total: 0, accounts: [] });
      }
      const csv = await request(
        'leader',
        'GET',
        `/api/accounts/export.csv?${field}=${encodeURIComponent(text)}`,
      );
      expect(csv.status).toBe(200);
      expect((await csv.text()).trim().split('\n')).toHaveLength(1);
    }
  });

  it('left every table as it was', async () => {
    const [row] = await store.all<{ n: unknown }>('SELECT count(*) AS n FROM account');
    expect(Number(row?.n)).toBe(accounts);
    expect((await json('leader', '/api/accounts?limit=1')).total).toBeGreaterThan(0);
  });
});
