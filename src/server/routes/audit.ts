import { createRoute } from '@hono/zod-openapi';
import { readAuditLog } from '../../app/audit.ts';
import { AuditLog, AuditQuery } from '../../contract/audit.ts';
import type { Store } from '../../db/store.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';

const auditRoute = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['audit'],
  summary:
    'every change (imports, model versions, scoring runs, overrides, answers, users, tokens) with who, when, before and after; newest first (admins)',
  request: { query: AuditQuery },
  responses: {
    200: jsonResponse(AuditLog, 'the entries, newest first'),
    ...errorResponses(400, 401, 403, 422, 500),
  },
});

/** GET /audit: as `hotspot audit --json`. */
export function auditRoutes(store: Store) {
  return createRouter().openapi(auditRoute, async (c) => {
    const { since, limit } = c.req.valid('query');
    return c.json({ entries: await readAuditLog(store, { since, limit }) }, 200);
  });
}
