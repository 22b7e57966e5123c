import type { Context, MiddlewareHandler } from 'hono';
import { checkApiToken, type ApiTokenRefusal } from '../../app/api-tokens.ts';
import { secretsEqual } from '../../app/secrets.ts';
import { checkSession, type SessionRefusal } from '../../app/sessions.ts';
import { hasUsers } from '../../app/users.ts';
import { CSRF_HEADER } from '../../contract/auth.ts';
import { isLoopbackHost } from '../../core/loopback-host.ts';
import type { Store } from '../../db/store.ts';
import { errorBody } from '../error-body.ts';
import { ruleFor } from './authorize.ts';
import { clearSessionCookie, sessionToken } from './cookies.ts';
import { LOCAL_ADMIN } from './principal.ts';
import { isUnsafeMethod } from './same-origin.ts';

/**
 * Whether a request needs no principal: its rule in the permission table (authorize.ts) is
 * `public` (signing in, setting a password, the API's description).
 */
function isPublicRoute(method: string, path: string): boolean {
  return ruleFor(method, path)?.permission === 'public';
}

const SESSION_MESSAGES: Record<SessionRefusal, string> = {
  unknown: 'your session is not valid: sign in again',
  expired: 'your session expired: sign in again',
  'signed-out': 'you were signed out: sign in again',
  disabled: 'this account is disabled; ask an admin to enable it',
};

const TOKEN_MESSAGES: Record<ApiTokenRefusal, string> = {
  unknown: 'the API token is not valid',
  revoked: 'the API token was revoked',
  disabled: "the API token's user is disabled",
};

function unauthenticated(c: Context, message: string, reason: string): Response {
  return c.json(errorBody('UNAUTHENTICATED', message, { reason }), 401);
}

/**
 * Says who each /api request is, as `c.get('principal')`: the user of a Bearer API token, or of
 * the session cookie, or (when the workspace has no users) the local admin. A session's
 * changes (POST, PUT, PATCH, DELETE) must carry its CSRF token in X-CSRF-Token (403 otherwise);
 * API tokens are exempt, as no browser sends them by itself. A missing, tampered, expired or
 * signed-out credential answers 401 UNAUTHENTICATED. Single-user mode answers only requests
 * addressed to localhost (a DNS-rebinding page cannot borrow the local admin). Public routes
 * (sign-in, set password, OpenAPI) pass untouched.
 */
export function authenticate(store: Store, options: { now: () => Date }): MiddlewareHandler {
  return async (c, next) => {
    if (isPublicRoute(c.req.method, c.req.path)) return next();
    if (!(await hasUsers(store))) {
      if (!isLoopbackHost(new URL(c.req.url).hostname))
        return c.json(
          errorBody(
            'FORBIDDEN',
            'single-user mode answers on localhost only: add users (`hotspot users add`) to serve other addresses',
          ),
          403,
        );
      c.set('principal', LOCAL_ADMIN);
      c.set('session', null);
      return next();
    }
    const now = options.now();
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1])
        return unauthenticated(c, 'the Authorization header must be `Bearer TOKEN`', 'malformed');
      const checked = await checkApiToken(store, { token: match[1], now });
      if (!checked.ok) return unauthenticated(c, TOKEN_MESSAGES[checked.reason], checked.reason);
      c.set('principal', checked.principal);
      c.set('session', null);
      return next();
    }
    const token = sessionToken(c);
    if (token === undefined) return unauthenticated(c, 'sign in first', 'none');
    const checked = await checkSession(store, { token, now });
    if (!checked.ok) {
      clearSessionCookie(c);
      return unauthenticated(c, SESSION_MESSAGES[checked.reason], checked.reason);
    }
    if (isUnsafeMethod(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (sent === undefined || !secretsEqual(sent, checked.csrfToken))
        return c.json(
          errorBody(
            'FORBIDDEN',
            `the request lacks a valid ${CSRF_HEADER} header: reload the page and try again`,
            { reason: 'csrf' },
          ),
          403,
        );
    }
    c.set('principal', checked.principal);
    c.set('session', { csrfToken: checked.csrfToken });
    return next();
  };
}
