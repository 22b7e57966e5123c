import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setPassword } from '../../app/sign-in.ts';
import { SESSION_POLICY } from '../../app/sessions.ts';
import { addUser } from '../../app/users.ts';
import { ROLE_VALUES, type Session } from '../../contract/auth.ts';
import { ROLES } from '../../core/access.ts';
import type { Store } from '../../db/store.ts';
import { ENGINES, openTestStore, type Engine } from '../../../test/stores.ts';
import { createApp } from '../create-app.ts';
import { SIGN_IN_LIMIT } from './rate-limit.ts';

type Json = Record<string, unknown>;
type ErrorJson = { error: { code: string; message: string; details: Json } };

const T0 = new Date('2026-10-31T12:00:00.000Z');
const ADMIN = { email: 'admin@example.com', password: 'admin password 123' };
const MANAGER = { email: 'manager@example.com', password: 'manager password 123' };

let store: Store;
let clock: Date;
let app: ReturnType<typeof createApp>;
let webDir: string;

function build(): void {
  app = createApp({
    store,
    filesDir: mkdtempSync(join(tmpdir(), 'hotspot-files-')),
    webDir,
    now: () => clock,
    trustProxy: true,
  });
}

/** A fresh workspace of the engine (no users), the web app's files, the app on a fake clock. */
async function open(engine: Engine): Promise<void> {
  clock = T0;
  store = await openTestStore(engine);
  webDir = mkdtempSync(join(tmpdir(), 'hotspot-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Hotspot</title>');
  writeFileSync(join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
  build();
}

async function addWithPassword(person: { email: string; password: string }, role: string) {
  const added = await addUser(store, { email: person.email, role, now: clock });
  await setPassword(store, { setupToken: added.setupToken, password: person.password, now: clock });
  return added.user;
}

type CallOptions = {
  body?: unknown;
  cookie?: string;
  csrf?: string;
  bearer?: string;
  headers?: Record<string, string>;
  /** The address the request is made to (default http://localhost). */
  base?: string;
};

async function call(method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.cookie) headers.cookie = `hotspot_session=${options.cookie}`;
  if (options.csrf) headers['x-csrf-token'] = options.csrf;
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const res = await app.request(`${options.base ?? 'http://localhost'}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    headers: res.headers,
    body: (type.includes('json') && text ? JSON.parse(text) : {}) as Json,
  };
}

const errorOf = (body: Json) => (body as ErrorJson).error;

/** Signs in and answers the session cookie's value, the Set-Cookie line and the CSRF token. */
async function signIn(person: { email: string; password: string }, headers = {}) {
  const res = await call('POST', '/api/session', { body: person, headers });
  expect(res.status).toBe(200);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('hotspot_session='));
  const cookie = /^hotspot_session=([^;]+)/.exec(setCookie ?? '')?.[1] ?? '';
  return { cookie, setCookie: setCookie ?? '', csrf: (res.body as Session).csrfToken ?? '', res };
}

describe('the contract', () => {
  it('lists the same roles as the domain', () => {
    expect([...ROLE_VALUES]).toEqual([...ROLES]);
  });
});

describe.each(ENGINES)('%s', (engine) => {
  beforeEach(() => open(engine));
  afterEach(() => store.close());

  describe('single-user mode (no users)', () => {
    it('answers every request as the local admin', async () => {
      const session = await call('GET', '/api/session');
      expect(session).toMatchObject({
        status: 200,
        body: {
          user: { userId: null, role: 'admin', via: 'local' },
          csrfToken: null,
          singleUser: true,
        },
      });
      expect((await call('GET', '/api/status')).status).toBe(200);
      expect((await call('GET', '/api/tokens')).body).toEqual({ tokens: [] });
      expect(errorOf((await call('POST', '/api/tokens', { body: { name: 'x' } })).body).code).toBe(
        'USAGE',
      );
    });

    it('only for requests addressed to localhost (no DNS rebinding)', async () => {
      for (const base of ['http://127.0.0.1:3000', 'http://[::1]:3000', 'http://LOCALHOST'])
        expect((await call('GET', '/api/session', { base })).status).toBe(200);
      const rebound = await call('GET', '/api/status', { base: 'http://evil.example:3000' });
      expect(rebound.status).toBe(403);
      expect(errorOf(rebound.body).code).toBe('FORBIDDEN');
    });

    it('refuses changes from another site (Origin), which is its only CSRF defence', async () => {
      const cross = await call('POST', '/api/model/validate', {
        body: { document: 'name: x' },
        headers: { origin: 'https://evil.example' },
      });
      expect(cross.status).toBe(403);
      const sneaky = await call('POST', '/api/model/validate', {
        body: { document: 'name: x' },
        headers: { 'sec-fetch-site': 'cross-site' },
      });
      expect(sneaky.status).toBe(403);
      for (const origin of ['http://localhost', 'http://localhost:5173', 'http://127.0.0.1:5173'])
        expect(
          (
            await call('POST', '/api/model/validate', {
              body: { document: 'name: x' },
              headers: { origin },
            })
          ).status,
        ).toBe(200);
    });
  });

  describe('signing in', () => {
    beforeEach(async () => {
      await addWithPassword(ADMIN, 'admin');
      await addWithPassword(MANAGER, 'manager');
    });

    it('without credentials every API route but the public ones answers 401', async () => {
      for (const path of ['/api/session', '/api/status', '/api/tokens', '/api/accounts']) {
        const res = await call('GET', path);
        expect(res.status).toBe(401);
        expect(errorOf(res.body).code).toBe('UNAUTHENTICATED');
      }
      expect((await call('GET', '/api/openapi.json')).status).toBe(200);
      expect((await call('GET', '/healthz')).status).toBe(200);
      expect((await call('GET', '/')).status).toBe(200);
      expect((await call('GET', '/sign-in')).status).toBe(200);
    });

    it('sets an HttpOnly, SameSite=Lax session cookie (Secure over HTTPS) and answers a CSRF token', async () => {
      const { cookie, setCookie, csrf, res } = await signIn(MANAGER);
      expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Lax/);
      expect(setCookie).toMatch(/Path=\//);
      expect(setCookie).not.toMatch(/Secure/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body).toMatchObject({
        user: { email: MANAGER.email, role: 'manager', via: 'session' },
        singleUser: false,
      });
      expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const behindProxy = await signIn(MANAGER, { 'x-forwarded-proto': 'https' });
      expect(behindProxy.setCookie).toMatch(/; Secure/);
      const me = await call('GET', '/api/session', { cookie });
      expect(me.body).toMatchObject({ user: { email: MANAGER.email }, csrfToken: csrf });
      // only the token's hash is stored
      const rows = await store.all<{ token_hash: string }>('SELECT token_hash FROM user_session');
      expect(rows.map((r) => r.token_hash)).not.toContain(cookie);
    });

    it('a wrong password answers 401 with a message a person understands', async () => {
      const res = await call('POST', '/api/session', {
        body: { email: MANAGER.email, password: 'wrong' },
      });
      expect(res.status).toBe(401);
      expect(errorOf(res.body).message).toBe('wrong email or password');
      expect(res.headers.getSetCookie()).toEqual([]);
    });

    it('locks an account after 5 failures: 429 with Retry-After, open again after 15 minutes', async () => {
      for (let i = 0; i < 4; i++)
        expect(
          (await call('POST', '/api/session', { body: { email: ADMIN.email, password: 'x' } }))
            .status,
        ).toBe(401);
      const locked = await call('POST', '/api/session', {
        body: { email: ADMIN.email, password: 'x' },
      });
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toBe('900');
      expect(errorOf(locked.body).details).toMatchObject({ reason: 'locked' });
      expect((await call('POST', '/api/session', { body: ADMIN })).status).toBe(429);
      clock = new Date(T0.getTime() + 15 * 60_000);
      expect((await call('POST', '/api/session', { body: ADMIN })).status).toBe(200);
    });

    it('limits failed attempts per client address: 429 with Retry-After, other addresses unaffected', async () => {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      const attempt = (ip: string, email = 'nobody@example.com') =>
        call('POST', '/api/session', { body: { email, password: 'guess' }, headers: from(ip) });
      for (let i = 0; i < SIGN_IN_LIMIT.failures; i++)
        expect((await attempt('203.0.113.7')).status).toBe(401);
      const limited = await attempt('203.0.113.7');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toBe(String(SIGN_IN_LIMIT.windowMs / 1000));
      expect(errorOf(limited.body)).toMatchObject({
        code: 'RATE_LIMITED',
        details: { reason: 'address' },
      });
      // even the right password waits: the address is guessing
      expect(
        (await call('POST', '/api/session', { body: ADMIN, headers: from('203.0.113.7') })).status,
      ).toBe(429);
      // the setup-link route shares the limit
      expect(
        (
          await call('POST', '/api/password', {
            body: { token: 'x', password: 'y' },
            headers: from('203.0.113.7'),
          })
        ).status,
      ).toBe(429);
      expect((await attempt('198.51.100.1')).status).toBe(401);
      clock = new Date(T0.getTime() + SIGN_IN_LIMIT.windowMs);
      expect((await attempt('203.0.113.7')).status).toBe(401);
    });

    it('refuses a tampered, expired or signed-out session with 401 and clears the cookie', async () => {
      const { cookie } = await signIn(MANAGER);
      const tampered = `${cookie.slice(0, -2)}${cookie.endsWith('AA') ? 'BB' : 'AA'}`;
      const res = await call('GET', '/api/session', { cookie: tampered });
      expect(res.status).toBe(401);
      expect(res.headers.getSetCookie().join()).toMatch(/hotspot_session=;.*Max-Age=0/);
      for (const bad of ['', 'x', "' OR '1'='1", `${cookie}.sig`])
        expect((await call('GET', '/api/session', { cookie: bad })).status).toBe(401);

      clock = new Date(T0.getTime() + SESSION_POLICY.idleMs);
      const expired = await call('GET', '/api/session', { cookie });
      expect(expired.status).toBe(401);
      expect(errorOf(expired.body).message).toContain('expired');
    });

    it('signing out ends this session; signing out everywhere ends them all', async () => {
      const phone = await signIn(MANAGER);
      const laptop = await signIn(MANAGER);
      const out = await call('DELETE', '/api/session', { cookie: phone.cookie, csrf: phone.csrf });
      expect(out.status).toBe(204);
      expect(out.headers.getSetCookie().join()).toMatch(/hotspot_session=;/);
      expect((await call('GET', '/api/session', { cookie: phone.cookie })).status).toBe(401);
      expect((await call('GET', '/api/session', { cookie: laptop.cookie })).status).toBe(200);

      const desktop = await signIn(MANAGER);
      const everywhere = await call('POST', '/api/session/everywhere', {
        cookie: desktop.cookie,
        csrf: desktop.csrf,
      });
      expect(everywhere.status).toBe(204);
      for (const session of [laptop, desktop])
        expect((await call('GET', '/api/session', { cookie: session.cookie })).status).toBe(401);
      const manager = await store.all(
        'SELECT s.token_hash FROM user_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = $1',
        [MANAGER.email],
      );
      expect(manager).toEqual([]);
    });

    it('a change with a session cookie needs the CSRF token: missing or wrong is 403', async () => {
      const { cookie, csrf } = await signIn(MANAGER);
      const missing = await call('POST', '/api/tokens', { cookie, body: { name: 'x' } });
      expect(missing.status).toBe(403);
      expect(errorOf(missing.body)).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'csrf' },
      });
      const wrong = await call('POST', '/api/tokens', {
        cookie,
        csrf: `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}`,
        body: { name: 'x' },
      });
      expect(wrong.status).toBe(403);
      const other = await signIn(ADMIN);
      expect(
        (await call('POST', '/api/tokens', { cookie, csrf: other.csrf, body: { name: 'x' } }))
          .status,
      ).toBe(403);
      expect(
        (await call('POST', '/api/tokens', { cookie, csrf, body: { name: 'x' } })).status,
      ).toBe(201);
      // reads need no token
      expect((await call('GET', '/api/tokens', { cookie })).status).toBe(200);
      // a same-session change from another site is refused before the token is even looked at
      expect(
        (
          await call('POST', '/api/tokens', {
            cookie,
            csrf,
            body: { name: 'x' },
            headers: { origin: 'https://evil.example' },
          })
        ).status,
      ).toBe(403);
    });

    it('API tokens: created (shown once), used without CSRF, listed (own; admin all), revoked', async () => {
      const manager = await signIn(MANAGER);
      const created = await call('POST', '/api/tokens', {
        cookie: manager.cookie,
        csrf: manager.csrf,
        body: { name: 'nightly <b>export</b>' },
      });
      expect(created.status).toBe(201);
      const secret = created.body.secret as string;
      expect(secret).toMatch(/^hsp_/);
      const token = created.body.token as { id: number; name: string };
      expect(token.name).toBe('nightly <b>export</b>');

      const me = await call('GET', '/api/session', { bearer: secret });
      expect(me.body).toMatchObject({
        user: { email: MANAGER.email, via: 'token' },
        csrfToken: null,
      });
      // scripts send no CSRF token
      const second = await call('POST', '/api/tokens', { bearer: secret, body: { name: 'ci' } });
      expect(second.status).toBe(201);

      const listed = await call('GET', '/api/tokens', { bearer: secret });
      expect((listed.body.tokens as unknown[]).length).toBe(2);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      const admin = await signIn(ADMIN);
      const adminToken = await call('POST', '/api/tokens', {
        cookie: admin.cookie,
        csrf: admin.csrf,
        body: { name: 'admin' },
      });
      const adminTokenId = (adminToken.body.token as { id: number }).id;
      const all = await call('GET', '/api/tokens', { cookie: admin.cookie });
      expect((all.body.tokens as unknown[]).length).toBe(3);
      // a manager cannot revoke (or even see) someone else's token
      expect((await call('DELETE', `/api/tokens/${adminTokenId}`, { bearer: secret })).status).toBe(
        404,
      );

      const revoked = await call('DELETE', `/api/tokens/${token.id}`, { bearer: secret });
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toBe(T0.toISOString());
      const after = await call('GET', '/api/session', { bearer: secret });
      expect(after.status).toBe(401);
      expect(errorOf(after.body).message).toContain('revoked');
      expect((await call('GET', '/api/session', { bearer: 'hsp_made-up' })).status).toBe(401);
      expect(
        (await call('GET', '/api/status', { headers: { authorization: 'Basic YTpi' } })).status,
      ).toBe(401);
    });

    it('setting a password with a one-time link signs in; the link then is dead', async () => {
      const added = await addUser(store, { email: 'new@example.com', role: 'viewer', now: clock });
      const short = await call('POST', '/api/password', {
        body: { token: added.setupToken, password: 'short' },
      });
      expect(short.status).toBe(422);
      expect(errorOf(short.body).message).toContain('at least 12 characters');
      const set = await call('POST', '/api/password', {
        body: { token: added.setupToken, password: 'a long new password' },
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ user: { email: 'new@example.com', role: 'viewer' } });
      expect(set.headers.getSetCookie().join()).toMatch(/hotspot_session=[A-Za-z0-9_-]{43};/);
      const again = await call('POST', '/api/password', {
        body: { token: added.setupToken, password: 'another long password' },
      });
      expect(again.status).toBe(401);
    });

    it('script and SQL-injection text in every field comes back inert', async () => {
      const strings = [
        "' OR '1'='1' --",
        "'; DROP TABLE app_user; --",
        '<script>alert(1)</script>',
        '"><img src=x onerror=alert(1)>',
      ];
      for (const text of strings) {
        const res = await call('POST', '/api/session', { body: { email: text, password: text } });
        expect(res.status).toBe(401);
        expect(JSON.stringify(res.body)).not.toContain('<script>');
        const set = await call('POST', '/api/password', { body: { token: text, password: text } });
        expect([401, 422]).toContain(set.status);
      }
      const admin = await signIn(ADMIN);
      for (const name of strings) {
        const res = await call('POST', '/api/tokens', {
          cookie: admin.cookie,
          csrf: admin.csrf,
          body: { name },
        });
        expect(res.status).toBe(201);
        expect((res.body.token as { name: string }).name).toBe(name);
        expect(res.headers.get('content-type')).toContain('application/json');
      }
      const users = await store.all<{ n: number }>('SELECT COUNT(*) AS n FROM app_user');
      expect(Number(users[0]?.n)).toBe(2);
    });
  });

  describe('every answer', () => {
    it('carries the security headers: API, static files, the app page, errors', async () => {
      await addWithPassword(ADMIN, 'admin');
      for (const path of [
        '/api/status',
        '/api/openapi.json',
        '/',
        '/assets/app-1.js',
        '/healthz',
        '/api/nope',
      ]) {
        const res = await app.request(path);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("default-src 'self'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("style-src 'self' 'unsafe-inline'");
        expect(csp).toContain("img-src 'self' data:");
        expect(csp).toContain("connect-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toMatch(/script-src[^;]*unsafe/);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('referrer-policy')).toBe('no-referrer');
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(res.headers.get('x-powered-by')).toBeNull();
      }
    });

    it('limits JSON bodies to 1 MB', async () => {
      const res = await call('POST', '/api/session', {
        body: { email: 'a@example.com', password: 'x'.repeat(1024 ** 2) },
      });
      expect(res.status).toBe(413);
      expect(errorOf(res.body).code).toBe('TOO_LARGE');
    });
  });
});
