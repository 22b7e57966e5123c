import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, dropTestDatabase, ENGINES } from './stores.ts';

const bin = join(import.meta.dirname, '../bin/hotspot.js');
const fixtures = join(import.meta.dirname, 'fixtures/import');

function hotspot(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOTSPOT_DB: '', DATABASE_URL: '' },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(dir).sort())
    hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex');
}

describe('the hotspot command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-cli-'));

  it('answers --help', () => {
    const result = hotspot(['--help'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('import [options] <entity-or-dir> [file]');
  });

  it('prints one line and exits 2 on bad usage', () => {
    expect(hotspot(['import', '--bogus'], dir)).toMatchObject({
      code: 2,
      stderr: "hotspot: unknown option '--bogus'\n",
    });
    expect(hotspot(['import', 'dealz', 'x.csv'], dir)).toMatchObject({
      code: 2,
      stderr: 'hotspot: import: unknown entity "dealz"\n',
    });
    expect(hotspot(['import', 'deal', 'missing.csv'], dir)).toMatchObject({
      code: 2,
      stderr: 'hotspot: missing.csv: no such file\n',
    });
  });

  it('imports, exits 2 when rows were rejected after committing the rest, and reports status', () => {
    copyFileSync(join(fixtures, 'account.csv'), join(dir, 'account.csv'));
    copyFileSync(join(fixtures, 'deal.csv'), join(dir, 'deal.csv'));
    expect(hotspot(['--db', 'w.duckdb', 'import', 'account', 'account.csv'], dir)).toMatchObject({
      code: 0,
      stdout: 'account account.csv: 5 inserted, 0 updated, 0 unchanged, 0 rejected (5 rows)\n',
    });
    const deals = hotspot(['--db', 'w.duckdb', 'import', 'deal', 'deal.csv'], dir);
    expect(deals.code).toBe(2);
    expect(deals.stdout).toBe(
      [
        'deal deal.csv: 1 inserted, 0 updated, 0 unchanged, 1 rejected (2 rows)',
        '  line 3, stage: stage "maybe" is not one of: open, won, lost [invalid_value]',
        `  all rejected rows: ${join('deal.errors.csv')}`,
        '',
      ].join('\n'),
    );
    const status = hotspot(['--db', 'w.duckdb', 'status', '--json'], dir);
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as {
      counts: Record<string, number>;
      imports: { outcome: string }[];
    };
    expect(parsed.counts).toMatchObject({ account: 5, deal: 1 });
    expect(parsed.imports.map((i) => i.outcome)).toEqual(['imported_with_rejections', 'imported']);
  });

  it('checks a model file, printing one line per problem, and never stores a run from a bad one', () => {
    expect(hotspot(['model', 'init', 'm.yaml'], dir).code).toBe(0);
    expect(hotspot(['model', 'check', 'm.yaml'], dir)).toMatchObject({ code: 0 });
    writeFileSync(
      join(dir, 'bad.yaml'),
      readFileSync(join(dir, 'm.yaml'), 'utf8').replace('hysteresis: 3', 'hysteresis: lots'),
    );
    expect(hotspot(['model', 'check', 'bad.yaml'], dir)).toMatchObject({
      code: 2,
      stderr: 'bad.yaml: tiers.hysteresis: Invalid input: expected number, received string\n',
    });
    const scored = hotspot(['--db', 'w.duckdb', 'score', '--model', 'bad.yaml'], dir);
    expect(scored).toMatchObject({
      code: 2,
      stderr:
        'hotspot: bad.yaml: 1 problem: tiers.hysteresis: Invalid input: expected number, received string\n',
    });
    expect(hotspot(['--db', 'w.duckdb', 'accounts'], dir)).toMatchObject({
      code: 2,
      stderr: 'hotspot: no scoring run yet: run `hotspot score` first\n',
    });
  });

  it('backs a workspace up into one file and restores it (into PostgreSQL when the tests use it)', async () => {
    copyFileSync(join(fixtures, 'account.csv'), join(dir, 'account.csv'));
    expect(hotspot(['--db', 'src.duckdb', 'import', 'account', 'account.csv'], dir).code).toBe(0);
    expect(hotspot(['--db', 'src.duckdb', 'backup', 'snap.duckdb'], dir)).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^backed up \d+ tables, \d+ rows \(5 accounts\) from src\.duckdb to snap\.duckdb\n$/,
      ) as unknown,
    });
    // refusals (a file that exists, a workspace that holds data) are tested in src/app/backup.test.ts
    const url = ENGINES.includes('postgres') ? await createTestDatabase() : null;
    const db = url ?? 'copy.duckdb';
    try {
      expect(hotspot(['--db', db, 'restore', 'snap.duckdb'], dir)).toMatchObject({
        code: 0,
        stdout: expect.stringContaining('(5 accounts) from snap.duckdb into') as unknown,
      });
      const status = JSON.parse(hotspot(['--db', db, 'status', '--json'], dir).stdout) as {
        counts: Record<string, number>;
      };
      expect(status.counts.account).toBe(5);
    } finally {
      if (url) await dropTestDatabase(url);
    }
  });

  it('generates the same files, byte for byte, from the same seed', () => {
    for (const out of ['a', 'b']) {
      expect(
        hotspot(
          ['demo', '--accounts', '150', '--seed', '42', '--out', out, '--format', 'hubspot'],
          dir,
        ).code,
      ).toBe(0);
    }
    expect(digest(join(dir, 'a'))).toBe(digest(join(dir, 'b')));
    expect(
      hotspot(
        ['demo', '--accounts', '150', '--seed', '43', '--out', 'c', '--format', 'hubspot'],
        dir,
      ).code,
    ).toBe(0);
    expect(digest(join(dir, 'c'))).not.toBe(digest(join(dir, 'a')));
  });
});
