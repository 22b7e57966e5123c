import { describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../../test/stores.ts';
import { ENTITIES } from '../core/entities.ts';
import { migrate, MIGRATIONS } from './migrate.ts';

describe.each(ENGINES)('migrations on %s', (engine) => {
  it('create a table per entity whose columns are the entity fields plus bookkeeping', async () => {
    const store = await openTestStore(engine);
    for (const entity of ENTITIES) {
      const columns = await store.all<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [entity.name],
      );
      const expected = ['id', 'source', 'external_id'];
      for (const field of entity.fields) {
        expected.push(field.name);
        if (field.name === 'account_id') expected.push('account_match');
      }
      if (entity.name === 'account') expected.push('name_key', 'domain_key');
      expected.push('import_id');
      expect(columns.map((c) => c.column_name)).toEqual(expected);
    }
    await store.close();
  });

  it('run once: opening again applies nothing', async () => {
    const store = await openTestStore(engine, { migrate: false });
    expect(await migrate(store)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(store)).toEqual([]);
    await store.close();
  });

  it('refuse a database written by a newer Hotspot', async () => {
    const store = await openTestStore(engine, { migrate: false });
    await migrate(store);
    await store.run(`INSERT INTO schema_migration VALUES (999, 'future', CURRENT_TIMESTAMP)`);
    await expect(migrate(store)).rejects.toThrow(
      `database ${store.location} has schema version 999, newer than this Hotspot knows (5); upgrade Hotspot`,
    );
    await store.close();
  });
});
