import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../test/run-cli.ts';
import { loadDemo } from '../app/demo-data.ts';
import { HotspotError, UsageError } from '../core/errors.ts';
import { withStoreAt } from './context.ts';
import { registerFit } from './fit.ts';

const DATA = fileURLToPath(new URL('../../../shared/data/cdnow/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hotspot-fit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

/** Runs `hotspot fit …` in process and returns what it wrote to stdout. */
const run = (args: string[]) => runCli(registerFit, ['fit', ...args]);

describe('hotspot fit sbg', () => {
  it('prints an aligned table of the high-end estimates (Fader & Hardie 2007: α 0.668, β 3.806)', async () => {
    const out = await run(['sbg', '--survival', '1000,869,743,653,593,551,517,491']);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('sBG retention fitted on 7 periods of a cohort of 1000');
    expect(lines[1]).toMatch(/^ {2}parameter +estimate {2}std\. error$/);
    expect(lines[2]).toMatch(/^ {2}alpha +0\.6681 +0\.\d{4}$/);
    expect(lines[3]).toMatch(/^ {2}beta +3\.8061 +0\.\d{4}$/);
    expect(lines[2]?.length).toBe(lines[1]?.length);
    expect(lines[4]).toBe('  log-likelihood  -1611.1581');
    // the estimates column is right-aligned: every value ends at the same column
    expect(lines[4]?.length).toBe((lines[1]?.length ?? 0) - '  std. error'.length);
    expect(lines[5]).toMatch(
      /^converged: yes \(converged after \d+ evaluations; 3 of 3 starts reached the maximum\)$/,
    );
  });

  it('prints the same as JSON', async () => {
    const out = await run(['sbg', '--survival', '1000,631,468,382,326,289,262,241', '--json']);
    const body = JSON.parse(out) as {
      model: string;
      parameters: Record<string, { estimate: number; standardError: number }>;
      logLikelihood: number;
      converged: boolean;
    };
    expect(body.model).toBe('sbg');
    expect(body.converged).toBe(true);
    // regular cohort, full-precision MLE α = 0.704077, β = 1.182043, LL −1680.2652 (data/README.md)
    expect(body.parameters.alpha?.estimate).toBeCloseTo(0.704077, 4);
    expect(body.parameters.beta?.estimate).toBeCloseTo(1.182043, 4);
    expect(body.parameters.alpha?.standardError).toBeGreaterThan(0);
    expect(body.logLikelihood).toBeCloseTo(-1680.2652, 3);
  });

  it('throws UsageError for a malformed --survival', async () => {
    await expect(run(['sbg', '--survival', '1000,abc'])).rejects.toThrow(UsageError);
    await expect(run(['sbg', '--survival', '1000'])).rejects.toThrow(/at least 2 periods/);
  });
});

describe('hotspot fit bgnbd / gamma-gamma', () => {
  it('fits CDNOW_sample.txt to the published BG/NBD estimates (r 0.243, α 4.414, a 0.793, b 2.426)', async () => {
    const out = await run([
      'bgnbd',
      `${DATA}CDNOW_sample.txt`,
      '--preset',
      'cdnow',
      '--until',
      '1997-09-30',
      '--unit',
      'week',
    ]);
    expect(out).toMatch(
      /^BG\/NBD fitted on 2,357 customers, calibration until 1997-09-30, time in weeks\n/,
    );
    expect(out).toMatch(/\n {2}r +0\.2426 +0\.0126\n/);
    expect(out).toMatch(/\n {2}alpha +4\.4136 +0\.3782\n/);
    expect(out).toMatch(/\n {2}a +0\.7929 +0\.1857\n/);
    expect(out).toMatch(/\n {2}b +2\.4259 +0\.7054\n/);
    expect(out).toMatch(/\n {2}log-likelihood {2}-9582\.429\d\n/);
    expect(out).toMatch(/\nconverged: yes /);
  });

  it('fits Gamma-Gamma as JSON (p 6.25, q 3.74, γ 15.44)', async () => {
    const out = await run([
      'gamma-gamma',
      `${DATA}CDNOW_sample.txt`,
      '--preset',
      'cdnow',
      '--until',
      '1997-09-30',
      '--json',
    ]);
    const body = JSON.parse(out) as {
      model: string;
      parameters: Record<string, { estimate: number }>;
      data: { ok: boolean; repeatBuyers: number };
    };
    expect(body.model).toBe('gamma-gamma');
    expect(body.data.ok).toBe(true);
    expect(body.data.repeatBuyers).toBe(946);
    expect(Math.abs((body.parameters.p?.estimate ?? 0) - 6.25)).toBeLessThan(0.005);
    expect(Math.abs((body.parameters.q?.estimate ?? 0) - 3.74)).toBeLessThan(0.005);
    expect(Math.abs((body.parameters.gamma?.estimate ?? 0) - 15.44)).toBeLessThan(0.01);
  });

  it('throws UsageError for bad flags and InvalidFileError for a bad file', async () => {
    await expect(run(['bgnbd', `${DATA}CDNOW_sample.txt`, '--unit', 'year'])).rejects.toThrow(
      '--unit must be day, week or month, got "year"',
    );
    await expect(
      run(['bgnbd', `${DATA}CDNOW_sample.txt`, '--until', '30/09/1997']),
    ).rejects.toThrow(/--until must be a calendar date/);
    await expect(run(['bgnbd', `${DATA}CDNOW_sample.txt`, '--preset', 'sap'])).rejects.toThrow(
      /--preset must be cdnow/,
    );
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'customer_id,date,amount\nA,2024-01-01,oops\n');
    await expect(run(['bgnbd', bad])).rejects.toMatchObject({
      code: 'INVALID_FILE',
      message: 'bad.csv:2: amount "oops" is not a number',
    });
  });

  it('prints a fit that did not converge, then throws NOT_CONVERGED', async () => {
    // customers who never drop out: the BG/NBD maximum lies on the boundary
    const rows = ['customer_id,date,amount'];
    for (let c = 0; c < 60; c += 1) {
      for (let d = 1; d <= 28; d += 1 + (c % 5))
        rows.push(`c${c},2024-01-${String(d).padStart(2, '0')},10`);
    }
    const file = join(dir, 'no-dropout.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const program = new Command('hotspot').exitOverride();
    registerFit(program);
    const error: unknown = await program
      .parseAsync(['fit', 'bgnbd', file, '--unit', 'day'], { from: 'user' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HotspotError);
    expect((error as HotspotError).code).toBe('NOT_CONVERGED');
    expect(out).toMatch(/\nconverged: NO \(/);
  });
});

describe('hotspot fit bgbb', () => {
  it('fits donations.csv (Fader, Hardie & Shang 2010: α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33225.58)', async () => {
    const out = await run(['bgbb', `${DATA}donations.csv`]);
    expect(out).toMatch(/^BG\/BB fitted on 11,104 customers\n/);
    expect(out).toMatch(/\n {2}alpha +1\.203\d/);
    expect(out).toMatch(/\n {2}beta +0\.749\d/);
    expect(out).toMatch(/\n {2}gamma +0\.656\d/);
    expect(out).toMatch(/\n {2}delta +2\.783\d/);
    expect(out).toMatch(/\n {2}log-likelihood {2}-33225\.58\d\d\n/);
  });
});

describe("hotspot fit bgnbd / gamma-gamma on the workspace's invoices (no FILE)", () => {
  const dbPath = join(dir, 'demo.duckdb');

  /** Runs `hotspot --db demo.duckdb fit …` in process and returns what it wrote to stdout. */
  const runOnWorkspace = (args: string[]) => runCli(registerFit, ['--db', dbPath, 'fit', ...args]);

  it('fits BG/NBD on one transaction per invoice', async () => {
    await withStoreAt(dbPath, (store) => loadDemo(store, { accounts: 300, seed: 3 }));
    const out = await runOnWorkspace(['bgnbd', '--until', '2025-10-31']);
    expect(out).toMatch(
      /^BG\/NBD fitted on [\d,]+ customers \(the workspace's invoices\), calibration until 2025-10-31, time in weeks\n/,
    );
    expect(out).toMatch(/\nconverged: yes /);
    const json = JSON.parse(await runOnWorkspace(['bgnbd', '--unit', 'month', '--json'])) as {
      converged: boolean;
      data: { source: string; unit: string; until: string };
    };
    expect(json.data).toMatchObject({ source: 'workspace', unit: 'month', until: '2026-10-31' });
  });

  it('fits Gamma-Gamma, or states its fallback', async () => {
    const out = await runOnWorkspace(['gamma-gamma']);
    expect(out).toMatch(
      /^Gamma-Gamma fitted on [\d,]+ repeat buyers \(the workspace's invoices\)\n/,
    );
    expect(out).toMatch(/\n(implied mean spend per transaction|fallback: )/);
  });

  it('refuses --preset without a FILE', async () => {
    await expect(runOnWorkspace(['bgnbd', '--preset', 'cdnow'])).rejects.toThrow(UsageError);
  });
});
