import type { Context, MiddlewareHandler } from 'hono';
import { accountScopeOf, type AccountScope, type Role } from '../../core/access.ts';
import { HotspotError } from '../../core/errors.ts';
import { errorBody } from '../error-body.ts';
import { principalOf } from './principal.ts';

/*
 * Who may call which route, in one table (DESIGN §10, issue 5 item 3). `authorize()` runs after
 * `authenticate` on every /api request: a route that is not in the table is refused, whatever
 * the role; a role without the route's permission answers 403 FORBIDDEN. What a manager may see
 * *within* a route they may call (their own and assigned accounts) is the account scope,
 * `requestScope(c)`, which every route over accounts passes into its use case; an account
 * outside it answers 404 NOT_FOUND, as an unknown id does, so that ids cannot be probed.
 */

/**
 * - `public`: anyone, signed in or not (signing in, setting a password, the API description).
 * - `signed-in`: any role, about themselves (their session, their own API tokens).
 * - `read`: any role; a manager sees only their own and assigned accounts through it.
 * - `read-all`: workspace-wide data that cannot be narrowed to a manager's accounts (import
 *   files hold every manager's rows; a model preview re-scores every account): admin, leader,
 *   viewer.
 * - `plan`: plans, overrides, assessment answers: admin, leader, and a manager on their own
 *   accounts (the scope makes another's a 404).
 * - `shared-data`: imports and scoring runs change what everyone sees: admin, leader.
 * - `admin`: the model in force, users, everyone's tokens, the audit log.
 */
export type Permission =
  'public' | 'signed-in' | 'read' | 'read-all' | 'plan' | 'shared-data' | 'admin';

/** The roles each permission admits. */
const ROLES_BY_PERMISSION: Record<Exclude<Permission, 'public'>, readonly Role[]> = {
  'signed-in': ['admin', 'leader', 'manager', 'viewer'],
  read: ['admin', 'leader', 'manager', 'viewer'],
  'read-all': ['admin', 'leader', 'viewer'],
  plan: ['admin', 'leader', 'manager'],
  'shared-data': ['admin', 'leader'],
  admin: ['admin'],
};

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type RouteRule = {
  method: HttpMethod;
  /** The full path as the OpenAPI document writes it, parameters in braces: /api/accounts/{id}. */
  path: string;
  permission: Permission;
};

const rule = (method: HttpMethod, path: string, permission: Permission): RouteRule => ({
  method,
  path,
  permission,
});

/** Every /api route and the permission it needs. A route missing here cannot be called. */
export const ROUTE_PERMISSIONS: readonly RouteRule[] = [
  // the API's description; signing in and setting a password (authenticate's public routes)
  rule('GET', '/api/openapi.json', 'public'),
  rule('POST', '/api/session', 'public'),
  rule('POST', '/api/password', 'public'),

  // the caller's own session and API tokens (an admin lists and revokes everyone's tokens:
  // the handlers narrow to the caller's own for other roles)
  rule('GET', '/api/session', 'signed-in'),
  rule('DELETE', '/api/session', 'signed-in'),
  rule('POST', '/api/session/everywhere', 'signed-in'),
  rule('GET', '/api/tokens', 'signed-in'),
  rule('POST', '/api/tokens', 'signed-in'),
  rule('DELETE', '/api/tokens/{id}', 'signed-in'),

  // workspace
  rule('GET', '/api/status', 'read'), // managers: counts without the import log
  rule('GET', '/api/questions', 'read'),

  // scoring runs: reading them is reading the model; a run re-tiers every account
  rule('GET', '/api/runs', 'read'),
  rule('GET', '/api/runs/{id}', 'read'),
  rule('GET', '/api/migration', 'read'),
  rule('POST', '/api/runs', 'shared-data'),
  rule('POST', '/api/model/backtest', 'shared-data'),
  // whole-book figures of past backtests
  rule('GET', '/api/backtests', 'read-all'),

  // accounts (scoped)
  rule('GET', '/api/accounts', 'read'),
  rule('GET', '/api/accounts/export.csv', 'read'),
  rule('GET', '/api/accounts/{id}', 'read'),
  rule('PUT', '/api/accounts/{id}/override', 'plan'),
  rule('DELETE', '/api/accounts/{id}/override', 'plan'),
  rule('PUT', '/api/accounts/{id}/answers', 'plan'),
  rule('GET', '/api/matrix', 'read'),
  rule('GET', '/api/facets', 'read'),

  // reports and exports (scoped)
  rule('GET', '/api/report', 'read'),
  rule('GET', '/api/lifecycle/{report}', 'read'),
  rule('GET', '/api/export', 'read'),

  // imports: shared data; their files hold every manager's rows
  rule('POST', '/api/imports/{entity}/preview', 'shared-data'),
  rule('POST', '/api/imports/{entity}', 'shared-data'),
  rule('GET', '/api/imports', 'read-all'),
  rule('GET', '/api/imports/{id}/rejections', 'read-all'),
  rule('GET', '/api/imports/{id}/errors', 'read-all'),

  // the model: everyone may read and check it; only admins change it
  rule('GET', '/api/model', 'read'),
  rule('POST', '/api/model/validate', 'read'),
  rule('POST', '/api/model/preview', 'read-all'),
  rule('GET', '/api/model/versions', 'read'),
  rule('POST', '/api/model/versions', 'admin'),

  // the audit log
  rule('GET', '/api/audit', 'admin'),
];

