import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTION_IDS } from '../core/assessment.ts';
import { DEFAULT_MODEL_YAML } from '../core/scoring/default-model.ts';
import { openStore } from '../db/open-store.ts';
import type { Store } from '../db/store.ts';
import { assignAccount, unassignAccount } from './account-assignments.ts';
import { clearAccountOverride, saveAccountAnswers, setAccountOverride } from './account-detail.ts';
import { cliActor, parseSince, readAuditLog, recordAudit, type AuditEntry } from './audit.ts';
import { loadDemo } from './demo-data.ts';
import { importFile } from './import-file.ts';
import { saveModelVersion } from './model-versions.ts';
import { overrideTier } from './account-detail.ts';
import { replayRun, scoreWorkspace } from './score-workspace.ts';
import { createApiToken, revokeApiToken } from './api-tokens.ts';
import { addUser, disableUser, enableUser, setRole } from './users.ts';

let store: Store;
const dir = mkdtempSync(join(tmpdir(), 'hotspot-audit-'));
const likert = QUESTION_IDS.find((q) => q !== 'total_opportunity') ?? 'need_urgency';

beforeAll(async () => {
  store = await openStore(':memory:');
  await loadDemo(store, { accounts: 60, seed: 4, years: 3, until: '2026-10-31' });
});

afterAll(() => store.close());

/** The entries `change` adds to the log, oldest first. */
async function added(change: () => Promise<unknown>): Promise<AuditEntry[]> {
  const before = await readAuditLog(store, { limit: 10_000 });
  await change();
  const after = await readAuditLog(store, { limit: 10_000 });
  const known = new Set(before.map((e) => e.id));
  return after.filter((e) => !known.has(e.id)).reverse();
}

