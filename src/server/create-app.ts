import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { pino, type Logger } from 'pino';
import { CSRF_HEADER, SESSION_COOKIE } from '../contract/auth.ts';
import type { Store } from '../db/store.ts';
import { authenticate } from './auth/authenticate.ts';
import { authorize } from './auth/authorize.ts';
import {
  clientAddress,
  limitFailures,
  SIGN_IN_LIMIT,
  type FailureLimit,
} from './auth/rate-limit.ts';
import { sameOrigin } from './auth/same-origin.ts';
import { errorBody, errorResponse } from './error-body.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { reuseStamps } from '../app/account-index.ts';
import { requestLog } from './request-log.ts';
import { accountRoutes } from './routes/accounts.ts';
import { auditRoutes } from './routes/audit.ts';
import { exportRoutes } from './routes/exports.ts';
import { importRoutes } from './routes/imports.ts';
import { modelRoutes } from './routes/model.ts';
import { reportRoutes } from './routes/reports.ts';
import { runRoutes } from './routes/runs.ts';
import { authRoutes } from './routes/session.ts';
import { statusRoutes } from './routes/status.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { securityHeaders } from './security-headers.ts';

export type AppOptions = {
  store: Store;
  /** Where files that outlive a request are kept (an import's rejected rows). */
  filesDir: string;
  /** Request and error logs (default: silent). */
  logger?: Logger;
  /** The largest upload accepted, in bytes (default UPLOAD_LIMIT). */
  uploadLimit?: number;
  /** The built web app (index.html and assets/) to serve at /; none when absent. */
  webDir?: string;
  /** The clock of sessions, lockouts and rate limits (default: the system clock). */
  now?: () => Date;
  /**
   * Behind a reverse proxy: take the client's address from X-Forwarded-For (default false: the
   * socket's peer). Only set it when a proxy you run always sets that header.
   */
  trustProxy?: boolean;
  /** Failed sign-in and set-password attempts allowed per client address (default SIGN_IN_LIMIT). */
  signInLimit?: FailureLimit;
};

/** 1 GiB: a CRM export of several million rows. */
export const UPLOAD_LIMIT = 1024 ** 3;

/** 1 MiB: the largest JSON body of any other /api request (a model document is a few KiB). */
export const JSON_LIMIT = 1024 ** 2;

/**
 * The HTTP API: JSON under /api (one router per resource), its OpenAPI 3.1 document at
 * /api/openapi.json, and /healthz. Every error answers `{ error: { code, message, details } }`.
 */
export function createApp(options: AppOptions): OpenAPIHono {
  const logger = options.logger ?? pino({ level: 'silent' });
  const { store } = options;
  const now = options.now ?? ((): Date => new Date());
  const app = new OpenAPIHono();
  app.use(securityHeaders());
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
  const uploadLimit = options.uploadLimit ?? UPLOAD_LIMIT;
  app.use(
    '/api/imports/*',
    bodyLimit({
      maxSize: uploadLimit,
      onError: (c) =>
        c.json(
          errorBody(
            'TOO_LARGE',
            `the upload is larger than ${(uploadLimit / 1024 ** 2).toFixed(0)} MB; import a file this large with \`hotspot import\``,
            { limit: uploadLimit },
          ),
          413,
        ),
    }),
  );
  const jsonLimit = bodyLimit({
    maxSize: JSON_LIMIT,
    onError: (c) =>
      c.json(
        errorBody('TOO_LARGE', 'the request body is larger than 1 MB', { limit: JSON_LIMIT }),
        413,
      ),
  });
  // imports have their own, larger limit
  const jsonLimitBesideImports: MiddlewareHandler = (c, next) =>
    c.req.path.startsWith('/api/imports/') ? next() : jsonLimit(c, next);
  app.use('/api/*', jsonLimitBesideImports);
  app.use('/api/matrix', compress());
  app.use('/api/*', sameOrigin());
  const signInLimiter = limitFailures({
    limit: options.signInLimit ?? SIGN_IN_LIMIT,
    now,
    clientKey: (c) => clientAddress(c, options.trustProxy ?? false),
  });
  const signInOnly: MiddlewareHandler = (c, next) =>
    c.req.method === 'POST' ? signInLimiter(c, next) : next();
  app.use('/api/session', signInOnly);
  app.use('/api/password', signInLimiter);
  // reads reuse the workspace's stamp for a second; this process's writes refresh it at once
  reuseStamps(store, 1000);
  // the embedded store is one connection; PostgreSQL gives each request its own from the pool
  if (store.engine === 'duckdb') app.use('/api/*', oneAtATime());
  app.use('/api/*', authenticate(store, { now }));
  // roles, in one place (src/server/auth/authorize.ts): every /api route's permission
  app.use('/api/*', authorize());
  app.route('/api', authRoutes(store, { now }));
  app.route('/api', tokenRoutes(store, { now }));
  app.route('/api', statusRoutes(store));
  app.route('/api', runRoutes(store));
  app.route('/api', accountRoutes(store));
  app.route('/api', reportRoutes(store));
  app.route('/api', exportRoutes(store));
  app.route('/api', importRoutes(store, { filesDir: options.filesDir }));
  app.route('/api', modelRoutes(store));
  app.route('/api', auditRoutes(store));
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'an API token (`hotspot tokens create`): `Authorization: Bearer hsp_…`',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: `the browser's session (POST /api/session); changes also need the ${CSRF_HEADER} header`,
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    // every route needs one of them, except those that say otherwise (signing in)
    security: [{ apiToken: [] }, { session: [] }],
    info: {
      title: 'Hotspot API',
      version: '0.1.0',
      description:
        'Score, tier and plan B2B accounts. Errors answer `{ error: { code, message, details } }`; validation errors (400) list `details.issues` with the path of each field.',
    },
  });
  if (options.webDir) serveWebApp(app, options.webDir);
  return app;
}

/**
 * The single-page app: its files as they are (hashed assets cached for a year), and index.html
 * for every other path that is not the API, so that a deep link such as /accounts/12 opens.
 */
function serveWebApp(app: OpenAPIHono, webDir: string): void {
  const indexPath = join(webDir, 'index.html');
  if (!existsSync(indexPath))
    throw new Error(
      `createApp: ${webDir} has no index.html (build the web app with npm run build)`,
    );
  const index = readFileSync(indexPath, 'utf8');
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', compress());
  app.use('/*', serveStatic({ root: webDir }));
  app.get('*', (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/')) return next();
    return c.html(index, 200, { 'Cache-Control': 'no-cache' });
  });
}
