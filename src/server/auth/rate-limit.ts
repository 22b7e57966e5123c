import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { errorBody } from '../error-body.ts';

/** At most `failures` failed attempts per client address within `windowMs`. */
export type FailureLimit = { failures: number; windowMs: number };

/** Sign-in and password attempts: 20 failures per address per 15 minutes. */
export const SIGN_IN_LIMIT: FailureLimit = { failures: 20, windowMs: 15 * 60_000 };

/** Addresses remembered at most; the oldest are forgotten first (a flood cannot exhaust memory). */
const MAX_CLIENTS = 10_000;

/**
 * The client's address: the socket's peer, or with `trustProxy` the address the nearest proxy
 * saw (the last X-Forwarded-For entry: earlier ones are whatever the client claimed).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // in-process requests (tests) have no socket
    return 'unknown';
  }
}

/**
 * Limits failed attempts per client address (in memory, per server process): once an address
 * has `failures` failed answers (status 400 and up) within the window, it gets 429
 * RATE_LIMITED with Retry-After until the oldest of them leaves the window.
 */
export function limitFailures(options: {
  limit: FailureLimit;
  now: () => Date;
  clientKey: (c: Context) => string;
}): MiddlewareHandler {
  const { limit } = options;
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number): number[] => {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < limit.windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return async (c, next) => {
    const key = options.clientKey(c);
    const now = options.now().getTime();
    const seen = recent(key, now);
    const oldest = seen[0];
    if (seen.length >= limit.failures && oldest !== undefined) {
      const retryAfter = Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
      const minutes = Math.ceil(retryAfter / 60);
      return c.json(
        errorBody(
          'RATE_LIMITED',
          `too many failed attempts from your network: try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
          { reason: 'address', retryAfterSeconds: retryAfter },
        ),
        429,
        { 'Retry-After': String(retryAfter) },
      );
    }
    await next();
    if (c.res.status < 400) return undefined;
    // re-inserting moves the address to the end: the map's first keys are the stalest
    failures.delete(key);
    failures.set(key, [...seen, now]);
    for (const stale of failures.keys()) {
      if (failures.size <= MAX_CLIENTS) break;
      failures.delete(stale);
    }
    return undefined;
  };
}