describe('every change writes exactly one audit entry, with before and after', () => {
  it('loading the demo logged one import per file', async () => {
    const log = await readAuditLog(store);
    const imports = log.filter((e) => e.action === 'import');
    expect(imports.length).toBeGreaterThan(5);
    expect(imports.every((e) => e.actor === cliActor())).toBe(true);
  });

  it('an import: the entity, file and counts; a dry run logs nothing', async () => {
    const path = join(dir, 'account.csv');
    writeFileSync(path, 'id,name\nAUD-1,Audit Test Co\n');
    expect(
      await added(() => importFile(store, { entity: 'account', path, dryRun: true, actor: 'x' })),
    ).toEqual([]);
    const [entry, ...rest] = await added(() =>
      importFile(store, { entity: 'account', path, actor: 'rita@example.test' }),
    );
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      actor: 'rita@example.test',
      action: 'import',
      entity: 'import',
      before: null,
      after: {
        entity: 'account',
        file: 'account.csv',
        source: 'native',
        outcome: 'imported',
        rows: 1,
        inserted: 1,
        updated: 0,
        unchanged: 0,
        rejected: 0,
      },
    });
    expect(entry?.entityId).toMatch(/^\d+$/);
  });

  it('a model version: the version, name and hash before and after', async () => {
    const entries = await added(() =>
      saveModelVersion(store, { document: DEFAULT_MODEL_YAML, by: 'Ana', actor: 'ana@x.test' }),
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: 'ana@x.test',
      action: 'model.save',
      entity: 'model',
      before: { version: null },
      after: { by: 'Ana' },
    });
    const after = entries[0]?.after as { version: number; hash: string };
    expect(entries[0]?.entityId).toBe(String(after.version));
    expect(after.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('a scoring run: its id, model hash and tier changes; replays too; backtests not', async () => {
    const [first, ...none] = await added(() => scoreWorkspace(store, { actor: 'lee@x.test' }));
    expect(none).toEqual([]);
    expect(first).toMatchObject({
      actor: 'lee@x.test',
      action: 'run.score',
      entity: 'run',
      before: null,
      after: { tierChanges: 0 },
    });
    const run = first?.after as { runId: number; modelHash: string; tierCounts: object };
    expect(first?.entityId).toBe(String(run.runId));
    expect(run.modelHash).toMatch(/^[0-9a-f]{16}$/);
    const [replay] = await added(() => replayRun(store, run.runId));
    expect(replay).toMatchObject({
      actor: cliActor(),
      before: { runId: run.runId, modelHash: run.modelHash },
    });
    expect(
      await added(() => scoreWorkspace(store, { asOf: '2025-06-30', purpose: 'backtest' })),
    ).toEqual([]);
  });

  it('an override set, changed and cleared: before and after tier and reason', async () => {
    const set = await added(() =>
      setAccountOverride(store, {
        accountId: 5,
        tier: '1a',
        reason: 'CEO',
        by: 'Dana',
        actor: 'd',
      }),
    );
    expect(set).toMatchObject([
      {
        actor: 'd',
        action: 'override.set',
        entity: 'account',
        entityId: '5',
        before: null,
        after: { tier: '1a', reason: 'CEO', by: 'Dana' },
      },
    ]);
    const changed = await added(() =>
      setAccountOverride(store, { accountId: 5, tier: '3', reason: 'churned', by: 'Eve' }),
    );
    expect(changed).toMatchObject([
      {
        before: { tier: '1a', reason: 'CEO', by: 'Dana' },
        after: { tier: '3', reason: 'churned', by: 'Eve' },
      },
    ]);
    const cleared = await added(() => clearAccountOverride(store, { accountId: 5, actor: 'd' }));
    expect(cleared).toMatchObject([
      {
        action: 'override.clear',
        before: { tier: '3', reason: 'churned', by: 'Eve' },
        after: null,
      },
    ]);
    // refused changes log nothing
    expect(
      await added(() =>
        expect(clearAccountOverride(store, { accountId: 5 })).rejects.toMatchObject({
          code: 'NOT_FOUND',
        }),
      ),
    ).toEqual([]);
    expect(
      await added(() =>
        expect(
          setAccountOverride(store, { accountId: 5, tier: '1a', reason: ' ', by: 'x' }),
        ).rejects.toMatchObject({ code: 'INVALID_INPUT' }),
      ),
    ).toEqual([]);
  });

  it('an override from the command line (by account reference)', async () => {
    const [account] = await store.all<{ external_id: string }>(
      'SELECT external_id FROM account WHERE id = 6',
    );
    const entries = await added(() =>
      overrideTier(store, {
        account: account?.external_id ?? '',
        tier: '1b',
        reason: 'r',
        by: 'b',
      }),
    );
    expect(entries).toMatchObject([
      { action: 'override.set', entityId: '6', before: null, after: { tier: '1b', reason: 'r' } },
    ]);
    const cleared = await added(() =>
      overrideTier(store, { account: account?.external_id ?? '', tier: null, by: 'b' }),
    );
    expect(cleared).toMatchObject([{ action: 'override.clear', after: null }]);
  });

  it('assessment answers: each question before and after', async () => {
    const first = await added(() =>
      saveAccountAnswers(store, {
        accountId: 9,
        answers: [{ questionId: likert, answer: 2 }],
        by: 'Rep One',
        actor: 'rep@x.test',
      }),
    );
    expect(first).toHaveLength(1);
    const wasBefore = (first[0]?.before as Record<string, { answer: number } | null>)[likert];
    expect(first[0]).toMatchObject({
      actor: 'rep@x.test',
      action: 'answers.save',
      entity: 'account',
      entityId: '9',
      after: { [likert]: { answer: 2, by: 'Rep One' } },
    });
    expect(wasBefore === null || typeof wasBefore?.answer === 'number').toBe(true);
    const second = await added(() =>
      saveAccountAnswers(store, {
        accountId: 9,
        answers: [{ questionId: likert, answer: 4 }],
        by: 'Rep Two',
      }),
    );
    expect(second).toMatchObject([
      {
        before: { [likert]: { answer: 2, by: 'Rep One' } },
        after: { [likert]: { answer: 4, by: 'Rep Two' } },
      },
    ]);
  });

  it('an assignment and its removal; repeating either changes and logs nothing', async () => {
    await addUser(store, {
      email: 'm@x.test',
      role: 'manager',
      repId: null,
      now: new Date('2026-11-01T00:00:00Z'),
    });
    const assign = () => assignAccount(store, { email: 'M@x.test', account: '12', actor: 'a' });
    expect(await added(assign)).toMatchObject([
      {
        action: 'account.assign',
        entityId: '12',
        before: null,
        after: { assignedTo: 'm@x.test' },
      },
    ]);
    expect(await added(assign)).toEqual([]);
    const unassign = () => unassignAccount(store, { email: 'm@x.test', account: '12' });
    expect(await added(unassign)).toMatchObject([
      { action: 'account.unassign', before: { assignedTo: 'm@x.test' }, after: null },
    ]);
    expect(await added(unassign)).toEqual([]);
  });
});

