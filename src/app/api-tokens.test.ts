import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../db/store.ts';
import { codeOf } from '../../test/errors.ts';
import { ENGINES, openTestStore } from '../../test/stores.ts';
import { checkApiToken, createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { readAuditLog } from './audit.ts';
import { hashSecret } from './secrets.ts';
import { addUser, disableUser, setRole } from './users.ts';

const NOW = new Date('2026-10-31T12:00:00.000Z');

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;
  let adaId: number;
  let bobId: number;

  beforeEach(async () => {
    store = await openTestStore(engine);
    await addUser(store, { email: 'root@example.com', role: 'admin', now: NOW });
    adaId = (await addUser(store, { email: 'ada@example.com', role: 'leader', now: NOW })).user.id;
    bobId = (await addUser(store, { email: 'bob@example.com', role: 'viewer', now: NOW })).user.id;
  });
  afterEach(() => store.close());

  describe('API tokens', () => {
    it('are shown once, stored hashed, and act as their user with the role of the moment', async () => {
      const { token, secret } = await createApiToken(store, {
        userId: adaId,
        name: ' nightly export ',
        now: NOW,
      });
      expect(secret).toMatch(/^hsp_[A-Za-z0-9_-]{43}$/);
      expect(token).toMatchObject({ name: 'nightly export', userEmail: 'ada@example.com' });
      const rows = await store.all<{ token_hash: string }>('SELECT token_hash FROM api_token');
      expect(rows).toEqual([{ token_hash: hashSecret(secret) }]);
      expect(await checkApiToken(store, { token: secret, now: NOW })).toMatchObject({
        ok: true,
        principal: { userId: adaId, role: 'leader', via: 'token' },
      });
      await setRole(store, { userId: adaId, role: 'viewer' });
      expect(await checkApiToken(store, { token: secret, now: NOW })).toMatchObject({
        principal: { role: 'viewer' },
      });
      const [listed] = await listApiTokens(store, { userId: adaId });
      expect(listed?.lastUsedAt).toBe(NOW.toISOString());
      expect(JSON.stringify(listed)).not.toContain(secret.slice(4));
    });

    it('a revoked token, a disabled user and a made-up token are refused', async () => {
      const mine = await createApiToken(store, { userId: adaId, name: 'a', now: NOW });
      const bobs = await createApiToken(store, { userId: bobId, name: 'b', now: NOW });
      // another user's token looks like an unknown one
      expect(
        await codeOf(revokeApiToken(store, { id: bobs.token.id, now: NOW, ownerId: adaId })),
      ).toBe('NOT_FOUND');
      const revoked = await revokeApiToken(store, {
        id: mine.token.id,
        now: NOW,
        ownerId: adaId,
        actor: 'ada@example.com',
      });
      expect(revoked.revokedAt).toBe(NOW.toISOString());
      expect(await checkApiToken(store, { token: mine.secret, now: NOW })).toEqual({
        ok: false,
        reason: 'revoked',
      });
      await disableUser(store, { userId: bobId });
      expect(await checkApiToken(store, { token: bobs.secret, now: NOW })).toEqual({
        ok: false,
        reason: 'disabled',
      });
      expect(await codeOf(createApiToken(store, { userId: bobId, name: 'c', now: NOW }))).toBe(
        'CONFLICT',
      );
      for (const token of ['hsp_nope', `hsp_${'A'.repeat(43)}`, "hsp_' OR '1'='1", ''])
        expect((await checkApiToken(store, { token, now: NOW })).ok).toBe(false);
      expect((await listApiTokens(store, { userId: null })).map((t) => t.userEmail)).toEqual([
        'bob@example.com',
        'ada@example.com',
      ]);
      const actions = (await readAuditLog(store)).map((e) => [e.action, e.actor]);
      expect(actions).toContainEqual(['token.revoke', 'ada@example.com']);
      expect(actions.filter(([a]) => a === 'token.create')).toHaveLength(2);
    });

    it('names are 1 to 100 characters, stored as plain text', async () => {
      expect(await codeOf(createApiToken(store, { userId: adaId, name: '  ', now: NOW }))).toBe(
        'INVALID_INPUT',
      );
      expect(
        await codeOf(createApiToken(store, { userId: adaId, name: 'x'.repeat(101), now: NOW })),
      ).toBe('INVALID_INPUT');
      const names = ["'); DROP TABLE api_token; --", '<img src=x onerror=alert(1)>'];
      for (const name of names) await createApiToken(store, { userId: adaId, name, now: NOW });
      expect((await listApiTokens(store, { userId: adaId })).map((t) => t.name).sort()).toEqual(
        [...names].sort(),
      );
    });
  });
});
