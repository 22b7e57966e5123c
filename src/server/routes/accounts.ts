import { createRoute } from '@hono/zod-openapi';
import {
  clearAccountOverride,
  readAccountDetail,
  searchAccounts,
  setAccountOverride,
  type AccountDetail as AccountDetailData,
} from '../../app/account-detail.ts';
import {
  AccountDetail,
  AccountList,
  AccountListQuery,
  AccountParams,
  Override,
  OverrideRequest,
} from '../../contract/accounts.ts';
import { RunQuery } from '../../contract/common.ts';
import type { Store } from '../../db/store.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';
import { omit, presentRun } from '../present.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/accounts',
  tags: ['accounts'],
  summary: "a run's scored accounts: filtered, searched, sorted and paged",
  request: { query: AccountListQuery },
  responses: {
    200: jsonResponse(AccountList, 'one page of accounts and the total over all pages'),
    ...errorResponses(400, 404, 500),
  },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/accounts/{id}',
  tags: ['accounts'],
  summary: 'one account: firmographics, explained scores, override, history and its records',
  request: { params: AccountParams, query: RunQuery },
  responses: {
    200: jsonResponse(AccountDetail, 'the account'),
    ...errorResponses(400, 404, 500),
  },
});

const putOverrideRoute = createRoute({
  method: 'put',
  path: '/accounts/{id}/override',
  tags: ['accounts'],
  summary: 'set a tier by hand, with a reason (it survives re-scoring until cleared)',
  request: {
    params: AccountParams,
    body: { content: { 'application/json': { schema: OverrideRequest } }, required: true },
  },
  responses: {
    200: jsonResponse(Override, 'the override now in force'),
    ...errorResponses(400, 404, 422, 500),
  },
});

const deleteOverrideRoute = createRoute({
  method: 'delete',
  path: '/accounts/{id}/override',
  tags: ['accounts'],
  summary: "remove an account's override",
  request: { params: AccountParams },
  responses: {
    204: { description: 'cleared' },
    ...errorResponses(400, 404, 500),
  },
});

/** The explanation as `hotspot explain --json` prints it, minus the run's model document and the encoded strings. */
function presentDetail(detail: AccountDetailData) {
  const { explanation } = detail;
  if (!explanation) return { ...detail, explanation: null };
  const account = omit(explanation.account, ['explanation', 'tierChange']);
  return {
    ...detail,
    explanation: { ...explanation, run: presentRun(explanation.run), account },
  };
}

/** GET /accounts, GET /accounts/{id}, PUT and DELETE /accounts/{id}/override. */
export function accountRoutes(store: Store) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const q = c.req.valid('query');
      const result = await searchAccounts(store, {
        runId: q.run,
        search: {
          tiers: q.tier,
          categories: q.category,
          highValue: q.highValue,
          owner: q.owner,
          industry: q.industry,
          query: q.q,
          sort: q.sort,
          descending: q.order === 'desc',
          limit: q.limit,
          offset: q.offset,
        },
      });
      return c.json({ ...result, run: presentRun(result.run) }, 200);
    })
    .openapi(detailRoute, async (c) => {
      const detail = await readAccountDetail(store, {
        accountId: c.req.valid('param').id,
        runId: c.req.valid('query').run,
      });
      return c.json(presentDetail(detail), 200);
    })
    .openapi(putOverrideRoute, async (c) => {
      const body = c.req.valid('json');
      const override = await setAccountOverride(store, {
        accountId: c.req.valid('param').id,
        tier: body.tier,
        reason: body.reason,
        by: body.by,
      });
      return c.json(override, 200);
    })
    .openapi(deleteOverrideRoute, async (c) => {
      await clearAccountOverride(store, c.req.valid('param').id);
      return c.body(null, 204);
    });
}
