import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_YAML } from '../core/scoring/default-model.ts';
import { openStore } from '../db/open-store.ts';
import type { Store } from '../db/store.ts';
import { loadDemo } from './demo-data.ts';
import { loadModelDocument, scoreWorkspace, type RunSummary } from './score-workspace.ts';
import { tierMigration } from './tier-migration.ts';

let store: Store;
let first: RunSummary;
let second: RunSummary;

beforeAll(async () => {
  store = await openStore(':memory:');
  await loadDemo(store, { accounts: 300, seed: 8, years: 4, until: '2026-10-31' });
  first = await scoreWorkspace(store);
  // a wider Tier 1: accounts move up, and the explanation says which criteria moved them
  const wider = DEFAULT_MODEL_YAML.replace(/tier1Share: 0\.10?\b/, 'tier1Share: 0.3');
  second = await scoreWorkspace(store, { model: loadModelDocument(wider, 'wider') });
});

afterAll(() => store.close());

describe('tierMigration', () => {
  it('counts every account once, lists the moves biggest first, with the criteria that moved', async () => {
    const migration = await tierMigration(store, { limit: 1000 });
    expect([migration.from.id, migration.to.id]).toEqual([first.id, second.id]);
    const total = migration.flows.reduce((s, f) => s + f.accounts, 0);
    expect(total).toBe(second.accounts);
    const off = migration.flows.filter((f) => f.from !== f.to).reduce((s, f) => s + f.accounts, 0);
    expect(migration.totalMoved).toBe(off);
    expect(migration.totalMoved).toBe(second.tierChanges);
    expect(migration.moved).toHaveLength(off);
    const rank = (t: string) => ['1a', '1b', '2-value', '2-need', '3'].indexOf(t);
    const gains = migration.moved.map((m) => rank(m.from) - rank(m.to));
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    expect(migration.moved.every((m) => m.from !== m.to)).toBe(true);
    // the two runs differ only in thresholds: same contributions, so no criterion "moved"
    expect(migration.moved.every((m) => m.why.length === 0)).toBe(true);
  });

  it('limits the list, keeps a scope, and needs an earlier run', async () => {
    const some = await tierMigration(store, { limit: 3 });
    expect(some.moved).toHaveLength(Math.min(3, some.totalMoved));
    const [owner] = await store.all<{ owner_id: number }>(
      'SELECT owner_id FROM account WHERE owner_id IS NOT NULL LIMIT 1',
    );
    const scoped = await tierMigration(store, {
      limit: 1000,
      scope: { kind: 'own', userId: 999, repId: Number(owner?.owner_id) },
    });
    const owned = await store.all<{ id: number }>('SELECT id FROM account WHERE owner_id = $1', [
      Number(owner?.owner_id),
    ]);
    const ids = new Set(owned.map((o) => Number(o.id)));
    expect(scoped.moved.every((m) => ids.has(m.accountId))).toBe(true);
    expect(scoped.flows.reduce((s, f) => s + f.accounts, 0)).toBeLessThan(second.accounts);
    await expect(tierMigration(store, { toRunId: first.id, limit: 5 })).rejects.toThrow(
      `no scoring run before run ${first.id}`,
    );
  });
});
