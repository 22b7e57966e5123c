import { StoreError } from '../core/errors.ts';
import { initialSchema } from './migrations/001-initial.ts';
import { scoreRunsSchema } from './migrations/002-score-runs.ts';
import { backtestsSchema } from './migrations/003-backtests.ts';
import { modelVersionsSchema } from './migrations/004-model-versions.ts';
import { usersAndAuditSchema } from './migrations/005-users-and-audit.ts';
import type { Store } from './store.ts';

type Migration = { version: number; name: string; sql: string };

/** Forward-only, in order; a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initialSchema },
  { version: 2, name: 'score runs', sql: scoreRunsSchema },
  { version: 3, name: 'backtests', sql: backtestsSchema },
  { version: 4, name: 'model versions', sql: modelVersionsSchema },
  { version: 5, name: 'users and audit', sql: usersAndAuditSchema },
];

/**
 * Applies every migration the store has not seen yet, all in one transaction. App processes
 * sharing a database may start at once: one migrates while the others wait, then find nothing
 * left to do.
 */
export async function migrate(store: Store): Promise<number[]> {
  return store.transaction(async () => {
    await store.lock('migrations');
    return applyPending(store);
  });
}

async function applyPending(store: Store): Promise<number[]> {
  await store.run(
    'CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER NOT NULL PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
  );
  const done = await store.all<{ version: number }>('SELECT version FROM schema_migration');
  const applied = new Set(done.map((row) => Number(row.version)));
  const newest = Math.max(0, ...applied);
  const known = Math.max(...MIGRATIONS.map((m) => m.version));
  if (newest > known) {
    throw new StoreError(
      `database ${store.location} has schema version ${newest}, newer than this Hotspot knows (${known}); upgrade Hotspot`,
    );
  }
  const ran: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    for (const statement of splitStatements(migration.sql)) await store.run(statement);
    await store.run(
      'INSERT INTO schema_migration (version, name, applied_at) VALUES ($1, $2, CURRENT_TIMESTAMP)',
      [migration.version, migration.name],
    );
    ran.push(migration.version);
  }
  return ran;
}

function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim().replace(/;$/, ''))
    .filter((s) => s.length > 0);
}