describe('user, role and token changes are audited the same way', () => {
  it('adding a user, changing their role, disabling and enabling them', async () => {
    const now = new Date('2026-11-01T00:00:00Z');
    let id = 0;
    const add = await added(async () => {
      id = (await addUser(store, { email: 'Vi@x.test', role: 'viewer', now, actor: 'boss' })).user
        .id;
    });
    expect(add).toMatchObject([
      { actor: 'boss', action: 'user.add', entity: 'user', entityId: String(id), before: null },
    ]);
    expect(JSON.stringify(add[0]?.after)).toContain('vi@x.test');
    expect(JSON.stringify(add)).not.toMatch(/hash|setupToken/i);
    const role = await added(() => setRole(store, { userId: id, role: 'leader', actor: 'boss' }));
    expect(role).toMatchObject([
      { action: 'user.role', before: { role: 'viewer' }, after: { role: 'leader' } },
    ]);
    expect(await added(() => disableUser(store, { userId: id }))).toMatchObject([
      { action: 'user.disable', actor: cliActor() },
    ]);
    expect(await added(() => enableUser(store, { userId: id }))).toMatchObject([
      { action: 'user.enable' },
    ]);
  });

  it('creating and revoking an API token, never its secret', async () => {
    const now = new Date('2026-11-01T00:00:00Z');
    const user = await addUser(store, { email: 't@x.test', role: 'viewer', now });
    let secret = '';
    let tokenId = 0;
    const created = await added(async () => {
      const made = await createApiToken(store, { userId: user.user.id, name: 'ci', now });
      secret = made.secret;
      tokenId = made.token.id;
    });
    expect(created).toMatchObject([
      { action: 'token.create', entity: 'token', entityId: String(tokenId), before: null },
    ]);
    const revoked = await added(() =>
      revokeApiToken(store, { id: tokenId, now, actor: 't@x.test' }),
    );
    expect(revoked).toMatchObject([{ action: 'token.revoke', actor: 't@x.test' }]);
    expect(await added(() => revokeApiToken(store, { id: tokenId, now }))).toEqual([]);
    expect(JSON.stringify(await readAuditLog(store))).not.toContain(secret);
  });
});

describe('an entry is written in the same transaction as its change', () => {
  it('when the entry cannot be written, the change is undone', async () => {
    // a store that fails writing audit entries, and otherwise is the store
    const failRun: Store['run'] = (sql, params) =>
      sql.includes('INSERT INTO audit_log')
        ? Promise.reject(new Error('audit log unavailable'))
        : store.run(sql, params);
    const failing = new Proxy(store, {
      get(target, property) {
        if (property === 'run') return failRun;
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
      },
    });
    await expect(
      setAccountOverride(failing, { accountId: 7, tier: '1a', reason: 'x', by: 'y' }),
    ).rejects.toThrow('audit log unavailable');
    expect(await store.all('SELECT * FROM tier_override WHERE account_id = 7')).toEqual([]);
  });
});

describe('reading the log', () => {
  it('newest first, with a limit, from a day or a date-time', async () => {
    const all = await readAuditLog(store);
    expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
    expect(await readAuditLog(store, { limit: 2 })).toEqual(all.slice(0, 2));
    const today = new Date().toISOString().slice(0, 10);
    expect((await readAuditLog(store, { since: today })).length).toBe(all.length);
    expect(await readAuditLog(store, { since: '2999-01-01' })).toEqual([]);
    const newest = all[0]?.occurredAt ?? '';
    expect((await readAuditLog(store, { since: newest })).map((e) => e.occurredAt)).toContain(
      newest,
    );
    expect(all.every((e) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(e.occurredAt))).toBe(
      true,
    );
  });

  it('refuses a malformed since or limit, naming the field', async () => {
    await expect(readAuditLog(store, { since: 'yesterday' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      details: { field: 'since' },
    });
    expect(() => parseSince('2026-13-45')).toThrow('since');
    await expect(readAuditLog(store, { limit: 0 })).rejects.toMatchObject({
      details: { field: 'limit' },
    });
  });

  it('keeps any text as it was given: values are bound, never spliced into SQL', async () => {
    const nasty = "'; DROP TABLE account; -- <script>alert(1)</script>";
    await store.transaction(() =>
      recordAudit(store, {
        actor: nasty,
        action: 'user.add',
        entity: 'user',
        entityId: nasty,
        before: { note: nasty },
        after: nasty,
      }),
    );
    const [entry] = await readAuditLog(store, { limit: 1 });
    expect(entry).toMatchObject({
      actor: nasty,
      entityId: nasty,
      before: { note: nasty },
      after: nasty,
    });
    expect((await store.all('SELECT count(*) AS n FROM account'))[0]).toBeDefined();
  });

  it('the command line actor is cli:<os user>', () => {
    expect(cliActor()).toBe(`cli:${userInfo().username}`);
  });
});
