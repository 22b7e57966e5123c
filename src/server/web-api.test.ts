import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formOf, getJson, sendJson, type Json } from '../../test/http.ts';
import { ENGINES, openDemoStore } from '../../test/stores.ts';
import { scoreWorkspace, type RunSummary } from '../app/score-workspace.ts';
import { DEFAULT_MODEL_YAML } from '../core/scoring/default-model.ts';
import type { Store } from '../db/store.ts';
import { createApp } from './create-app.ts';

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  let run: RunSummary;
  let webDir: string;

  beforeAll(async () => {
    store = await openDemoStore(engine, { accounts: 200, seed: 11, years: 4, until: '2026-10-31' });
    run = await scoreWorkspace(store);
    webDir = mkdtempSync(join(tmpdir(), 'hotspot-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Hotspot</title>');
    writeFileSync(join(webDir, 'assets', 'app-123.js'), 'console.log(1)');
    app = createApp({
      store,
      filesDir: mkdtempSync(join(tmpdir(), 'hotspot-files-')),
      uploadLimit: 64 * 1024,
      webDir,
    });
  });

  afterAll(() => store.close());

  const get = (path: string) => getJson(app, path);

  const send = (method: string, path: string, body: unknown) =>
    sendJson(app, { method, path, body });

  const upload = (path: string, fields: Record<string, string | [string, string]>) =>
    app.request(path, { method: 'POST', body: formOf(fields) });

  describe('overview data', () => {
    it('GET /api/matrix answers every scored account in equal-length columns', async () => {
      const { status, body } = await get('/api/matrix');
      expect(status).toBe(200);
      const ids = body.ids as number[];
      expect(ids).toHaveLength(run.accounts);
      for (const column of ['names', 'value', 'need', 'behavior', 'tier', 'highValue'])
        expect(body[column]).toHaveLength(ids.length);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      const tiers = body.tiers as string[];
      expect(tiers).toEqual(['1a', '1b', '2-value', '2-need', '3']);
      const counts: Record<string, number> = {};
      for (const t of body.tier as number[]) {
        const name = tiers[t] as string;
        counts[name] = (counts[name] ?? 0) + 1;
      }
      expect(counts).toEqual(run.tierCounts);
      expect((await get('/api/matrix?run=999')).status).toBe(404);
    });

    it('GET /api/facets lists owners and industries, sorted and distinct', async () => {
      const { body } = await get('/api/facets');
      const owners = body.owners as string[];
      const industries = body.industries as string[];
      expect(owners.length).toBeGreaterThan(1);
      expect(owners).toEqual([...new Set(owners)].sort());
      expect(industries).toEqual([...new Set(industries)].sort());
      const owner = owners[0] as string;
      const list = await get(`/api/accounts?owner=${encodeURIComponent(owner)}&limit=1000`);
      expect((list.body.accounts as Json[]).every((a) => a.owner === owner)).toBe(true);
    });

    it('GET /api/accounts/export.csv answers the filtered view, every row, in the list order', async () => {
      const list = await get('/api/accounts?tier=1a,1b&sort=revenue&order=desc&limit=1000');
      const res = await app.request('/api/accounts/export.csv?tier=1a,1b&sort=revenue&order=desc');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="hotspot-accounts-run-${run.id}.csv"`,
      );
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe(
        'account_id,external_id,source,name,industry,owner,tier,computed_tier,overridden,category,high_value,need_score,value_score,behavior_score,revenue_12m,potential_spend,share_of_wallet',
      );
      const accounts = list.body.accounts as { accountId: number }[];
      expect(lines).toHaveLength(accounts.length + 1);
      expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(
        accounts.map((a) => a.accountId),
      );
      const bad = await app.request('/api/accounts/export.csv?tier=9');
      expect(bad.status).toBe(400);
    });
  });

  describe('assessment answers', () => {
    it('GET /api/questions lists the five questions with their kind', async () => {
      const { body } = await get('/api/questions');
      expect((body.questions as Json[]).map((q) => [q.id, q.kind])).toEqual([
        ['portfolio_aligned', 'likert'],
        ['high_touch', 'likert'],
        ['buyers_empowered', 'likert'],
        ['leadership_progressive', 'likert'],
        ['total_opportunity', 'money'],
      ]);
    });

    it('PUT /api/accounts/:id/answers stores answers the next run uses, dated the workspace day', async () => {
      const [account] = (await get('/api/accounts?sort=name&order=asc&limit=1')).body.accounts as {
        accountId: number;
      }[];
      const id = account?.accountId as number;
      const saved = await send('PUT', `/api/accounts/${id}/answers`, {
        answers: [
          { questionId: 'portfolio_aligned', answer: 5 },
          { questionId: 'total_opportunity', answer: 2_500_000 },
        ],
        by: 'Ana Owner',
      });
      expect(saved.status).toBe(200);
      const answers = saved.body.answers as Json[];
      expect(answers.filter((a) => a.answeredBy === 'Ana Owner')).toEqual([
        expect.objectContaining({
          questionId: 'portfolio_aligned',
          answer: 5,
          answeredOn: run.asOf,
        }),
        expect.objectContaining({
          questionId: 'total_opportunity',
          answer: 2_500_000,
          answeredOn: run.asOf,
        }),
      ]);
      const next = await scoreWorkspace(store);
      const detail = await get(`/api/accounts/${id}?run=${next.id}`);
      const criteria = (detail.body.explanation as { criteria: Json[] }).criteria;
      expect(criteria.find((c) => c.criterion === 'portfolio_aligned')?.raw).toBe(5);
      const imports = (await get('/api/imports')).body.imports as Json[];
      expect(imports[0]).toMatchObject({
        entity: 'assessment_answer',
        source: 'hotspot',
        outcome: 'imported',
        inserted: 2,
        errorsUrl: null,
      });
    });

    it('refuses an unknown question, an out-of-range answer and an unknown account', async () => {
      const unknown = await send('PUT', '/api/accounts/1/answers', {
        answers: [{ questionId: 'mood', answer: 3 }],
        by: 'A',
      });
      expect(unknown.status).toBe(422);
      expect((unknown.body.error as Json).message).toMatch(
        /^answers\.0\.questionId: unknown question "mood"/,
      );
      const range = await send('PUT', '/api/accounts/1/answers', {
        answers: [
          { questionId: 'high_touch', answer: 3 },
          { questionId: 'high_touch', answer: 2.5 },
        ],
        by: 'A',
      });
      expect((range.body.error as Json).message).toBe(
        'answers.1.answer: high_touch takes a whole number from 1 to 5, not 2.5',
      );
      expect(
        (
          await send('PUT', '/api/accounts/999999/answers', {
            answers: [{ questionId: 'high_touch', answer: 3 }],
            by: 'A',
          })
        ).status,
      ).toBe(404);
      const empty = await send('PUT', '/api/accounts/1/answers', { answers: [], by: '' });
      expect(empty.status).toBe(400);
    });
  });

  describe('imports from the web app', () => {
    const header = 'Case No,Customer,Opened At,Closed At,Urgency';
    const map = 'Case No=id\nOpened At=opened_on\nClosed At=closed_on\nUrgency=severity';

    it('POST /api/imports/:entity/preview detects the preset, maps columns and shows the first rows', async () => {
      const csv = [header, 'Z-1,Acme,2026-09-01,,high', 'Z-2,Bolt,2026-09-02,2026-09-03,low'].join(
        '\n',
      );
      const res = await upload('/api/imports/ticket/preview', { file: ['zendesk.csv', csv] });
      expect(res.status).toBe(200);
      const preview = (await res.json()) as Json;
      expect(preview).toMatchObject({
        entity: 'ticket',
        file: 'zendesk.csv',
        format: 'csv',
        detectedPreset: 'native',
        preset: 'native',
        rows: [
          ['Z-1', 'Acme', '2026-09-01', null, 'high'],
          ['Z-2', 'Bolt', '2026-09-02', '2026-09-03', 'low'],
        ],
      });
      expect(preview.columns).toEqual([
        { header: 'Case No', target: null, how: 'ignored' },
        { header: 'Customer', target: 'account_name', how: 'preset' },
        { header: 'Opened At', target: null, how: 'ignored' },
        { header: 'Closed At', target: null, how: 'ignored' },
        { header: 'Urgency', target: null, how: 'ignored' },
      ]);
      expect(preview.problem).toBe(
        'zendesk.csv: no column for required field id (looked for: id, External ID); opened_on (looked for: opened_on, Opened); severity (looked for: severity, Severity)',
      );

      const mapped = await upload('/api/imports/ticket/preview', {
        file: ['zendesk.csv', csv],
        map,
      });
      const fixed = (await mapped.json()) as { columns: Json[]; problem: string | null };
      expect(fixed.problem).toBeNull();
      expect(fixed.columns.map((c) => [c.target, c.how])).toEqual([
        ['id', 'map'],
        ['account_name', 'preset'],
        ['opened_on', 'map'],
        ['closed_on', 'map'],
        ['severity', 'map'],
      ]);
    });

    it('detects a HubSpot or Salesforce export by its names', async () => {
      const hubspot = 'Ticket ID,Company,Opened,Closed,Priority\n';
      const h = await upload('/api/imports/ticket/preview', { file: ['tickets.csv', hubspot] });
      expect(await h.json()).toMatchObject({ detectedPreset: 'hubspot', problem: null });
      const csv = 'Id,AccountId,Name,Amount,StageName,Type,CreatedDate,CloseDate\n';
      const res = await upload('/api/imports/deal/preview', { file: ['Opportunity.csv', csv] });
      expect(((await res.json()) as Json).detectedPreset).toBe('salesforce');
    });

    it('keeps every rejected row of an upload to page through and download', async () => {
      const names = (
        (await get('/api/accounts?sort=name&order=asc&limit=2')).body.accounts as Json[]
      ).map((a) => a.name as string);
      const csv = [
        header,
        `Z-10,${names[0]},2026-09-01,,high`,
        'Z-11,Nobody At All,2026-09-02,,low',
        `Z-12,${names[1]},someday,,low`,
      ].join('\n');
      const res = await upload('/api/imports/ticket', {
        file: ['zendesk.csv', csv],
        source: 'zendesk',
        map,
      });
      expect(res.status).toBe(200);
      const summary = (await res.json()) as Json;
      expect(summary).toMatchObject({
        outcome: 'imported_with_rejections',
        inserted: 1,
        rejected: 2,
      });
      const id = summary.importId as number;
      expect(summary.errorsUrl).toBe(`/api/imports/${id}/errors`);

      const page = await get(`/api/imports/${id}/rejections?offset=1&limit=5`);
      expect(page.body).toEqual({
        importId: id,
        total: 2,
        headers: header.split(','),
        rows: [
          {
            rowNumber: 4,
            code: 'invalid_date',
            column: 'opened_on',
            message: 'Opened At "someday" is not a date (use YYYY-MM-DD)',
            original: ['Z-12', names[1], 'someday', null, 'low'],
          },
        ],
      });
      const download = await app.request(`/api/imports/${id}/errors`);
      expect(download.headers.get('content-disposition')).toBe(
        `attachment; filename="import-${id}-rejected.csv"`,
      );
      const lines = (await download.text()).trim().split('\n');
      expect(lines[0]).toBe(`${header},row_number,error_code,error_column,error_message`);
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Z-11', 'Z-12']);

      const log = (await get('/api/imports')).body.imports as Json[];
      expect(log[0]).toMatchObject({
        id,
        fileName: 'zendesk.csv',
        errorsUrl: `/api/imports/${id}/errors`,
      });
      expect((await get('/api/imports/999999/rejections')).status).toBe(404);
    });

    it('a dry run keeps nothing; an upload over the limit answers 413 and changes nothing', async () => {
      const before = (await get('/api/imports')).body.imports as Json[];
      const dry = await upload('/api/imports/ticket', {
        file: ['t.csv', 'id,account_id,opened_on,severity\nX-1,nope,2026-01-01,low\n'],
        dryRun: 'true',
      });
      expect(await dry.json()).toMatchObject({ importId: null, errorsUrl: null, rejected: 1 });
      const big = await upload('/api/imports/ticket', {
        file: [
          'big.csv',
          `id,account_id,opened_on,severity\n${'X-1,a,2026-01-01,low\n'.repeat(5000)}`,
        ],
      });
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: Json }).error).toMatchObject({ code: 'TOO_LARGE' });
      expect((await get('/api/imports')).body.imports).toEqual(before);
    });
  });

  describe('model versions', () => {
    const wider = DEFAULT_MODEL_YAML.replace(/tier1Share: 0\.10?\b/, 'tier1Share: 0.3');

    it('POST /api/model/preview counts the tier moves a re-score would make, storing nothing', async () => {
      expect(wider).not.toBe(DEFAULT_MODEL_YAML);
      const runs = (await get('/api/runs')).body.runs as Json[];
      const { status, body } = await send('POST', '/api/model/preview', { document: wider });
      expect(status).toBe(200);
      expect((await get('/api/runs')).body.runs).toEqual(runs);
      const moves = body.moves as { accounts: number }[];
      expect(body.changed).toBe(moves.reduce((s, m) => s + m.accounts, 0));
      expect(body.changed).toBeGreaterThan(0);
      const after = body.after as Record<string, number>;
      const before = body.before as Record<string, number>;
      expect((after['1a'] ?? 0) + (after['1b'] ?? 0)).toBeGreaterThan(
        (before['1a'] ?? 0) + (before['1b'] ?? 0),
      );

      const saved = await send('POST', '/api/model/versions', {
        document: wider,
        by: 'Rita RevOps',
      });
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({ version: 1, savedBy: 'Rita RevOps', yaml: wider });
      const rescored = await send('POST', '/api/runs', {});
      expect(rescored.body).toMatchObject({
        modelHash: saved.body.hash,
        tierChanges: body.changed,
      });
      expect(rescored.body.tierCounts).toEqual(after);
      expect((await get('/api/model')).body).toMatchObject({ version: 1, yaml: wider });
      expect(
        ((await get('/api/model/versions')).body.versions as Json[]).map((v) => v.version),
      ).toEqual([1]);
    });

    it('POST /api/model/backtest measures the edited model beside the saved one', async () => {
      const model = (await get('/api/model')).body;
      const { status, body } = await send('POST', '/api/model/backtest', {
        document: DEFAULT_MODEL_YAML,
        cutoff: '-12m',
      });
      expect(status).toBe(200);
      const models = body.models as Json[];
      expect(models.map((m) => [m.label, m.modelHash])).toEqual([
        ['saved', model.hash],
        [
          'edited',
          (await send('POST', '/api/model/validate', { document: DEFAULT_MODEL_YAML })).body.hash,
        ],
      ]);
      for (const m of models) {
        expect(m.tier1Accounts).toBeGreaterThan(0);
        expect(typeof m.tier1).toBe('number');
        expect((m.gains as Json).tier1).toBeGreaterThanOrEqual(0);
        expect(m.advantageOverValueOnly).toBeCloseTo(
          (m.tier1 as number) - (m.valueOnly as number),
          10,
        );
      }
      expect(body.cutoff).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // stored: listed again, newest first, with the same figures
      const listed = (await get('/api/backtests?limit=2')).body.backtests as Json[];
      expect(listed.map((b) => b.modelHash)).toEqual([models[1]?.modelHash, models[0]?.modelHash]);
      for (const [k, b] of listed.entries()) {
        const { label: _label, ...figures } = models[1 - k] ?? {};
        expect(b).toMatchObject({ ...figures, cutoff: body.cutoff, horizonMonths: 12 });
      }
      expect((await get('/api/backtests?limit=0')).status).toBe(400);
      expect(
        (
          await send('POST', '/api/model/backtest', {
            document: DEFAULT_MODEL_YAML,
            cutoff: 'soon',
          })
        ).status,
      ).toBe(400);
      expect((await send('POST', '/api/model/backtest', { document: 'name: [' })).status).toBe(422);
    });

    it('refuses to save an invalid document, naming its problems', async () => {
      const broken = DEFAULT_MODEL_YAML.replace('tier1Share:', 'tierOneShare:');
      const { status, body } = await send('POST', '/api/model/versions', {
        document: broken,
        by: 'R',
      });
      expect(status).toBe(422);
      expect((body.error as Json).code).toBe('INVALID_INPUT');
      expect(((await get('/api/model/versions')).body.versions as Json[]).length).toBe(1);
    });
  });

  describe('the web app', () => {
    it('serves index.html for app paths, assets with a long cache, and JSON 404s under /api', async () => {
      for (const path of ['/', '/accounts', '/accounts/12?run=1', '/model']) {
        const res = await app.request(path);
        expect(res.status).toBe(200);
        expect(await res.text()).toBe('<!doctype html><title>Hotspot</title>');
      }
      const asset = await app.request('/assets/app-123.js');
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await asset.text()).toBe('console.log(1)');
      expect((await app.request('/assets/missing.js')).status).toBe(404);
      const api = await app.request('/api/nothing');
      expect(api.status).toBe(404);
      expect(((await api.json()) as { error: Json }).error.code).toBe('NOT_FOUND');
    });
  });
});
