import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemo, writeDemoFiles } from '../src/app/demo-data.ts';
import { importDirectory } from '../src/app/import-directory.ts';
import { countEntities } from '../src/db/workspace-status.ts';
import { openStore } from '../src/db/open-store.ts';
import type { Store } from '../src/db/store.ts';

const demo = { accounts: 300, seed: 11, years: 5, until: '2026-10-31' };

/** What the data says, independent of ids and sources. */
async function fingerprint(store: Store): Promise<unknown> {
  const [row] = await store.all(
    `SELECT
       (SELECT sum(amount)::DOUBLE FROM invoice) AS invoiced,
       (SELECT count(*) FROM invoice WHERE paid_on IS NULL) AS unpaid,
       (SELECT count(*) FROM deal WHERE stage = 'won') AS won,
       (SELECT sum(amount)::DOUBLE FROM deal WHERE type = 'pilot') AS pilots,
       (SELECT count(*) FROM account WHERE parent_id IS NOT NULL) AS with_parent,
       (SELECT count(*) FROM account WHERE owner_id IS NOT NULL) AS with_owner,
       (SELECT count(*) FROM contract WHERE status = 'converted') AS converted,
       (SELECT count(*) FROM activity WHERE contact_id IS NOT NULL) AS with_contact,
       (SELECT count(*) FROM contact WHERE seniority = 'c_level') AS c_level,
       (SELECT count(DISTINCT account_id) FROM invoice) AS buying_accounts,
       (SELECT sum(answer) FROM assessment_answer) AS answers,
       (SELECT min(issued_on)::VARCHAR || '/' || max(issued_on)::VARCHAR FROM invoice) AS span`,
  );
  return row;
}

describe('demo data', () => {
  it('round-trips through every CRM format: the same counts and the same content as loading it directly', async () => {
    const direct = await openStore(':memory:');
    const summaries = await loadDemo(direct, demo);
    expect(summaries.every((s) => s.rejected === 0)).toBe(true);
    const counts = await countEntities(direct);
    const expected = await fingerprint(direct);
    expect(counts.account).toBe(300);
    for (const format of ['native', 'salesforce', 'hubspot'] as const) {
      const dir = mkdtempSync(join(tmpdir(), `hotspot-demo-${format}-`));
      const written = await writeDemoFiles({ ...demo, dir, format });
      expect(written).toEqual(counts);
      const store = await openStore(':memory:');
      const imported = await importDirectory(store, { dir, preset: format });
      expect(imported.map((s) => `${s.entity}:${s.rejected}`)).toEqual(
        Object.keys(counts).map((e) => `${e}:0`),
      );
      expect(await countEntities(store)).toEqual(counts);
      expect(await fingerprint(store)).toEqual(expected);
      await store.close();
    }
    await direct.close();
  });
});