type CompiledRule = RouteRule & { segments: (string | null)[]; literals: number };

/** Path segments; null where a `{parameter}` matches any one segment. */
function segmentsOf(path: string): (string | null)[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => (/^\{[^}]+\}$/.test(s) ? null : s));
}

function compile(rules: readonly RouteRule[]): CompiledRule[] {
  const seen = new Set<string>();
  return rules.map((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) throw new Error(`authorize: ${key} is in the permission table twice`);
    seen.add(key);
    const segments = segmentsOf(r.path);
    return { ...r, segments, literals: segments.filter((s) => s !== null).length };
  });
}

const COMPILED = compile(ROUTE_PERMISSIONS);

/**
 * The rule for a request (HEAD as GET), or null when none matches. Where a literal segment and
 * a parameter both match (/api/accounts/export.csv and /api/accounts/{id}), the literal wins,
 * as it does in the router.
 */
export function ruleFor(method: string, path: string): RouteRule | null {
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const parts = path.split('/').slice(1);
  let best: CompiledRule | null = null;
  for (const r of COMPILED) {
    if (r.method !== verb || r.segments.length !== parts.length) continue;
    const matches = r.segments.every((s, i) => {
      const part = parts[i] ?? '';
      return s === null ? part !== '' : s === part;
    });
    if (matches && (!best || r.literals > best.literals)) best = r;
  }
  return best && { method: best.method, path: best.path, permission: best.permission };
}

/** Whether a role holds a permission. */
function isAllowed(permission: Permission, role: Role): boolean {
  return permission === 'public' || ROLES_BY_PERMISSION[permission].includes(role);
}

/**
 * The one place the server enforces roles: applied to /api/* after `authenticate`. A request
 * that matches no rule answers 404 NOT_FOUND, as an unknown URL does (a route someone adds
 * without a rule cannot be reached; the table test names it); a public rule passes; otherwise
 * the principal's role must hold the rule's permission, or 403 FORBIDDEN.
 */
export function authorize(): MiddlewareHandler {
  return async (c, next) => {
    const found = ruleFor(c.req.method, c.req.path);
    if (!found)
      return c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404);
    if (found.permission === 'public') return next();
    const principal = principalOf(c);
    if (!isAllowed(found.permission, principal.role))
      throw new HotspotError(
        'FORBIDDEN',
        `a ${principal.role} may not ${found.method} ${found.path}`,
        { details: { role: principal.role, permission: found.permission } },
      );
    return next();
  };
}

/** The accounts the request's principal may see: a manager's own and assigned ones, or all. */
export function requestScope(c: Context): AccountScope {
  return accountScopeOf(principalOf(c));
}

/** Who makes the request's changes, for the audit log: the user's email, or `local`. */
export function requestActor(c: Context): string {
  return principalOf(c).email;
}
