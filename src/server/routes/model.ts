import { createRoute } from '@hono/zod-openapi';
import {
  backtestModelDraft,
  modelVersions,
  previewModel,
  saveModelVersion,
} from '../../app/model-versions.ts';
import { backtestFigures, listStoredBacktests } from '../../app/backtest.ts';
import { currentModel, loadModelDocument } from '../../app/score-workspace.ts';
import {
  BacktestList,
  BacktestListQuery,
  ModelBacktest,
  ModelBacktestRequest,
  ModelPreview,
  ModelResponse,
  ModelVersionList,
  PreviewModelRequest,
  SaveModelRequest,
  ValidateModelRequest,
  ValidateModelResponse,
} from '../../contract/model.ts';
import { InvalidModelError } from '../../core/scoring/parse-model.ts';
import type { Store } from '../../db/store.ts';
import { requestActor } from '../auth/authorize.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';

const getModelRoute = createRoute({
  method: 'get',
  path: '/model',
  tags: ['model'],
  summary:
    'the model in force (the newest saved version, else the built-in default): its document and the parsed model',
  responses: { 200: jsonResponse(ModelResponse, 'the model'), ...errorResponses(500) },
});

const validateRoute = createRoute({
  method: 'post',
  path: '/model/validate',
  tags: ['model'],
  summary: 'validate a model document: one problem per path (as `hotspot model check`)',
  request: {
    body: { content: { 'application/json': { schema: ValidateModelRequest } }, required: true },
  },
  responses: {
    200: jsonResponse(ValidateModelResponse, 'whether the document is valid, and its problems'),
    ...errorResponses(400, 500),
  },
});

const previewRoute = createRoute({
  method: 'post',
  path: '/model/preview',
  tags: ['model'],
  summary:
    'how many accounts a model document would move between tiers, scored as the latest run was; stores nothing',
  request: {
    body: { content: { 'application/json': { schema: PreviewModelRequest } }, required: true },
  },
  responses: {
    200: jsonResponse(ModelPreview, 'tier counts before and after, and the moves'),
    ...errorResponses(400, 404, 422, 500),
  },
});

const backtestRoute = createRoute({
  method: 'post',
  path: '/model/backtest',
  tags: ['model'],
  summary:
    'backtest an edited model beside the model in force at one cutoff (as `hotspot backtest --model`); results are stored',
  request: {
    body: { content: { 'application/json': { schema: ModelBacktestRequest } }, required: true },
  },
  responses: {
    200: jsonResponse(ModelBacktest, 'both models measured at the cutoff'),
    ...errorResponses(400, 422, 500),
  },
});

const backtestsRoute = createRoute({
  method: 'get',
  path: '/backtests',
  tags: ['model'],
  summary:
    'stored backtests, newest first (`hotspot backtest --list`): each model and cutoff with what it measured',
  request: { query: BacktestListQuery },
  responses: {
    200: jsonResponse(BacktestList, 'the backtests'),
    ...errorResponses(400, 500),
  },
});

const saveRoute = createRoute({
  method: 'post',
  path: '/model/versions',
  tags: ['model'],
  summary: 'save a model document as the newest version: the model the next scoring run uses',
  request: {
    body: { content: { 'application/json': { schema: SaveModelRequest } }, required: true },
  },
  responses: {
    201: jsonResponse(ModelResponse, 'the model now in force'),
    ...errorResponses(400, 422, 500),
  },
});

const versionsRoute = createRoute({
  method: 'get',
  path: '/model/versions',
  tags: ['model'],
  summary: 'saved model versions, newest first',
  responses: { 200: jsonResponse(ModelVersionList, 'the versions'), ...errorResponses(500) },
});

function presentModel(loaded: Awaited<ReturnType<typeof currentModel>>) {
  return {
    version: loaded.version,
    savedAt: loaded.savedAt,
    savedBy: loaded.savedBy,
    name: loaded.model.name,
    hash: loaded.hash,
    yaml: loaded.document,
    model: loaded.model,
  };
}

/**
 * GET /model, POST /model/validate, POST /model/preview, POST /model/backtest, GET /backtests,
 * GET and POST /model/versions.
 */
export function modelRoutes(store: Store) {
  return createRouter()
    .openapi(getModelRoute, async (c) => c.json(presentModel(await currentModel(store)), 200))
    .openapi(validateRoute, (c) => {
      try {
        const loaded = loadModelDocument(c.req.valid('json').document, 'document');
        return c.json({ valid: true, hash: loaded.hash, problems: [] }, 200);
      } catch (error) {
        if (!(error instanceof InvalidModelError)) throw error;
        return c.json({ valid: false, hash: null, problems: error.problems }, 200);
      }
    })
    .openapi(previewRoute, async (c) =>
      c.json(await previewModel(store, c.req.valid('json').document), 200),
    )
    .openapi(backtestRoute, async (c) =>
      c.json(await backtestModelDraft(store, c.req.valid('json')), 200),
    )
    .openapi(backtestsRoute, async (c) => {
      const stored = await listStoredBacktests(store, c.req.valid('query').limit);
      return c.json(
        {
          backtests: stored.map((b) => ({
            id: b.id,
            createdAt: b.createdAt,
            runId: b.runId,
            cutoff: b.cutoff,
            horizonMonths: b.horizonMonths,
            ...backtestFigures(b),
          })),
        },
        200,
      );
    })
    .openapi(saveRoute, async (c) => {
      const body = c.req.valid('json');
      return c.json(
        presentModel(await saveModelVersion(store, { ...body, actor: requestActor(c) })),
        201,
      );
    })
    .openapi(versionsRoute, async (c) => c.json({ versions: await modelVersions(store) }, 200));
}
