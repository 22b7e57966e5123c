import { OpenAPIHono } from '@hono/zod-openapi';
import { pino, type Logger } from 'pino';
import type { Store } from '../db/store.ts';
import { errorBody, errorResponse } from './error-body.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { requestLog } from './request-log.ts';
import { accountRoutes } from './routes/accounts.ts';
import { exportRoutes } from './routes/exports.ts';
import { importRoutes } from './routes/imports.ts';
import { modelRoutes } from './routes/model.ts';
import { reportRoutes } from './routes/reports.ts';
import { runRoutes } from './routes/runs.ts';
import { statusRoutes } from './routes/status.ts';

export type AppOptions = {
  store: Store;
  /** Request and error logs (default: silent). */
  logger?: Logger;
};

/**
 * The HTTP API: JSON under /api (one router per resource), its OpenAPI 3.1 document at
 * /api/openapi.json, and /healthz. Every error answers `{ error: { code, message, details } }`.
 */
export function createApp(options: AppOptions): OpenAPIHono {
  const logger = options.logger ?? pino({ level: 'silent' });
  const { store } = options;
  const app = new OpenAPIHono();
  app.use(requestLog(logger));
  app.onError((error, c) => {
    const response = errorResponse(c, error);
    if (response.status >= 500) logger.error({ err: error, path: c.req.path }, 'request failed');
    return response;
  });
  app.notFound((c) =>
    c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404),
  );

  app.get('/healthz', (c) => c.json({ ok: true as const }, 200));
  app.use('/api/*', oneAtATime());
  app.route('/api', statusRoutes(store));
  app.route('/api', runRoutes(store));
  app.route('/api', accountRoutes(store));
  app.route('/api', reportRoutes(store));
  app.route('/api', exportRoutes(store));
  app.route('/api', importRoutes(store));
  app.route('/api', modelRoutes());
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Hotspot API',
      version: '0.1.0',
      description:
        'Score, tier and plan B2B accounts. Errors answer `{ error: { code, message, details } }`; validation errors (400) list `details.issues` with the path of each field.',
    },
  });
  return app;
}
