import { createRoute } from '@hono/zod-openapi';
import { WorkspaceStatus } from '../../contract/status.ts';
import { readStatus } from '../../app/workspace-status.ts';
import type { Store } from '../../db/store.ts';
import { requestScope } from '../auth/authorize.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';

const getStatus = createRoute({
  method: 'get',
  path: '/status',
  tags: ['workspace'],
  summary: 'records per entity, the latest imports and the match-quality report',
  responses: {
    200: jsonResponse(WorkspaceStatus, 'what the workspace holds'),
    ...errorResponses(500),
  },
});

/** GET /status: as `hotspot status --json`. */
export function statusRoutes(store: Store) {
  return createRouter().openapi(getStatus, async (c) =>
    c.json(await readStatus(store, { scope: requestScope(c) }), 200),
  );
}
