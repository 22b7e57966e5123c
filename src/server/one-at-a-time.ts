import type { MiddlewareHandler } from 'hono';

/**
 * Runs requests one after another. The embedded store is one database connection whose
 * transactions are connection-wide: a request's reads must not land inside another request's
 * import or scoring transaction (or its dry-run rollback).
 */
export function oneAtATime(): MiddlewareHandler {
  let queue: Promise<void> = Promise.resolve();
  return async (_c, next) => {
    const previous = queue;
    let release = (): void => {};
    queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      await next();
    } finally {
      release();
    }
  };
}
