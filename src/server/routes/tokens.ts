import { createRoute } from '@hono/zod-openapi';
import { createApiToken, listApiTokens, revokeApiToken } from '../../app/api-tokens.ts';
import {
  ApiToken,
  ApiTokenList,
  CreateApiTokenRequest,
  CreatedApiToken,
  TokenParams,
} from '../../contract/auth.ts';
import { HotspotError } from '../../core/errors.ts';
import type { Store } from '../../db/store.ts';
import { principalOf } from '../auth/principal.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['tokens'],
  summary: "API tokens: the caller's own (an admin sees everyone's), newest first, revoked too",
  responses: { 200: jsonResponse(ApiTokenList, 'the tokens'), ...errorResponses(401, 403, 500) },
});

const createTokenRoute = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['tokens'],
  summary:
    'create an API token for the caller: its secret is in this answer only (send it as `Authorization: Bearer …`)',
  request: {
    body: { content: { 'application/json': { schema: CreateApiTokenRequest } }, required: true },
  },
  responses: {
    201: jsonResponse(CreatedApiToken, 'the token and its secret'),
    ...errorResponses(400, 401, 403, 409, 422, 500),
  },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['tokens'],
  summary: "revoke an API token: the caller's own (an admin any)",
  request: { params: TokenParams },
  responses: {
    200: jsonResponse(ApiToken, 'the revoked token'),
    ...errorResponses(400, 401, 403, 404, 500),
  },
});

/** GET /tokens, POST /tokens, DELETE /tokens/{id}. */
export function tokenRoutes(store: Store, options: { now: () => Date }) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const principal = principalOf(c);
      const userId = principal.role === 'admin' ? null : principal.userId;
      return c.json({ tokens: await listApiTokens(store, { userId }) }, 200);
    })
    .openapi(createTokenRoute, async (c) => {
      const principal = principalOf(c);
      if (principal.userId === null)
        throw new HotspotError(
          'USAGE',
          'API tokens belong to a user: add one with `hotspot users add`, then create tokens for them',
        );
      const created = await createApiToken(store, {
        userId: principal.userId,
        name: c.req.valid('json').name,
        now: options.now(),
        actor: principal.email,
      });
      c.header('Cache-Control', 'no-store');
      return c.json(created, 201);
    })
    .openapi(revokeRoute, async (c) => {
      const principal = principalOf(c);
      const { id } = c.req.valid('param');
      const owner =
        principal.role === 'admin' || principal.userId === null
          ? {}
          : { ownerId: principal.userId };
      return c.json(
        await revokeApiToken(store, { id, now: options.now(), actor: principal.email, ...owner }),
        200,
      );
    });
}
