import type { Context, MiddlewareHandler } from 'hono';
import { hostName, isLoopbackHost } from '../../core/loopback-host.ts';
import { errorBody } from '../error-body.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Whether a request method changes something (and so needs CSRF protection). */
export function isUnsafeMethod(method: string): boolean {
  return UNSAFE_METHODS.has(method.toUpperCase());
}

/** The host (name:port) the browser addressed: Host, or X-Forwarded-Host behind a proxy. */
function addressedHosts(c: Context): string[] {
  const hosts = [new URL(c.req.url).host];
  const host = c.req.header('host');
  if (host) hosts.push(host);
  const forwarded = c.req.header('x-forwarded-host')?.split(',')[0]?.trim();
  if (forwarded) hosts.push(forwarded);
  return hosts.map((h) => h.toLowerCase());
}

function isSameOrigin(c: Context, origin: string): boolean {
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false;
  }
  const fromHost = from.host.toLowerCase();
  if (addressedHosts(c).includes(fromHost)) return true;
  // a development proxy (`npm run dev:web`) rewrites Host but not Origin: a page on this
  // machine talking to a server on this machine is not a cross-site request
  return isLoopbackHost(hostName(fromHost)) && isLoopbackHost(hostName(new URL(c.req.url).host));
}

/**
 * Refuses cross-site changes (403 FORBIDDEN): a POST, PUT, PATCH or DELETE whose Origin is
 * another site, or (without Origin) whose Sec-Fetch-Site says cross-site. Requests without
 * either header (scripts, curl) pass: they are not a browser acting for someone else. Runs
 * before authentication, so it also guards sign-in and single-user mode, which has no
 * session and so no CSRF token.
 */
export function sameOrigin(): MiddlewareHandler {
  return async (c, next) => {
    if (!isUnsafeMethod(c.req.method)) return next();
    const origin = c.req.header('origin');
    const crossSite =
      origin !== undefined
        ? !isSameOrigin(c, origin)
        : c.req.header('sec-fetch-site')?.toLowerCase() === 'cross-site';
    if (crossSite)
      return c.json(
        errorBody('FORBIDDEN', 'cross-site request refused: use Hotspot from its own address', {
          origin: origin ?? null,
        }),
        403,
      );
    return next();
  };
}
