import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp, hotspot, startApp, type RunningApp } from './app-server.ts';
import { launchChromium, watchedPage } from './browser.ts';

/*
 * The web app as a user meets it: `hotspot start` on an empty database (demo data, scored,
 * served), driven in Debian's Chromium. Every test fails on a console error, an uncaught error,
 * a failed request or an HTTP error answer.
 */

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  await buildWebApp();
  app = await startApp();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function open(path: string, viewport?: { width: number; height: number }) {
  const watched = await watchedPage(browser, viewport);
  await watched.page.goto(`${app.url}${path}`);
  return watched;
}

async function matrixReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="hotspot-matrix"][data-ready="true"]', {
    timeout: 30_000,
  });
}

describe('overview', () => {
  it('draws the hot-spot matrix; clicking a point opens that account', async () => {
    const { page, problems } = await open('/');
    await matrixReady(page);
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Overview');
    const probe = await page.locator('[data-testid="hotspot-matrix"]').getAttribute('data-probe');
    const point = JSON.parse(probe ?? 'null') as { x: number; y: number; id: number };
    const box = await page.locator('[data-testid="hotspot-matrix"]').boundingBox();
    if (!box) throw new Error('the matrix has no box');
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForURL(/\/accounts\/\d+/);
    await page.waitForSelector('[data-testid="explanation"]');
    expect(problems).toEqual([]);
  });

  it('fits a phone-width screen without errors', async () => {
    const { page, problems } = await open('/', { width: 390, height: 844 });
    await matrixReady(page);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });
});

describe('accounts and the account page', () => {
  it('filters by tier in the URL, opens an account, reads its explanation and overrides its tier', async () => {
    const { page, problems } = await open('/accounts?tier=1a&sort=value&order=desc');
    const firstLink = page.locator('table tbody tr a').first();
    await firstLink.waitFor();
    const name = (await firstLink.textContent())?.trim() ?? '';
    await firstLink.click();
    await page.waitForURL(/\/accounts\/\d+/);
    await page.locator('h1', { hasText: name }).waitFor();

    const explanation = page.locator('[data-testid="explanation"]');
    await explanation.waitFor();
    await expect(explanation.textContent()).resolves.toMatch(/revenue/i);

    await page.locator('[data-testid="override-tier"]').selectOption('3');
    await page.locator('[data-testid="override-reason"]').fill('Budget frozen until 2027');
    await page.locator('[data-testid="override-by"]').fill('Dana Leader');
    await page.locator('[data-testid="override-save"]').click();
    const current = page.locator('[data-testid="current-override"]');
    await current.waitFor();
    await expect(current.textContent()).resolves.toContain('Budget frozen until 2027');

    // the override shows in the list: the account is now Tier 3
    await page.goto(`${app.url}/accounts?tier=3&q=${encodeURIComponent(name)}`);
    await page.locator('table tbody tr a', { hasText: name }).waitFor();
    expect(problems).toEqual([]);
  });
});

describe('imports', () => {
  it('imports a file with bad rows and lists every rejected row with its reason', async () => {
    const { page, problems } = await open('/accounts?sort=name&order=asc');
    const firstName = (await page.locator('table tbody tr a').first().textContent())?.trim() ?? '';
    const file = join(tmpdir(), 'support-tickets.csv');
    writeFileSync(
      file,
      [
        'id,account_name,opened_on,closed_on,severity',
        `E2E-1,${firstName},2026-10-01,2026-10-02,high`,
        `E2E-2,${firstName},2026-10-03,,apocalyptic`,
        'E2E-3,No Such Company Ltd,2026-10-04,,low',
      ].join('\n'),
    );
    await page.goto(`${app.url}/imports`);
    await page.locator('[data-testid="import-entity"]').selectOption('ticket');
    await page.locator('[data-testid="import-file"]').setInputFiles(file);
    await page.locator('[data-testid="import-preview"]').waitFor();
    await page.locator('[data-testid="import-submit"]').click();
    const result = page.locator('[data-testid="import-result"]');
    await result.waitFor();
    // the rejected rows load after the result: wait until both bad rows are listed
    const rejections = page.locator('[data-testid="import-rejections"]');
    await rejections.filter({ hasText: 'apocalyptic' }).waitFor();
    await rejections.filter({ hasText: 'No Such Company Ltd' }).waitFor();
    expect(problems).toEqual([]);
  });
});

describe('model', () => {
  it('backtests the model beside the saved one, and lists both in the backtests so far', async () => {
    const { page, problems } = await open('/model');
    await page.locator('[data-testid="model-backtest"]').click();
    const result = page.locator('[data-testid="model-backtest-result"]');
    await result.waitFor({ timeout: 60_000 });
    await expect(result.locator('tbody tr').count()).resolves.toBe(2);
    await expect(result.textContent()).resolves.toMatch(/[+−]\d+\.\d pts/);
    await expect(page.getByTestId('model-backtest-book').textContent()).resolves.toMatch(
      /^The whole book (grew|shrank) by \$[\d,]+ in the horizon\.$/,
    );
    await page.locator('[data-testid="backtest-history"] tbody tr').nth(1).waitFor();
    expect(problems).toEqual([]);
  });
});

describe('signing in (after users are added)', () => {
  it('sets a password from the one-time link, signs out, refuses a wrong password, signs in', async () => {
    await app.stop();
    const output = hotspot([
      'users',
      'add',
      'dana@example.com',
      '--role',
      'leader',
      '--db',
      app.db,
    ]);
    const token = /#token=(\S+)/.exec(output)?.[1];
    if (!token) throw new Error(`no link in: ${output}`);
    app = await startApp(app.db);

    const { page, problems } = await open(`/set-password#token=${token}`);
    await page.locator('input[name="new-password"]').fill('correct horse battery');
    await page.locator('input[name="confirm-password"]').fill('correct horse battery');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await matrixReady(page);
    await page.getByText('dana@example.com (leader)').waitFor();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/sign-in/);
    await page.locator('input[name="email"]').fill('dana@example.com');
    await page.locator('input[name="password"]').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.locator('input[name="password"]').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await matrixReady(page);
    // the refused sign-in is the one HTTP error this test makes on purpose
    expect(problems).toEqual([
      expect.stringMatching(/^HTTP 401: POST .*\/api\/session$/),
      expect.stringMatching(/^console error: Failed to load resource.*401/),
    ]);
  });
});
