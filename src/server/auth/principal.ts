import type { Context } from 'hono';
import type { Principal } from '../../core/access.ts';
import { HotspotError } from '../../core/errors.ts';

/** The session a request came with (a browser signed in): the CSRF token its page was given. */
export type RequestSession = { csrfToken: string };

declare module 'hono' {
  interface ContextVariableMap {
    /** Who the request is: set by `authenticate` on every /api route that is not public. */
    principal: Principal;
    /** The session behind the request; null for API tokens and single-user mode. */
    session: RequestSession | null;
  }
}

/** The one user of a workspace without users (single-user mode), served on localhost only. */
export const LOCAL_ADMIN: Principal = {
  userId: null,
  email: 'local',
  role: 'admin',
  repId: null,
  via: 'local',
};

/** The request's principal; UNAUTHENTICATED on a route that `authenticate` did not run for. */
export function principalOf(c: Context): Principal {
  const principal = c.get('principal') as Principal | undefined;
  if (!principal) throw new HotspotError('UNAUTHENTICATED', 'sign in first');
  return principal;
}
