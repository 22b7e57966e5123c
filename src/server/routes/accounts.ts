import { createRoute } from '@hono/zod-openapi';
import { stringify } from 'csv-stringify/sync';
import {
  assessmentQuestions,
  clearAccountOverride,
  readAccountDetail,
  saveAccountAnswers,
  setAccountOverride,
  type AccountDetail as AccountDetailData,
} from '../../app/account-detail.ts';
import { searchIndexedAccounts } from '../../app/account-index.ts';
import { accountFacets, readHotspotMatrix } from '../../app/overview.ts';
import {
  AccountDetail,
  AccountExportQuery,
  AccountList,
  AccountListQuery,
  AccountParams,
  AnswerList,
  AnswersRequest,
  Override,
  OverrideRequest,
  QuestionList,
} from '../../contract/accounts.ts';
import { AccountFacets, MatrixPoints } from '../../contract/overview.ts';
import { RunQuery } from '../../contract/common.ts';
import type { Store } from '../../db/store.ts';
import { requestActor, requestScope } from '../auth/authorize.ts';
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
    ...errorResponses(400, 404, 409, 422, 500),
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

const exportRoute = createRoute({
  method: 'get',
  path: '/accounts/export.csv',
  tags: ['accounts'],
  summary: 'every account matching the filter (as GET /accounts, without paging) as CSV',
  request: { query: AccountExportQuery },
  responses: {
    200: { description: 'the accounts', content: { 'text/csv': { schema: { type: 'string' } } } },
    ...errorResponses(400, 404, 500),
  },
});

const matrixRoute = createRoute({
  method: 'get',
  path: '/matrix',
  tags: ['accounts'],
  summary: 'every scored account of a run as a point of the value × need matrix, in columns',
  request: { query: RunQuery },
  responses: {
    200: jsonResponse(MatrixPoints, 'the points'),
    ...errorResponses(400, 404, 500),
  },
});

const facetsRoute = createRoute({
  method: 'get',
  path: '/facets',
  tags: ['accounts'],
  summary: 'the owners and industries the accounts list filters on',
  responses: { 200: jsonResponse(AccountFacets, 'the values'), ...errorResponses(500) },
});

const questionsRoute = createRoute({
  method: 'get',
  path: '/questions',
  tags: ['accounts'],
  summary: 'the assessment questions reps answer per account',
  responses: { 200: jsonResponse(QuestionList, 'the questions'), ...errorResponses(500) },
});

const answersRoute = createRoute({
  method: 'put',
  path: '/accounts/{id}/answers',
  tags: ['accounts'],
  summary:
    "record new answers to an account's assessment questions; the next scoring run uses them",
  request: {
    params: AccountParams,
    body: { content: { 'application/json': { schema: AnswersRequest } }, required: true },
  },
  responses: {
    200: jsonResponse(AnswerList, "the account's answers, newest first per question"),
    ...errorResponses(400, 404, 409, 422, 500),
  },
});

const EXPORT_COLUMNS = [
  ['accountId', 'account_id'],
  ['externalId', 'external_id'],
  ['source', 'source'],
  ['name', 'name'],
  ['industry', 'industry'],
  ['owner', 'owner'],
  ['tier', 'tier'],
  ['computedTier', 'computed_tier'],
  ['overridden', 'overridden'],
  ['category', 'category'],
  ['highValue', 'high_value'],
  ['need', 'need_score'],
  ['value', 'value_score'],
  ['behavior', 'behavior_score'],
  ['revenueTtm', 'revenue_12m'],
  ['potentialSpend', 'potential_spend'],
  ['shareOfWallet', 'share_of_wallet'],
] as const;

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

/** The list's filter and sort as the store's search takes them. */
function searchOf(q: AccountExportQuery) {
  return {
    tiers: q.tier,
    categories: q.category,
    highValue: q.highValue,
    owner: q.owner,
    industry: q.industry,
    query: q.q,
    sort: q.sort,
    descending: q.order === 'desc',
  };
}

/**
 * GET /accounts, /accounts/export.csv, /accounts/{id}, /matrix, /facets, /questions; PUT and
 * DELETE /accounts/{id}/override; PUT /accounts/{id}/answers.
 */
export function accountRoutes(store: Store) {
  return (
    createRouter()
      .openapi(listRoute, async (c) => {
        const q = c.req.valid('query');
        const result = await searchIndexedAccounts(store, {
          runId: q.run,
          search: { ...searchOf(q), limit: q.limit, offset: q.offset },
          scope: requestScope(c),
        });
        return c.json({ ...result, run: presentRun(result.run) }, 200);
      })
      // before /accounts/{id}, which would take "export.csv" for an id
      .openapi(exportRoute, async (c) => {
        const q = c.req.valid('query');
        const result = await searchIndexedAccounts(store, {
          runId: q.run,
          search: { ...searchOf(q), limit: null },
          scope: requestScope(c),
        });
        const csv = stringify(
          result.accounts.map((a) => EXPORT_COLUMNS.map(([key]) => a[key])),
          {
            header: true,
            columns: EXPORT_COLUMNS.map(([, header]) => header),
            cast: { boolean: (b) => String(b) },
          },
        );
        return c.body(csv, 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="hotspot-accounts-run-${result.run.id}.csv"`,
          'X-Hotspot-Rows': String(result.total),
        });
      })
      .openapi(matrixRoute, async (c) => {
        const matrix = await readHotspotMatrix(store, {
          runId: c.req.valid('query').run,
          scope: requestScope(c),
        });
        return c.json({ ...matrix, run: presentRun(matrix.run) }, 200);
      })
      .openapi(facetsRoute, async (c) => c.json(await accountFacets(store, requestScope(c)), 200))
      .openapi(questionsRoute, (c) => c.json({ questions: assessmentQuestions() }, 200))
      .openapi(answersRoute, async (c) => {
        const body = c.req.valid('json');
        const answers = await saveAccountAnswers(store, {
          accountId: c.req.valid('param').id,
          answers: body.answers,
          by: body.by,
          basedOn: body.basedOn,
          scope: requestScope(c),
          actor: requestActor(c),
        });
        return c.json({ answers }, 200);
      })
      .openapi(detailRoute, async (c) => {
        const detail = await readAccountDetail(store, {
          accountId: c.req.valid('param').id,
          runId: c.req.valid('query').run,
          scope: requestScope(c),
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
          basedOn: body.basedOn,
          scope: requestScope(c),
          actor: requestActor(c),
        });
        return c.json(override, 200);
      })
      .openapi(deleteOverrideRoute, async (c) => {
        await clearAccountOverride(store, {
          accountId: c.req.valid('param').id,
          scope: requestScope(c),
          actor: requestActor(c),
        });
        return c.body(null, 204);
      })
  );
}
