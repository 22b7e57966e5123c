import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../db/store.ts';
import { failureOf } from '../../test/errors.ts';
import { ENGINES, openTestStore } from '../../test/stores.ts';
import { checkSession, endSession, SESSION_POLICY } from './sessions.ts';
import { LOCKOUT_POLICY, setPassword, signIn } from './sign-in.ts';
import { addUser, disableUser, signOutEverywhere, type UserWithSetupLink } from './users.ts';

const T0 = new Date('2026-10-31T12:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const PASSWORD = 'correct horse battery staple';

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;
  let ada: UserWithSetupLink;

  beforeEach(async () => {
    store = await openTestStore(engine);
    ada = await addUser(store, { email: 'ada@example.com', role: 'manager', now: T0 });
    await setPassword(store, { setupToken: ada.setupToken, password: PASSWORD, now: T0 });
  });
  afterEach(() => store.close());

  describe('passwords', () => {
    it('are stored as argon2id hashes, never in clear', async () => {
      const rows = await store.all<{ password_hash: string }>('SELECT password_hash FROM app_user');
      expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
      const everything = JSON.stringify(
        await store.all('SELECT * FROM app_user'),
        (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v),
      );
      expect(everything).not.toContain(PASSWORD);
    });

    it('a setup link works once, expires after 72 hours, and needs 12 characters', async () => {
      const reused = await failureOf(
        setPassword(store, {
          setupToken: ada.setupToken,
          password: 'another long password',
          now: T0,
        }),
      );
      expect(reused.code).toBe('UNAUTHENTICATED');
      const bob = await addUser(store, { email: 'bob@example.com', role: 'viewer', now: T0 });
      expect(
        (
          await failureOf(
            setPassword(store, { setupToken: bob.setupToken, password: 'short', now: T0 }),
          )
        ).code,
      ).toBe('INVALID_INPUT');
      expect(
        (
          await failureOf(
            setPassword(store, {
              setupToken: bob.setupToken,
              password: 'bob@example.com',
              now: T0,
            }),
          )
        ).message,
      ).toContain('email');
      const late = await failureOf(
        setPassword(store, {
          setupToken: bob.setupToken,
          password: 'a long enough password',
          now: at(72 * 60 * MINUTE),
        }),
      );
      expect(late.code).toBe('UNAUTHENTICATED');
      const signedIn = await setPassword(store, {
        setupToken: bob.setupToken,
        password: 'a long enough password',
        now: at(71 * 60 * MINUTE),
      });
      expect(signedIn.principal).toMatchObject({ email: 'bob@example.com', via: 'session' });
    });
  });

  describe('signIn', () => {
    it('signs in with the right password (any case of email) and starts a session', async () => {
      const signedIn = await signIn(store, {
        email: 'ADA@example.com ',
        password: PASSWORD,
        now: T0,
      });
      expect(signedIn.principal).toEqual({
        userId: ada.user.id,
        email: 'ada@example.com',
        role: 'manager',
        repId: null,
        via: 'session',
      });
      const checked = await checkSession(store, { token: signedIn.session.token, now: T0 });
      expect(checked).toMatchObject({ ok: true, csrfToken: signedIn.session.csrfToken });
      const rows = await store.all<{ token_hash: string }>('SELECT token_hash FROM user_session');
      expect(rows.map((r) => r.token_hash)).not.toContain(signedIn.session.token);
    });

    it('answers the same for an unknown email and a wrong password', async () => {
      const unknown = await failureOf(
        signIn(store, { email: 'nobody@example.com', password: PASSWORD, now: T0 }),
      );
      const wrong = await failureOf(
        signIn(store, { email: 'ada@example.com', password: 'nope', now: T0 }),
      );
      expect([unknown.code, unknown.message]).toEqual([wrong.code, wrong.message]);
      expect(wrong.code).toBe('UNAUTHENTICATED');
    });

    it('locks the account after 5 failures for 15 minutes, then lets the right password in', async () => {
      for (let i = 1; i < LOCKOUT_POLICY.maxFailures; i++)
        expect(
          (await failureOf(signIn(store, { email: 'ada@example.com', password: 'x', now: at(i) })))
            .code,
        ).toBe('UNAUTHENTICATED');
      const locking = await failureOf(
        signIn(store, { email: 'ada@example.com', password: 'x', now: at(MINUTE) }),
      );
      expect(locking).toMatchObject({ code: 'RATE_LIMITED', details: { reason: 'locked' } });
      expect(locking.details.retryAfterSeconds).toBe(15 * 60);
      // the right password does not help while locked
      const locked = await failureOf(
        signIn(store, { email: 'ada@example.com', password: PASSWORD, now: at(15 * MINUTE) }),
      );
      expect(locked.code).toBe('RATE_LIMITED');
      expect(locked.details.retryAfterSeconds).toBe(60);
      expect(locked.message).toContain('1 more minute');
      const later = await signIn(store, {
        email: 'ada@example.com',
        password: PASSWORD,
        now: at(16 * MINUTE),
      });
      expect(later.principal.email).toBe('ada@example.com');
      const [row] = await store.all<{ failed_logins: number; locked_until: unknown }>(
        'SELECT failed_logins, locked_until FROM app_user',
      );
      expect(row).toEqual({ failed_logins: 0, locked_until: null });
    });

    it('a success resets the count of failures', async () => {
      for (let i = 0; i < 4; i++)
        await failureOf(signIn(store, { email: 'ada@example.com', password: 'x', now: T0 }));
      await signIn(store, { email: 'ada@example.com', password: PASSWORD, now: T0 });
      for (let i = 0; i < 4; i++)
        expect(
          (await failureOf(signIn(store, { email: 'ada@example.com', password: 'x', now: T0 })))
            .code,
        ).toBe('UNAUTHENTICATED');
    });

    it('refuses a disabled user who knows the password', async () => {
      await addUser(store, { email: 'admin@example.com', role: 'admin', now: T0 });
      await disableUser(store, { userId: ada.user.id });
      expect(
        (await failureOf(signIn(store, { email: 'ada@example.com', password: PASSWORD, now: T0 })))
          .code,
      ).toBe('FORBIDDEN');
    });
  });

  describe('sessions', () => {
    it('expire 12 hours after the last request, and 7 days after signing in at the latest', async () => {
      const { session } = await signIn(store, {
        email: 'ada@example.com',
        password: PASSWORD,
        now: T0,
      });
      const idle = SESSION_POLICY.idleMs;
      expect((await checkSession(store, { token: session.token, now: at(idle - MINUTE) })).ok).toBe(
        true,
      );
      // that request moved the idle expiry forward
      expect(
        (await checkSession(store, { token: session.token, now: at(2 * idle - 2 * MINUTE) })).ok,
      ).toBe(true);
      let t = 2 * idle - 2 * MINUTE;
      while (t + idle - MINUTE < SESSION_POLICY.maxMs) {
        t += idle - MINUTE;
        expect((await checkSession(store, { token: session.token, now: at(t) })).ok).toBe(true);
      }
      expect(
        await checkSession(store, { token: session.token, now: at(SESSION_POLICY.maxMs) }),
      ).toEqual({ ok: false, reason: 'expired' });
      // refused sessions are forgotten
      expect(await checkSession(store, { token: session.token, now: T0 })).toEqual({
        ok: false,
        reason: 'unknown',
      });
    });

    it('an idle session expires', async () => {
      const { session } = await signIn(store, {
        email: 'ada@example.com',
        password: PASSWORD,
        now: T0,
      });
      expect(
        await checkSession(store, { token: session.token, now: at(SESSION_POLICY.idleMs) }),
      ).toEqual({ ok: false, reason: 'expired' });
    });

    it('signing out everywhere ends every session; signing out ends one', async () => {
      const one = await signIn(store, { email: 'ada@example.com', password: PASSWORD, now: T0 });
      const two = await signIn(store, { email: 'ada@example.com', password: PASSWORD, now: T0 });
      await endSession(store, one.session.token);
      expect((await checkSession(store, { token: one.session.token, now: T0 })).ok).toBe(false);
      expect((await checkSession(store, { token: two.session.token, now: T0 })).ok).toBe(true);
      await signOutEverywhere(store, ada.user.id);
      expect((await checkSession(store, { token: two.session.token, now: T0 })).ok).toBe(false);
    });

    it('refuses a tampered token', async () => {
      const { session } = await signIn(store, {
        email: 'ada@example.com',
        password: PASSWORD,
        now: T0,
      });
      const last = session.token.at(-1) === 'A' ? 'B' : 'A';
      for (const token of [
        `${session.token.slice(0, -1)}${last}`,
        `${session.token}x`,
        '',
        "' OR 1=1 --",
      ])
        expect(await checkSession(store, { token, now: T0 })).toEqual({
          ok: false,
          reason: 'unknown',
        });
    });

    it('a session from before the epoch was bumped is refused as signed out', async () => {
      const { session } = await signIn(store, {
        email: 'ada@example.com',
        password: PASSWORD,
        now: T0,
      });
      // a row left behind (e.g. written by another instance at the same moment) still carries the old epoch
      await store.run('UPDATE app_user SET session_epoch = session_epoch + 1');
      expect(await checkSession(store, { token: session.token, now: T0 })).toEqual({
        ok: false,
        reason: 'signed-out',
      });
    });
  });
});
