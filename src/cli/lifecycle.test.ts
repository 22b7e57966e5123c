import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/run-cli.ts';
import { importDirectory } from '../app/import-directory.ts';
import type { ChurnReport, PilotReport, RenewalReport, RetentionReport } from '../app/lifecycle.ts';
import { UsageError } from '../core/errors.ts';
import { withStoreAt } from './context.ts';
import { registerLifecycle } from './lifecycle.ts';

const FIXTURE = fileURLToPath(new URL('../../test/fixtures/lifecycle/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hotspot-lifecycle-cli-'));
const dbPath = join(dir, 'fixture.duckdb');

beforeAll(async () => {
  await withStoreAt(dbPath, (store) =>
    importDirectory(store, { dir: FIXTURE, preset: 'native', source: 'fixture' }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `hotspot --db FIXTURE lifecycle …` in process and returns what it wrote to stdout. */
const run = (args: string[]) => runCli(registerLifecycle, ['--db', dbPath, 'lifecycle', ...args]);

describe('hotspot lifecycle pilots', () => {
  it('prints the funnel, the conversion rate and the pilots at risk', async () => {
    const out = await run(['pilots']);
    expect(out).toMatch(
      /^Pilots as of 2024-12-31 \(converted: a term contract of the account starts by 90 days after the pilot ends\)\n/,
    );
    expect(out).toMatch(/\nstarted +4\n {2}running +2\n {2}ended +2\n {4}converted +1\n/);
    expect(out).toMatch(
      /\nconversion rate 50\.0% .*median days from pilot end to conversion: 90\n/,
    );
    expect(out).toMatch(/\npilots at risk: running, ending within 30 days, no open deal \(1\)\n/);
    expect(out).toMatch(/\nFoxtrot Foods +P3 +2025-01-20 +20 +2,400\n/);
  });

  it('prints the same as JSON, and takes --as-of and --window', async () => {
    const json = JSON.parse(await run(['pilots', '--json'])) as PilotReport;
    expect(json).toMatchObject({
      asOf: '2024-12-31',
      started: 4,
      converted: 1,
      conversionRate: 0.5,
    });
    const wider = JSON.parse(await run(['pilots', '--window', '91', '--json'])) as PilotReport;
    expect(wider.converted).toBe(2); // P2's term on day 91
    const earlier = JSON.parse(
      await run(['pilots', '--as-of', '2024-06-30', '--json']),
    ) as PilotReport;
    expect(earlier).toMatchObject({ asOf: '2024-06-30', started: 2, running: 0 });
  });
});

describe('hotspot lifecycle renewals', () => {
  it('prints renewals by month and the renewals at risk', async () => {
    const out = await run(['renewals']);
    expect(out).toMatch(
      /^Renewals due after 2024-12-31 through 2025-12-31: 3 contracts, 37,000 a year at stake; 2 with a risk signal \(32,000\)\n/,
    );
    expect(out).toMatch(/\nbehavior scores not supplied/);
    expect(out).toMatch(/\n2025-04 +1 +12,000 +1 +12,000\n/);
    expect(out).toMatch(/\ntotal +3 +37,000 +2 +32,000\n/);
    expect(out).toMatch(
      /\n2025-05-01 +Bravo Health +T2 +20,000 +high +falling spend, competitor\n/,
    );
    const json = JSON.parse(await run(['renewals', '--months', '3', '--json'])) as RenewalReport;
    expect(json.renewals.map((r) => r.externalId)).toEqual(['T3']);
  });
});

describe('hotspot lifecycle retention', () => {
  it('prints the heat map as percentages and the projection status of each cohort', async () => {
    const out = await run(['retention']);
    expect(out).toMatch(/\ncohort +accounts +2022 +2023 +2024\n/);
    expect(out).toMatch(/\n2022† +3 +100% +33% +67%\n/);
    expect(out).toMatch(/\n2023 +2 +100% +50%\n/);
    expect(out).toMatch(/skipped: 1 year\(s\) observed after the cohort year, 3 needed/);
    const quarterly = JSON.parse(
      await run(['retention', '--by', 'quarter', '--json']),
    ) as RetentionReport;
    expect(quarterly.heatMap.granularity).toBe('quarter');
    expect(quarterly.heatMap.periods[0]).toBe('2022-Q1');
  });
});

describe('hotspot lifecycle churn', () => {
  it('prints logo churn, GRR, NRR, reactivations and the growth arithmetic', async () => {
    const out = await run(['churn']);
    expect(out).toMatch(
      /^Churn and retention as of 2024-12-31: the 12 months 2024-01\.\.2024-12 against 2023-01\.\.2023-12\n/,
    );
    expect(out).toMatch(
      /\nlogo churn 33\.3%, gross revenue retention 71\.4%, net revenue retention 77\.1%\n/,
    );
    expect(out).toMatch(
      /\nreactivated \(returned after a year or more without revenue\) +1 +900\n/,
    );
    expect(out).toMatch(/= current ARR × \(1 − GRR\) = 6,600 × \(1 − 71\.4%\) = 1,886\n/);
    expect(out).toMatch(/\n2023 +3 +2 +66\.7% +2 +0 +52\.6% +52\.6% +3,500\n/);
    const json = JSON.parse(await run(['churn', '--json'])) as ChurnReport;
    expect(json.growth?.newRevenueNeeded).toBe(1885.71);
  });
});

describe('bad flags', () => {
  it('throw UsageError naming the flag', async () => {
    await expect(run(['pilots', '--as-of', '31/12/2024'])).rejects.toThrow(UsageError);
    await expect(run(['pilots', '--as-of', '2024-02-30'])).rejects.toThrow(
      /--as-of must be a calendar date/,
    );
    await expect(run(['pilots', '--window', '-1'])).rejects.toThrow(
      /--window must be a whole number/,
    );
    await expect(run(['renewals', '--months', '0'])).rejects.toThrow(
      /--months must be a whole number ≥ 1/,
    );
    await expect(run(['renewals', '--limit', 'all'])).rejects.toThrow(UsageError);
    await expect(run(['retention', '--by', 'month'])).rejects.toThrow(
      '--by must be year or quarter, got "month"',
    );
    await expect(run(['churn', '--months', '1.5'])).rejects.toThrow(UsageError);
  });
});
