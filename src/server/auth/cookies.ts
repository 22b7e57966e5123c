import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_POLICY } from '../../app/sessions.ts';
import { SESSION_COOKIE } from '../../contract/auth.ts';

/**
 * Whether the browser reached us over HTTPS: directly, or through a proxy that says so in
 * X-Forwarded-Proto (trusting it is harmless: at worst a cookie is marked Secure needlessly).
 */
function isHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  if (forwarded) return forwarded === 'https';
  return new URL(c.req.url).protocol === 'https:';
}

/** The session token the request's cookie holds, if any. */
export function sessionToken(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/**
 * Sets the session cookie: HttpOnly (scripts never read it), SameSite=Lax (not sent on
 * cross-site POSTs), Secure over HTTPS, kept by the browser for the session's longest life (the
 * server enforces the shorter idle expiry).
 */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: Math.floor(SESSION_POLICY.maxMs / 1000),
  });
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
  });
}
