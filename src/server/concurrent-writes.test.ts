import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendJson, type Json } from '../../test/http.ts';
import { ENGINES, openDemoStore } from '../../test/stores.ts';
import { scoreWorkspace } from '../app/score-workspace.ts';
import { openStore } from '../db/open-store.ts';
import type { Store } from '../db/store.ts';
import { createApp } from './create-app.ts';

/*
 * Two app processes serving one database (on DuckDB, one process: its file admits one writer)
 * change the same override, and the same assessment answer, at the same moment, both based on
 * what they read: one change lands, the other is refused with 409 CONFLICT, never a silent
 * overwrite.
 */
describe.each(ENGINES)('%s: concurrent changes to one account', (engine) => {
  let store: Store;
  let second: Store;
  let apps: [ReturnType<typeof createApp>, ReturnType<typeof createApp>];
  let accountId: number;

  beforeAll(async () => {
    store = await openDemoStore(engine, { accounts: 60, seed: 5, years: 3, until: '2026-10-31' });
    await scoreWorkspace(store);
    second = engine === 'postgres' ? await openStore(store.location) : store;
    const app = (s: Store) =>
      createApp({ store: s, filesDir: mkdtempSync(join(tmpdir(), 'hotspot-files-')) });
    const first = app(store);
    // DuckDB: one process owns the file, so the two requests go to one app
    apps = [first, second === store ? first : app(second)];
    const [row] = await store.all<{ id: number }>(
      'SELECT min(account_id) AS id FROM account_score',
    );
    accountId = Number(row?.id);
  });

  afterAll(async () => {
    if (second !== store) await second.close();
    await store.close();
  });

  const put = (app: ReturnType<typeof createApp>, path: string, body: unknown) =>
    sendJson(app, { method: 'PUT', path, body });

  async function detail(): Promise<Json> {
    return (await (await apps[0].request(`/api/accounts/${accountId}`)).json()) as Json;
  }

  it('the second override based on the same revision is refused', async () => {
    expect((await detail()).override).toBeNull();
    const results = await Promise.all(
      (['3', '1a'] as const).map((tier, i) =>
        put(apps[i] as ReturnType<typeof createApp>, `/api/accounts/${accountId}/override`, {
          tier,
          reason: `decided by process ${i}`,
          by: `rep ${i}`,
          basedOn: null,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const won = results.find((r) => r.status === 200)?.body as Json;
    const lost = results.find((r) => r.status === 409)?.body as { error: Json };
    expect(lost.error.code).toBe('CONFLICT');
    expect(lost.error.message).toMatch(/override was changed by rep \d .* since you loaded it/);
    const now = (await detail()).override as Json;
    expect(now).toMatchObject({ tier: won.tier, reason: won.reason, revision: won.revision });

    // based on the revision now in force, a change goes through
    const next = await put(apps[1], `/api/accounts/${accountId}/override`, {
      tier: '2-need',
      reason: 'after a look at the pipeline',
      by: 'rep 1',
      basedOn: now.revision,
    });
    expect(next.status).toBe(200);
    expect(next.body.revision).toBeGreaterThan(now.revision as number);
  });

  it('the second answer based on the same answer is refused', async () => {
    const seen = ((await detail()).assessmentAnswers as Json[]).find(
      (a) => a.questionId === 'high_touch',
    );
    const basedOn = { high_touch: (seen?.id as number | undefined) ?? null };
    const results = await Promise.all(
      [2, 5].map((answer, i) =>
        put(apps[i] as ReturnType<typeof createApp>, `/api/accounts/${accountId}/answers`, {
          answers: [{ questionId: 'high_touch', answer }],
          by: `rep ${i}`,
          basedOn,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const lost = results.find((r) => r.status === 409)?.body as { error: Json };
    expect(lost.error).toMatchObject({ code: 'CONFLICT', details: { questionId: 'high_touch' } });
    expect(lost.error.message).toMatch(
      /^high_touch was answered again by rep \d \([25]\) since you loaded the account/,
    );
    const answers = ((await detail()).assessmentAnswers as Json[]).filter(
      (a) => a.questionId === 'high_touch' && String(a.answeredBy).startsWith('rep '),
    );
    expect(answers).toHaveLength(1);
  });
});
