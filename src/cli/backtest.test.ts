import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli.ts';
import { loadDemo } from '../app/demo-data.ts';
import { loadModel } from '../app/score-workspace.ts';
import { HotspotError, UsageError } from '../core/errors.ts';
import { registerBacktest } from './backtest.ts';
import { withStoreAt } from './context.ts';

const dir = mkdtempSync(join(tmpdir(), 'hotspot-backtest-cli-'));
const db = join(dir, 'backtest.duckdb');
const strict = join(dir, 'strict.yaml');
beforeAll(async () => {
  await withStoreAt(db, (store) =>
    loadDemo(store, { accounts: 400, seed: 2, years: 5, until: '2026-10-31' }),
  );
  writeFileSync(strict, loadModel().document.replace('tier1Share: 0.10', 'tier1Share: 0.05'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `hotspot backtest …` in process and returns what it wrote to stdout. */
const run = (args: string[]) => runCli(registerBacktest, ['--db', db, 'backtest', ...args]);

describe('hotspot backtest', () => {
  it('prints every metric of one cutoff, one column per model', async () => {
    const out = await run(['--cutoff', '-12m', '--model', strict]);
    expect(out).toContain('cutoff 2025-10-31; outcomes in (2025-10-31, 2026-10-31]');
    expect(out).toMatch(/^metric +strict\.yaml \([0-9a-f]{8}\)$/m);
    for (const metric of [
      'book growth: net (increases only)',
      'Tier 1 growth (share of net)',
      'value-only top N by revenue',
      'advantage over value-only',
      'random N (95% of 1,000 draws)',
      'increases only: Tier 1 / value-only',
      'precision, top 10% by growth',
      'recall, top 10% by growth',
      'Tier 3 that became large',
      'churn 1b',
    ])
      expect(out).toContain(metric);
    const twoModels = await run(['--cutoff', '2025-10-31', '--model', strict, '--model', strict]);
    expect(twoModels).toMatch(/^metric +strict\.yaml \(\w{8}\) +strict\.yaml \(\w{8}\)$/m);
  });

  it('rolling cutoffs: a row per cutoff and the mean and spread of the advantage', async () => {
    const out = await run(['--cutoffs', '2025-04-30,2025-10-31', '--horizon', '6m']);
    expect(out).toMatch(/^2025-04-30 +\d+ +\d+ +-?[\d.]+% +-?[\d.]+% +[+-][\d.]+ pts/m);
    expect(out).toMatch(/^2025-10-31 +\d+ +\d+ +-?[\d.]+% +-?[\d.]+% +[+-][\d.]+ pts/m);
    expect(out).toMatch(
      /^Tier 1 advantage over value-only: mean [+-][\d.]+ pts, sd [\d.]+ pts, range .* over 2 cutoffs with a full horizon$/m,
    );
  });

  it('--json and --list', async () => {
    const report = JSON.parse(await run(['--cutoff', '-12m', '--json'])) as {
      results: { id: number; metrics: { tier1: { share: number } } }[];
    };
    expect(report.results).toHaveLength(1);
    const listed = JSON.parse(await run(['--list', '--json'])) as { id: number }[];
    expect(listed[0]?.id).toBe(report.results[0]?.id);
    const text = await run(['--list', '--limit', '2']);
    expect(text.split('\n')[0]).toMatch(/^id +created +model +hash +run +cutoff +horizon/);
    expect(text.trimEnd().split('\n')).toHaveLength(3);
  });

  it('refuses bad usage with a HotspotError', async () => {
    await expect(run([])).rejects.toThrow(UsageError);
    await expect(run(['--cutoff', '-12m', '--cutoffs', '-6m'])).rejects.toThrow(UsageError);
    await expect(run(['--cutoff', 'yesterday'])).rejects.toThrow(HotspotError);
    await expect(run(['--cutoff', '-12m', '--horizon', '0m'])).rejects.toThrow('parseMonths');
    await expect(run(['--list', '--cutoff', '-12m'])).rejects.toThrow(UsageError);
  });
});
