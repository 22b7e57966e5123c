import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, sendJson, type Json } from '../../test/http.ts';
import { ENGINES, openDemoStore } from '../../test/stores.ts';
import { EXPORT_FORMATS } from '../app/export-tiers.ts';
import { scoreWorkspace, type RunSummary } from '../app/score-workspace.ts';
import {
  CATEGORY_VALUES,
  ENTITY_VALUES,
  EXPORT_FORMAT_VALUES,
  PRESET_VALUES,
  STAGE_VALUES,
  TIER_VALUES,
} from '../contract/common.ts';
import { ACCOUNT_SORT_VALUES } from '../contract/accounts.ts';
import { ENTITIES, LIFECYCLE_STAGES } from '../core/entities.ts';
import { CATEGORIES } from '../core/scoring/assign-categories.ts';
import { TIERS } from '../core/scoring/assign-tiers.ts';
import { DEFAULT_MODEL_YAML } from '../core/scoring/default-model.ts';
import { SORT_FIELDS } from '../db/scored-accounts.ts';
import type { Store } from '../db/store.ts';
import { PRESETS } from '../ingest/presets.ts';
import { createApp } from './create-app.ts';

type Account = Json & {
  accountId: number;
  externalId: string;
  tier: string;
  value: number | null;
  name: string;
};

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let run: RunSummary;

  beforeAll(async () => {
    store = await openDemoStore(engine, { accounts: 300, seed: 3, years: 5, until: '2026-10-31' });
    run = await scoreWorkspace(store);
    app = createApp({ store, filesDir: mkdtempSync(join(tmpdir(), 'hotspot-files-')) });
  });

  afterAll(() => store.close());

  const get = (path: string) => getJson(app, path);

  const send = (method: string, path: string, body?: unknown) =>
    sendJson(app, { method, path, body });

  const RUN_KEYS = [
    'accounts',
    'asOf',
    'averageDeal',
    'createdAt',
    'id',
    'modelHash',
    'modelName',
    'productLine',
    'stage',
    'thresholds',
  ];

  const ACCOUNT_KEYS = [
    'accountId',
    'behavior',
    'category',
    'computedTier',
    'externalId',
    'highValue',
    'industry',
    'name',
    'need',
    'overridden',
    'owner',
    'potentialSpend',
    'revenueTtm',
    'shareOfWallet',
    'source',
    'tier',
    'value',
  ];

  const keys = (value: unknown): string[] => Object.keys(value as Json).sort();

  function issuesOf(body: Json): { path: (string | number)[]; message: string }[] {
    const error = body.error as {
      details: { issues: { path: (string | number)[]; message: string }[] };
    };
    return error.details.issues;
  }

  describe('the contract', () => {
    it('lists the same values as the domain (it cannot import them: it imports zod only)', () => {
      expect([...TIER_VALUES]).toEqual([...TIERS]);
      expect([...CATEGORY_VALUES]).toEqual([...CATEGORIES]);
      expect([...STAGE_VALUES]).toEqual([...LIFECYCLE_STAGES]);
      expect([...PRESET_VALUES]).toEqual([...PRESETS]);
      expect([...EXPORT_FORMAT_VALUES]).toEqual([...EXPORT_FORMATS]);
      expect([...ENTITY_VALUES]).toEqual(ENTITIES.map((e) => e.name));
      expect([...ACCOUNT_SORT_VALUES].sort()).toEqual(Object.keys(SORT_FIELDS).sort());
    });
  });

  describe('health, status and errors', () => {
    it('GET /healthz answers ok outside /api', async () => {
      expect(await get('/healthz')).toEqual({ status: 200, body: { ok: true } });
    });

    it('GET /api/status counts the records per entity and lists the imports', async () => {
      const { status, body } = await get('/api/status');
      expect(status).toBe(200);
      expect(keys(body)).toEqual(['counts', 'database', 'imports', 'matchQuality']);
      expect(body.database).toBe(store.location);
      expect((body.counts as Json).account).toBe(300);
      expect((body.imports as Json[]).length).toBe(10);
      expect(keys((body.imports as Json[])[0])).toEqual([
        'entity',
        'fileName',
        'finishedAt',
        'id',
        'inserted',
        'outcome',
        'rejected',
        'source',
        'totalRows',
        'unchanged',
        'updated',
      ]);
    });

    it('answers unknown routes with a JSON 404', async () => {
      expect(await get('/api/nothing-here')).toEqual({
        status: 404,
        body: {
          error: { code: 'NOT_FOUND', message: 'no route GET /api/nothing-here', details: {} },
        },
      });
      expect((await get('/elsewhere')).status).toBe(404);
    });

    it('answers a malformed JSON body with a JSON 400', async () => {
      const res = await app.request('/api/model/validate', {
        method: 'POST',
        body: '{"document": ',
        headers: { 'Content-Type': 'application/json' },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string } };
      expect(body.error.code).toBe('INVALID_INPUT');
    });
  });

  describe('runs', () => {
    it('GET /api/runs lists the runs without their model documents', async () => {
      const { status, body } = await get('/api/runs');
      expect(status).toBe(200);
      const runs = body.runs as Json[];
      expect(runs).toHaveLength(1);
      expect(keys(runs[0])).toEqual(RUN_KEYS);
      expect(runs[0]).toMatchObject({
        id: run.id,
        asOf: '2026-10-31',
        accounts: 300,
        modelName: 'default',
        modelHash: run.modelHash,
        stage: null,
        productLine: null,
      });
    });

    it('GET /api/runs/:id adds the criteria and the exact model document', async () => {
      const { status, body } = await get(`/api/runs/${run.id}`);
      expect(status).toBe(200);
      expect(keys(body)).toEqual([...RUN_KEYS, 'criteria', 'modelDocument'].sort());
      expect(body.modelDocument).toBe(DEFAULT_MODEL_YAML);
      expect((body.criteria as Json[])[0]).toEqual({
        id: 'whitespace',
        dimension: 'need',
        source: 'feature',
        weight: 2,
      });
    });

    it('GET /api/runs/:id answers 404 for an unknown run and 400 for a malformed id', async () => {
      expect(await get('/api/runs/999')).toEqual({
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'no scoring run 999', details: {} } },
      });
      const malformed = await get('/api/runs/abc');
      expect(malformed.status).toBe(400);
      expect(issuesOf(malformed.body).map((i) => i.path)).toEqual([['id']]);
    });
  });

  describe('accounts', () => {
    it('GET /api/accounts: the first page of the latest run by value, with the total', async () => {
      const { status, body } = await get('/api/accounts');
      expect(status).toBe(200);
      expect(keys(body)).toEqual(['accounts', 'run', 'total']);
      expect((body.run as Json).id).toBe(run.id);
      expect(body.total).toBe(300);
      const accounts = body.accounts as Account[];
      expect(accounts).toHaveLength(50);
      expect(keys(accounts[0])).toEqual(ACCOUNT_KEYS);
      const values = accounts.map((a) => a.value ?? -1);
      expect(values).toEqual([...values].sort((a, b) => b - a));
    });

    it('pages with limit and offset: consecutive pages continue one another', async () => {
      const all = (await get('/api/accounts?sort=name&order=asc&limit=20')).body
        .accounts as Account[];
      const second = (await get('/api/accounts?sort=name&order=asc&limit=10&offset=10')).body;
      expect(second.total).toBe(300);
      expect((second.accounts as Account[]).map((a) => a.accountId)).toEqual(
        all.slice(10).map((a) => a.accountId),
      );
      const names = all.map((a) => a.name);
      expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('filters by tier, high value, owner and industry, and searches name or external id', async () => {
      const tier1 = (await get('/api/accounts?tier=1a,1b&limit=1000')).body;
      const expected = (run.tierCounts['1a'] ?? 0) + (run.tierCounts['1b'] ?? 0);
      expect(tier1.total).toBe(expected);
      expect((tier1.accounts as Account[]).every((a) => ['1a', '1b'].includes(a.tier))).toBe(true);

      const highValue = (await get('/api/accounts?highValue=true&limit=1000')).body;
      expect((highValue.accounts as Account[]).every((a) => a.highValue === true)).toBe(true);
      expect(highValue.total).toBe((highValue.accounts as Account[]).length);

      const sample = (
        (await get('/api/accounts?limit=1')).body.accounts as Account[]
      )[0] as Account;
      const byOwner = (await get(`/api/accounts?owner=${encodeURIComponent(String(sample.owner))}`))
        .body;
      expect((byOwner.accounts as Account[]).every((a) => a.owner === sample.owner)).toBe(true);
      const byIndustry = (
        await get(
          `/api/accounts?industry=${encodeURIComponent(String(sample.industry).toUpperCase())}&limit=1000`,
        )
      ).body;
      expect((byIndustry.accounts as Account[]).every((a) => a.industry === sample.industry)).toBe(
        true,
      );
      expect(byIndustry.total).toBeGreaterThan(0);

      const byId = (await get(`/api/accounts?q=${String(sample.externalId).toLowerCase()}`)).body;
      expect(byId.total).toBe(1);
      expect((byId.accounts as Account[])[0]?.accountId).toBe(sample.accountId);
      const word = sample.name.split(' ')[0] as string;
      const byName = (await get(`/api/accounts?q=${encodeURIComponent(word)}&limit=1000`)).body;
      expect(
        (byName.accounts as Account[]).every((a) =>
          a.name.toLowerCase().includes(word.toLowerCase()),
        ),
      ).toBe(true);
      expect((await get('/api/accounts?q=%25_no_such_account')).body.total).toBe(0);
    });

    it('answers 400 naming each bad field', async () => {
      const { status, body } = await get('/api/accounts?limit=abc');
      expect(status).toBe(400);
      expect(body).toEqual({
        error: {
          code: 'INVALID_INPUT',
          message: 'limit: Invalid input: expected number, received NaN',
          details: {
            issues: [{ path: ['limit'], message: 'Invalid input: expected number, received NaN' }],
          },
        },
      });
      const several = await get('/api/accounts?tier=1a,9&sort=size&offset=-1');
      expect(issuesOf(several.body).map((i) => i.path)).toEqual([
        ['tier', 1],
        ['sort'],
        ['offset'],
      ]);
    });

    it('GET /api/accounts/:id: firmographics, explained scores, history and records', async () => {
      const top = ((await get('/api/accounts?limit=1')).body.accounts as Account[])[0] as Account;
      const { status, body } = await get(`/api/accounts/${top.accountId}`);
      expect(status).toBe(200);
      expect(keys(body)).toEqual([
        'account',
        'assessmentAnswers',
        'competitorSightings',
        'contacts',
        'contracts',
        'deals',
        'explanation',
        'history',
        'invoices',
        'override',
        'tickets',
      ]);
      expect(keys(body.account)).toEqual([
        'annualRevenue',
        'country',
        'createdOn',
        'domain',
        'employees',
        'externalId',
        'id',
        'industry',
        'name',
        'owner',
        'parent',
        'region',
        'source',
      ]);
      expect(body.account).toMatchObject({ id: top.accountId, name: top.name });

      const explanation = body.explanation as {
        run: Json;
        account: Json & { value: number };
        criteria: { dimension: string; contribution: number | null }[];
        tierChange: unknown;
        override: unknown;
      };
      expect(keys(explanation)).toEqual(['account', 'criteria', 'override', 'run', 'tierChange']);
      expect(keys(explanation.run)).toEqual(RUN_KEYS);
      expect(keys(explanation.account)).toEqual(
        [...ACCOUNT_KEYS, 'categoryReason', 'confidence'].sort(),
      );
      // contributions add up to the dimension's score (each rounded to 2 decimals)
      const valueSum = explanation.criteria
        .filter((c) => c.dimension === 'value')
        .reduce((sum, c) => sum + (c.contribution ?? 0), 0);
      expect(valueSum).toBeCloseTo(explanation.account.value, 0);

      expect(body.history).toEqual([
        {
          runId: run.id,
          asOf: '2026-10-31',
          createdAt: run.createdAt,
          stage: null,
          productLine: null,
          need: top.need,
          value: top.value,
          behavior: top.behavior,
          tier: top.computedTier,
          highValue: top.highValue,
          category: top.category,
        },
      ]);
      const rank = ['c_level', 'vp', 'director', 'manager', 'staff'];
      const seniorities = (body.contacts as { seniority: string }[]).map((c) =>
        rank.indexOf(c.seniority),
      );
      expect(seniorities).toEqual([...seniorities].sort((a, b) => a - b));
      const invoices = body.invoices as { total: number; items: { issuedOn: string }[] };
      expect(invoices.items.length).toBe(Math.min(50, invoices.total));
      const issued = invoices.items.map((i) => i.issuedOn);
      expect(issued).toEqual([...issued].sort().reverse());
      expect(keys(body.tickets)).toEqual(['items', 'total']);
    });

    it('GET /api/accounts/:id answers 404 for an unknown account', async () => {
      expect(await get('/api/accounts/987654')).toEqual({
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: 'no account with id 987654', details: {} } },
      });
    });

    it('overrides round trip: set, shown in lists and the account, cleared', async () => {
      const target = (
        (await get('/api/accounts?tier=3&limit=1')).body.accounts as Account[]
      )[0] as Account;
      const put = await send('PUT', `/api/accounts/${target.accountId}/override`, {
        tier: '1a',
        reason: 'board-level relationship',
        by: 'Dana',
      });
      expect(put.status).toBe(200);
      expect(keys(put.body)).toEqual([
        'accountId',
        'createdAt',
        'createdBy',
        'reason',
        'revision',
        'tier',
      ]);
      expect(put.body).toMatchObject({
        accountId: target.accountId,
        tier: '1a',
        reason: 'board-level relationship',
        createdBy: 'Dana',
        revision: expect.any(Number) as number,
      });

      const listed = (await get(`/api/accounts?tier=1a&limit=1000`)).body.accounts as Account[];
      expect(listed.find((a) => a.accountId === target.accountId)).toMatchObject({
        tier: '1a',
        computedTier: '3',
        overridden: true,
      });
      const detail = (await get(`/api/accounts/${target.accountId}`)).body;
      expect(detail.override).toEqual(put.body);
      expect((detail.explanation as Json).override).toEqual(put.body);

      const cleared = await app.request(`/api/accounts/${target.accountId}/override`, {
        method: 'DELETE',
      });
      expect(cleared.status).toBe(204);
      expect((await get(`/api/accounts/${target.accountId}`)).body.override).toBeNull();
      const again = await send('DELETE', `/api/accounts/${target.accountId}/override`);
      expect(again.status).toBe(404);
    });

    it('refuses an override with an unknown tier or no reason, naming the fields', async () => {
      const res = await send('PUT', '/api/accounts/1/override', {
        tier: '1c',
        reason: ' ',
        by: 'x',
      });
      expect(res.status).toBe(400);
      expect(issuesOf(res.body).map((i) => i.path)).toEqual([['tier'], ['reason']]);
      expect(
        (await send('PUT', '/api/accounts/987654/override', { tier: '1a', reason: 'r', by: 'x' }))
          .status,
      ).toBe(404);
    });
  });

  describe('reports', () => {
    it('GET /api/report: tiers and categories add up to every account', async () => {
      const { status, body } = await get('/api/report');
      expect(status).toBe(200);
      expect(keys(body)).toEqual([
        'averageDealByQuarter',
        'categories',
        'highValue',
        'run',
        'tiers',
      ]);
      const tiers = body.tiers as { tier: string; accounts: number }[];
      expect(tiers.reduce((s, t) => s + t.accounts, 0)).toBe(300);
      expect(keys(tiers[0])).toEqual(['accounts', 'potential', 'revenue', 'tier']);
      expect((body.categories as { accounts: number }[]).reduce((s, c) => s + c.accounts, 0)).toBe(
        300,
      );
      expect((body.highValue as Account[]).every((a) => a.highValue)).toBe(true);
    });

    it.each([
      ['pilots', ['asOf', 'conversionRate', 'converted', 'started']],
      ['renewals', ['asOf']],
      ['churn', ['asOf']],
      ['retention', ['asOf', 'heatMap', 'projection']],
    ])('GET /api/lifecycle/%s as of a date', async (report, fields) => {
      const { status, body } = await get(`/api/lifecycle/${report}?asOf=2026-06-30`);
      expect(status).toBe(200);
      expect(body.asOf).toBe('2026-06-30');
      for (const field of fields) expect(body).toHaveProperty(field);
    });

    it('GET /api/lifecycle answers 400 for an unknown report or a malformed date', async () => {
      expect(issuesOf((await get('/api/lifecycle/forecast')).body).map((i) => i.path)).toEqual([
        ['report'],
      ]);
      expect(
        issuesOf((await get('/api/lifecycle/churn?asOf=June')).body).map((i) => i.path),
      ).toEqual([['asOf']]);
    });
  });

  describe('exports', () => {
    /** The temporary export folders still there once the response stream has closed (polled: closing is async). */
    async function leftovers(): Promise<string[]> {
      const left = (): string[] =>
        readdirSync(tmpdir()).filter((name) => name.startsWith('hotspot-api-export-'));
      for (let i = 0; i < 40 && left().length > 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 25));
      return left();
    }

    it('GET /api/export?format=csv downloads every account and leaves no file behind', async () => {
      const res = await app.request('/api/export?format=csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="hotspot-tiers-csv.csv"',
      );
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe(
        'account_id,source,name,tier,computed_tier,overridden,value,need,behavior,category,high_value,potential_spend,share_of_wallet,revenue_ttm,score_updated',
      );
      expect(lines).toHaveLength(301);
      expect(await leftovers()).toEqual([]);
    });

    it('GET /api/export?format=parquet downloads a Parquet file', async () => {
      const res = await app.request('/api/export?format=parquet');
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    });

    it('a CRM format exports that source only: demo accounts are not Salesforce records', async () => {
      const crm = await get('/api/export?format=salesforce');
      expect(crm.status).toBe(400);
      expect((crm.body.error as Json).code).toBe('USAGE');
      const res = await app.request('/api/export?format=salesforce&source=demo');
      expect(res.status).toBe(200);
      expect((await res.text()).split('\n')[0]).toBe(
        'Id,Account_Tier__c,Value_Score__c,Need_Score__c,Behavior_Score__c,Relationship_Category__c,High_Value_Potential__c,Score_Updated_At__c',
      );
      expect(await leftovers()).toEqual([]);
    });

    it('answers 400 for an unknown format', async () => {
      expect(issuesOf((await get('/api/export?format=xlsx')).body).map((i) => i.path)).toEqual([
        ['format'],
      ]);
    });
  });

  describe('model', () => {
    it('GET /api/model: the default document and the parsed model', async () => {
      const { status, body } = await get('/api/model');
      expect(status).toBe(200);
      expect(keys(body)).toEqual([
        'hash',
        'model',
        'name',
        'savedAt',
        'savedBy',
        'version',
        'yaml',
      ]);
      expect(body.version).toBeNull();
      expect(body.yaml).toBe(DEFAULT_MODEL_YAML);
      expect(body.hash).toBe(run.modelHash);
      expect(keys(body.model)).toContain('dimensions');
    });

    it('POST /api/model/validate names the path of each problem', async () => {
      const valid = await send('POST', '/api/model/validate', { document: DEFAULT_MODEL_YAML });
      expect(valid).toEqual({
        status: 200,
        body: { valid: true, hash: run.modelHash, problems: [] },
      });
      const broken = DEFAULT_MODEL_YAML.replace(
        '{ id: whitespace, feature: whitespace, weight: 2 }',
        '{ id: whitespace, feature: whitespace, weight: heavy }',
      );
      const invalid = await send('POST', '/api/model/validate', { document: broken });
      expect(invalid.status).toBe(200);
      expect(invalid.body.valid).toBe(false);
      expect((invalid.body.problems as { path: string }[]).map((p) => p.path)).toEqual([
        'dimensions.need.criteria.0.weight',
      ]);
      expect(issuesOf((await send('POST', '/api/model/validate', {})).body)).toEqual([
        { path: ['document'], message: 'Invalid input: expected string, received undefined' },
      ]);
    });
  });

  // these change the workspace (a new run, new records): they come last
  describe('scoring and importing', () => {
    it('POST /api/runs with an invalid model answers 422 with one issue per problem, and stores nothing', async () => {
      const broken = DEFAULT_MODEL_YAML.replace(
        '{ id: whitespace, feature: whitespace, weight: 2 }',
        '{ id: whitespace, feature: whitespace, weight: heavy, colour: red }',
      );
      const { status, body } = await send('POST', '/api/runs', { model: broken });
      expect(status).toBe(422);
      expect((body.error as Json).code).toBe('INVALID_INPUT');
      expect(issuesOf(body)).toEqual([
        {
          path: ['model', 'dimensions', 'need', 'criteria', 0, 'weight'],
          message: expect.any(String) as string,
        },
        { path: ['model', 'dimensions', 'need', 'criteria', 0], message: 'unknown key "colour"' },
      ]);
      expect(((await get('/api/runs')).body.runs as Json[]).length).toBe(1);
    });

    it('POST /api/runs refuses unknown fields and a bad stage by name', async () => {
      const { status, body } = await send('POST', '/api/runs', { stage: 'peak', colour: 'red' });
      expect(status).toBe(400);
      expect(issuesOf(body).map((i) => i.path)).toEqual([['stage'], []]);
    });

    it('POST /api/runs scores as of a date and answers the run summary', async () => {
      const { status, body } = await send('POST', '/api/runs', {
        asOf: '2026-06-30',
        stage: 'growth',
      });
      expect(status).toBe(201);
      expect(keys(body)).toEqual([...RUN_KEYS, 'tierChanges', 'tierCounts'].sort());
      expect(body).toMatchObject({ id: run.id + 1, asOf: '2026-06-30', stage: 'growth' });
      const counts = Object.values(body.tierCounts as Record<string, number>);
      expect(counts.reduce((s, n) => s + n, 0)).toBe(body.accounts);
      expect(((await get('/api/runs')).body.runs as Json[]).map((r) => r.id)).toEqual([
        run.id + 1,
        run.id,
      ]);
    });

    it('POST /api/runs replays a run', async () => {
      const { status, body } = await send('POST', '/api/runs', { replay: run.id });
      expect(status).toBe(201);
      expect(body).toMatchObject({ asOf: run.asOf, modelHash: run.modelHash, stage: null });
      expect((await send('POST', '/api/runs', { replay: 999 })).status).toBe(404);
    });

    it('POST /api/imports/:entity reports a bad row with its line and reason', async () => {
      const account = (
        (await get('/api/accounts?limit=1')).body.accounts as Account[]
      )[0] as Account;
      const csv = [
        'id,account_id,opened_on,closed_on,severity',
        `API-T1,${account.externalId},2026-09-01,2026-09-03,high`,
        `API-T2,${account.externalId},2026-09-05,,catastrophic`,
        `API-T3,${account.externalId},not a date,,low`,
      ].join('\n');
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'zendesk tickets.csv');
      form.append('source', 'zendesk');
      const res = await app.request('/api/imports/ticket', { method: 'POST', body: form });
      expect(res.status).toBe(200);
      const summary = (await res.json()) as Json & { rejections: Json[] };
      expect(keys(summary)).toEqual([
        'dryRun',
        'entity',
        'errorsUrl',
        'file',
        'format',
        'ignoredColumns',
        'importId',
        'inserted',
        'matches',
        'outcome',
        'preset',
        'rejected',
        'rejections',
        'rows',
        'source',
        'unchanged',
        'updated',
      ]);
      expect(summary).toMatchObject({
        entity: 'ticket',
        file: 'zendesk tickets.csv',
        source: 'zendesk',
        preset: 'native',
        format: 'csv',
        dryRun: false,
        outcome: 'imported_with_rejections',
        rows: 3,
        inserted: 1,
        rejected: 2,
      });
      expect(summary.rejections.map((r) => [r.rowNumber, r.code, r.column])).toEqual([
        [3, 'invalid_value', 'severity'],
        [4, 'invalid_date', 'opened_on'],
      ]);
      expect(summary.rejections[0]?.message).toContain('catastrophic');
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith('hotspot-api-upload-'))).toEqual([]);

      const detail = (await get(`/api/accounts/${account.accountId}`)).body;
      expect((detail.tickets as { items: { externalId: string }[] }).items[0]?.externalId).toBe(
        'API-T1',
      );
    });

    it('POST /api/imports/:entity with dryRun changes nothing; a missing file is named', async () => {
      const before = ((await get('/api/status')).body.counts as Json).rep;
      const form = new FormData();
      form.append('file', new Blob(['id,name\nREP-X,Xavier\n']), 'rep.csv');
      form.append('dryRun', 'true');
      const res = await app.request('/api/imports/rep', { method: 'POST', body: form });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ dryRun: true, inserted: 1, rejected: 0 });
      expect(((await get('/api/status')).body.counts as Json).rep).toBe(before);

      const empty = new FormData();
      empty.append('preset', 'native');
      const missing = await app.request('/api/imports/rep', { method: 'POST', body: empty });
      expect(missing.status).toBe(400);
      expect(issuesOf((await missing.json()) as Json).map((i) => i.path)).toEqual([['file']]);
    });

    it('POST /api/imports/:entity answers 422 for a file that cannot be read', async () => {
      const form = new FormData();
      form.append('file', new Blob(['id,title\nT-1,hello\n']), 'ticket.csv');
      const res = await app.request('/api/imports/ticket', { method: 'POST', body: form });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: Json }).error.code).toBe('INVALID_FILE');
    });
  });

  describe('the OpenAPI document', () => {
    it('lists every path, generated from the same schemas', async () => {
      const { status, body } = await get('/api/openapi.json');
      expect(status).toBe(200);
      expect(body.openapi).toBe('3.1.0');
      expect(Object.keys(body.paths as Json).sort()).toEqual([
        '/api/accounts',
        '/api/accounts/export.csv',
        '/api/accounts/{id}',
        '/api/accounts/{id}/answers',
        '/api/accounts/{id}/override',
        '/api/audit',
        '/api/backtests',
        '/api/export',
        '/api/facets',
        '/api/imports',
        '/api/imports/{entity}',
        '/api/imports/{entity}/preview',
        '/api/imports/{id}/errors',
        '/api/imports/{id}/rejections',
        '/api/lifecycle/{report}',
        '/api/matrix',
        '/api/migration',
        '/api/model',
        '/api/model/backtest',
        '/api/model/preview',
        '/api/model/validate',
        '/api/model/versions',
        '/api/password',
        '/api/questions',
        '/api/report',
        '/api/runs',
        '/api/runs/{id}',
        '/api/session',
        '/api/session/everywhere',
        '/api/status',
        '/api/tokens',
        '/api/tokens/{id}',
      ]);
      const paths = body.paths as Record<
        string,
        Record<string, { parameters?: { name: string }[] }>
      >;
      expect(paths['/api/accounts']?.get?.parameters?.map((p) => p.name)).toEqual([
        'run',
        'tier',
        'category',
        'highValue',
        'owner',
        'industry',
        'q',
        'sort',
        'order',
        'limit',
        'offset',
      ]);
      expect(Object.keys((body.components as { schemas: Json }).schemas)).toEqual(
        expect.arrayContaining(['Error', 'AccountDetail', 'ScoredAccount', 'RunSummary']),
      );
    });
  });
});
