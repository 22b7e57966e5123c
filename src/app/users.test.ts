import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../db/store.ts';
import { codeOf } from '../../test/errors.ts';
import { ENGINES, openTestStore } from '../../test/stores.ts';
import { readAuditLog } from './audit.ts';
import { hashSecret } from './secrets.ts';
import {
  addUser,
  disableUser,
  enableUser,
  findRep,
  findUserByEmail,
  hasUsers,
  listUsers,
  resetPassword,
  setRole,
  SETUP_LINK_HOURS,
} from './users.ts';

const NOW = new Date('2026-10-31T12:00:00.000Z');

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;

  beforeEach(async () => {
    store = await openTestStore(engine);
    await store.run(
      `INSERT INTO rep (source, external_id, name, email, import_id) VALUES
         ('native', 'R-1', 'Ada Lovelace', 'Ada@Example.com', 0),
         ('native', 'R-2', 'Grace Hopper', 'grace@example.com', 0),
         ('hubspot', 'H-2', 'Grace H.', 'grace@example.com', 0)`,
    );
  });
  afterEach(() => store.close());

  describe('users', () => {
    it('adds a user linked to the rep with their email, with a one-time link stored hashed', async () => {
      expect(await hasUsers(store)).toBe(false);
      const added = await addUser(store, { email: ' ADA@example.com ', role: 'manager', now: NOW });
      expect(added.user).toMatchObject({
        email: 'ada@example.com',
        role: 'manager',
        repName: 'Ada Lovelace',
        status: 'awaiting-password',
      });
      expect(added.setupToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(added.setupExpiresAt).toBe(
        new Date(NOW.getTime() + SETUP_LINK_HOURS * 3_600_000).toISOString(),
      );
      const [row] = await store.all<{ setup_token_hash: string; password_hash: string | null }>(
        'SELECT setup_token_hash, password_hash FROM app_user',
      );
      expect(row?.setup_token_hash).toBe(hashSecret(added.setupToken));
      expect(row?.password_hash).toBeNull();
      expect(await hasUsers(store)).toBe(true);
    });

    it('refuses a taken email, a bad email or role, and a rep email several reps share', async () => {
      await addUser(store, { email: 'ada@example.com', role: 'admin', now: NOW });
      expect(
        await codeOf(addUser(store, { email: 'Ada@Example.com', role: 'viewer', now: NOW })),
      ).toBe('CONFLICT');
      expect(
        await codeOf(addUser(store, { email: 'not an email', role: 'viewer', now: NOW })),
      ).toBe('INVALID_INPUT');
      expect(await codeOf(addUser(store, { email: 'x@example.com', role: 'boss', now: NOW }))).toBe(
        'INVALID_INPUT',
      );
      expect(
        await codeOf(addUser(store, { email: 'grace@example.com', role: 'manager', now: NOW })),
      ).toBe('CONFLICT');
      const rep = await findRep(store, 'H-2');
      const grace = await addUser(store, {
        email: 'grace@example.com',
        role: 'manager',
        repId: rep.id,
        now: NOW,
      });
      expect(grace.user.repName).toBe('Grace H.');
      expect(await codeOf(findRep(store, 'grace@example.com'))).toBe('CONFLICT');
      expect(await codeOf(findRep(store, 'nobody'))).toBe('NOT_FOUND');
    });

    it('keeps at least one enabled admin', async () => {
      const admin = await addUser(store, { email: 'admin@example.com', role: 'admin', now: NOW });
      expect(await codeOf(setRole(store, { userId: admin.user.id, role: 'viewer' }))).toBe(
        'CONFLICT',
      );
      expect(await codeOf(disableUser(store, { userId: admin.user.id }))).toBe('CONFLICT');
      const second = await addUser(store, { email: 'b@example.com', role: 'leader', now: NOW });
      await setRole(store, { userId: second.user.id, role: 'admin', actor: 'admin@example.com' });
      expect((await disableUser(store, { userId: admin.user.id })).status).toBe('disabled');
      expect((await enableUser(store, { userId: admin.user.id })).status).toBe('awaiting-password');
      const log = await readAuditLog(store);
      expect(log.map((e) => e.action)).toEqual([
        'user.enable',
        'user.disable',
        'user.role',
        'user.add',
        'user.add',
      ]);
      expect(log[2]).toMatchObject({
        actor: 'admin@example.com',
        before: { role: 'leader' },
        after: { role: 'admin' },
      });
      expect(JSON.stringify(log)).not.toMatch(/hash|token/i);
    });

    it('a reset replaces the link and ends the current password', async () => {
      const added = await addUser(store, { email: 'ada@example.com', role: 'viewer', now: NOW });
      await store.run("UPDATE app_user SET password_hash = '$argon2id$x', session_epoch = 3");
      const reset = await resetPassword(store, { userId: added.user.id, now: NOW });
      expect(reset.setupToken).not.toBe(added.setupToken);
      const [row] = await store.all<{ password_hash: string | null; session_epoch: number }>(
        'SELECT password_hash, session_epoch FROM app_user',
      );
      expect(row).toEqual({ password_hash: null, session_epoch: 4 });
    });

    it('stores and answers script and SQL-injection text as plain text', async () => {
      const emails = [
        "a'or'1'='1@example.com",
        '<script>alert(1)</script>@example.com',
        'x");drop_table_app_user;--@example.com',
      ];
      for (const email of emails) await addUser(store, { email, role: 'viewer', now: NOW });
      expect((await listUsers(store)).map((u) => u.email).sort()).toEqual([...emails].sort());
      for (const email of emails) expect((await findUserByEmail(store, email)).email).toBe(email);
      expect(
        await codeOf(
          addUser(store, {
            email: "x'; DROP TABLE app_user; --@example.com",
            role: 'viewer',
            now: NOW,
          }),
        ),
      ).toBe('INVALID_INPUT');
      expect(await listUsers(store)).toHaveLength(3);
    });
  });
});
