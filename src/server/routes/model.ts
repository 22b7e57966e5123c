import { createRoute } from '@hono/zod-openapi';
import { loadModelDocument } from '../../app/score-workspace.ts';
import { loadModel } from '../../app/score-workspace.ts';
import {
  ModelResponse,
  ValidateModelRequest,
  ValidateModelResponse,
} from '../../contract/model.ts';
import { InvalidModelError } from '../../core/scoring/parse-model.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';

const getModelRoute = createRoute({
  method: 'get',
  path: '/model',
  tags: ['model'],
  summary: 'the default scoring model: its YAML document (with comments) and the parsed model',
  responses: { 200: jsonResponse(ModelResponse, 'the default model'), ...errorResponses(500) },
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

/** GET /model, POST /model/validate. */
export function modelRoutes() {
  return createRouter()
    .openapi(getModelRoute, (c) => {
      const loaded = loadModel();
      return c.json(
        {
          name: loaded.model.name,
          hash: loaded.hash,
          yaml: loaded.document,
          model: loaded.model,
        },
        200,
      );
    })
    .openapi(validateRoute, (c) => {
      try {
        const loaded = loadModelDocument(c.req.valid('json').document, 'document');
        return c.json({ valid: true, hash: loaded.hash, problems: [] }, 200);
      } catch (error) {
        if (!(error instanceof InvalidModelError)) throw error;
        return c.json({ valid: false, hash: null, problems: error.problems }, 200);
      }
    });
}
