import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openDemoStore } from '../../test/stores.ts';
import { InvalidModelError } from '../core/scoring/parse-model.ts';
import { DEFAULT_MODEL_YAML } from '../core/scoring/default-model.ts';
import type { Store } from '../db/store.ts';
import { clearAccountOverride, readAccountDetail, setAccountOverride } from './account-detail.ts';
import { explainAccount } from './portfolio.ts';
import { loadModel, loadModelDocument, scoreWorkspace } from './score-workspace.ts';
import { searchIndexedAccounts } from './account-index.ts';

describe.each(ENGINES)('%s', (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await openDemoStore(engine, { accounts: 150, seed: 3, years: 5, until: '2026-10-31' });
  });

  afterAll(() => store.close());

  describe('before any run', () => {
    it('the account page has no explanation, the accounts list has no run', async () => {
      const detail = await readAccountDetail(store, { accountId: 1 });
      expect(detail.explanation).toBeNull();
      expect(detail.history).toEqual([]);
      await expect(searchIndexedAccounts(store, { search: {} })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  describe('after a run', () => {
    beforeAll(async () => {
      await scoreWorkspace(store);
    });

    it('explains an account exactly as `explain` does', async () => {
      const detail = await readAccountDetail(store, { accountId: 7 });
      const explained = await explainAccount(store, { account: detail.account.externalId });
      expect(detail.explanation).toEqual(explained);
    });

    it('throws NOT_FOUND for an unknown account or run', async () => {
      await expect(readAccountDetail(store, { accountId: 10 ** 9 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(readAccountDetail(store, { accountId: 1, runId: 99 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('sets and clears overrides by internal id', async () => {
      const override = await setAccountOverride(store, {
        accountId: 3,
        tier: '1b',
        reason: '  new CFO  ',
        by: 'Ana',
      });
      expect(override).toMatchObject({
        accountId: 3,
        tier: '1b',
        reason: 'new CFO',
        createdBy: 'Ana',
      });
      expect((await readAccountDetail(store, { accountId: 3 })).explanation?.account.tier).toBe(
        '1b',
      );
      await expect(
        setAccountOverride(store, { accountId: 3, tier: '1a', reason: ' ', by: 'Ana' }),
      ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await clearAccountOverride(store, { accountId: 3 });
      await expect(clearAccountOverride(store, { accountId: 3 })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  describe('loadModelDocument', () => {
    it('hashes a document as loadModel hashes a file', () => {
      expect(loadModelDocument(DEFAULT_MODEL_YAML, 'text').hash).toBe(loadModel().hash);
    });

    it('throws InvalidModelError with the problems', () => {
      expect(() => loadModelDocument('name: [', 'text')).toThrow(InvalidModelError);
    });
  });
});
