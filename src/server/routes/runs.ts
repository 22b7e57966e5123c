import { createRoute } from '@hono/zod-openapi';
import { listScoreRuns } from '../../app/account-detail.ts';
import { loadModelDocument } from '../../app/score-workspace.ts';
import { resolveRun } from '../../app/portfolio.ts';
import { replayRun, scoreWorkspace } from '../../app/score-workspace.ts';
import type { Issue } from '../../contract/common.ts';
import {
  MigrationQuery,
  RunDetail,
  RunList,
  RunParams,
  ScoreRequest,
  ScoreResult,
  TierMigration,
} from '../../contract/runs.ts';
import { tierMigration } from '../../app/tier-migration.ts';
import { HotspotError, UsageError } from '../../core/errors.ts';
import type { RunCriterion } from '../../core/scoring/explanation-codec.ts';
import { InvalidModelError } from '../../core/scoring/parse-model.ts';
import type { Store } from '../../db/store.ts';
import { requestActor, requestScope } from '../auth/authorize.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';
import { presentRun } from '../present.ts';

const migrationRoute = createRoute({
  method: 'get',
  path: '/migration',
  tags: ['runs'],
  summary:
    'how accounts moved between the tiers of two scoring runs (as `hotspot migration`), and why',
  request: { query: MigrationQuery },
  responses: {
    200: jsonResponse(TierMigration, 'tier flows and the accounts that moved'),
    ...errorResponses(400, 404, 500),
  },
});

const listRunsRoute = createRoute({
  method: 'get',
  path: '/runs',
  tags: ['runs'],
  summary: 'the scoring runs, newest first',
  responses: { 200: jsonResponse(RunList, 'the runs'), ...errorResponses(500) },
});

const getRunRoute = createRoute({
  method: 'get',
  path: '/runs/{id}',
  tags: ['runs'],
  summary: 'one run with its criteria and exact model document',
  request: { params: RunParams },
  responses: { 200: jsonResponse(RunDetail, 'the run'), ...errorResponses(400, 404, 500) },
});

const scoreRoute = createRoute({
  method: 'post',
  path: '/runs',
  tags: ['runs'],
  summary: 'score every account and store the run (as `hotspot score`)',
  request: {
    body: { content: { 'application/json': { schema: ScoreRequest } }, required: false },
  },
  responses: {
    201: jsonResponse(ScoreResult, 'the run just stored'),
    ...errorResponses(400, 404, 422, 500),
  },
});

/** A model document with problems: 422, one issue per problem, its path under `model`. */
function invalidModel(error: InvalidModelError): HotspotError {
  const issues: Issue[] = error.problems.map((p) => ({
    path: [
      'model',
      ...(/^line \d+$|^\(document\)$/.test(p.path)
        ? []
        : p.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s))),
    ],
    message: /^line \d+$/.test(p.path) ? `${p.path}: ${p.message}` : p.message,
  }));
  return new HotspotError('INVALID_INPUT', error.message, { details: { issues } });
}

/** GET /runs, GET /runs/{id}, POST /runs (score, or replay a run). */
export function runRoutes(store: Store) {
  return createRouter()
    .openapi(listRunsRoute, async (c) =>
      c.json({ runs: (await listScoreRuns(store)).map(presentRun) }, 200),
    )
    .openapi(migrationRoute, async (c) => {
      const q = c.req.valid('query');
      const migration = await tierMigration(store, {
        fromRunId: q.from,
        toRunId: q.to,
        limit: q.limit,
        scope: requestScope(c),
      });
      return c.json(
        { ...migration, from: presentRun(migration.from), to: presentRun(migration.to) },
        200,
      );
    })
    .openapi(getRunRoute, async (c) => {
      const run = await resolveRun(store, c.req.valid('param').id);
      return c.json(
        {
          ...presentRun(run),
          criteria: JSON.parse(run.criteria) as RunCriterion[],
          modelDocument: run.modelDocument,
        },
        200,
      );
    })
    .openapi(scoreRoute, async (c) => {
      const body = c.req.valid('json');
      if (body.replay !== undefined) {
        if (body.model || body.asOf || body.stage || body.productLine)
          throw new UsageError(
            'replay takes the model, as-of date, stage and product line of the run it replays',
            { issues: [{ path: ['replay'], message: 'give replay alone' }] },
          );
        await resolveRun(store, body.replay); // an unknown run is 404, not a usage error
        const run = await replayRun(store, body.replay, { actor: requestActor(c) });
        return c.json(
          { ...presentRun(run), tierCounts: run.tierCounts, tierChanges: run.tierChanges },
          201,
        );
      }
      let model;
      try {
        model = body.model === undefined ? undefined : loadModelDocument(body.model, 'model');
      } catch (error) {
        throw error instanceof InvalidModelError ? invalidModel(error) : error;
      }
      const run = await scoreWorkspace(store, {
        asOf: body.asOf,
        model,
        stage: body.stage,
        productLine: body.productLine,
        actor: requestActor(c),
      });
      return c.json(
        { ...presentRun(run), tierCounts: run.tierCounts, tierChanges: run.tierChanges },
        201,
      );
    });
}
