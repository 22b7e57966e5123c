import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { SignedIn } from '../../app/sign-in.ts';
import { setPassword, signIn } from '../../app/sign-in.ts';
import { endSession } from '../../app/sessions.ts';
import { signOutEverywhere } from '../../app/users.ts';
import { Session, SetPasswordRequest, SignInRequest } from '../../contract/auth.ts';
import { HotspotError } from '../../core/errors.ts';
import type { Store } from '../../db/store.ts';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../auth/cookies.ts';
import { principalOf } from '../auth/principal.ts';
import { createRouter, errorResponses, jsonResponse } from '../create-router.ts';

const signInRoute = createRoute({
  method: 'post',
  path: '/session',
  tags: ['session'],
  summary:
    'sign in with email and password: sets the session cookie and answers the CSRF token to send on changes',
  security: [],
  request: {
    body: { content: { 'application/json': { schema: SignInRequest } }, required: true },
  },
  responses: {
    200: jsonResponse(Session, 'signed in'),
    ...errorResponses(400, 401, 403, 429, 500),
  },
});

const whoAmIRoute = createRoute({
  method: 'get',
  path: '/session',
  tags: ['session'],
  summary:
    'who the request is, the CSRF token of its session, and whether this is single-user mode',
  responses: { 200: jsonResponse(Session, 'the principal'), ...errorResponses(401, 500) },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/session',
  tags: ['session'],
  summary: "sign out: ends this browser's session and clears its cookie",
  responses: { 204: { description: 'signed out' }, ...errorResponses(401, 403, 500) },
});

const everywhereRoute = createRoute({
  method: 'post',
  path: '/session/everywhere',
  tags: ['session'],
  summary: 'sign out everywhere: ends every session of the signed-in user, on every device',
  responses: {
    204: { description: 'signed out everywhere' },
    ...errorResponses(400, 401, 403, 500),
  },
});

const setPasswordRoute = createRoute({
  method: 'post',
  path: '/password',
  tags: ['session'],
  summary:
    'set a password with the token of a one-time link (first sign-in or reset), then sign in',
  security: [],
  request: {
    body: { content: { 'application/json': { schema: SetPasswordRequest } }, required: true },
  },
  responses: {
    200: jsonResponse(Session, 'the password is set and the user signed in'),
    ...errorResponses(400, 401, 403, 422, 429, 500),
  },
});

/** A new session: the cookie (replacing any previous session of this browser) and the answer. */
async function answerSignedIn(c: Context, store: Store, signedIn: SignedIn) {
  const previous = sessionToken(c);
  if (previous !== undefined) await endSession(store, previous);
  setSessionCookie(c, signedIn.session.token);
  c.header('Cache-Control', 'no-store');
  return {
    user: signedIn.principal,
    csrfToken: signedIn.session.csrfToken,
    singleUser: false,
  };
}

/**
 * The session resource: POST /session (sign in), GET /session (who am I), DELETE /session
 * (sign out), POST /session/everywhere, POST /password (set a password with a one-time link).
 */
export function authRoutes(store: Store, options: { now: () => Date }) {
  return createRouter()
    .openapi(signInRoute, async (c) => {
      const { email, password } = c.req.valid('json');
      const signedIn = await signIn(store, { email, password, now: options.now() });
      return c.json(await answerSignedIn(c, store, signedIn), 200);
    })
    .openapi(whoAmIRoute, (c) => {
      const principal = principalOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json(
        {
          user: principal,
          csrfToken: c.get('session')?.csrfToken ?? null,
          singleUser: principal.via === 'local',
        },
        200,
      );
    })
    .openapi(signOutRoute, async (c) => {
      const token = sessionToken(c);
      if (token !== undefined) await endSession(store, token);
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .openapi(everywhereRoute, async (c) => {
      const principal = principalOf(c);
      if (principal.userId === null)
        throw new HotspotError(
          'USAGE',
          'single-user mode has no sessions to end: add users with `hotspot users add`',
        );
      await signOutEverywhere(store, principal.userId);
      clearSessionCookie(c);
      return c.body(null, 204);
    })
    .openapi(setPasswordRoute, async (c) => {
      const { token, password } = c.req.valid('json');
      const signedIn = await setPassword(store, {
        setupToken: token,
        password,
        now: options.now(),
      });
      return c.json(await answerSignedIn(c, store, signedIn), 200);
    });
}
