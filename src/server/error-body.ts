import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import type { ErrorResponse, Issue } from '../contract/common.ts';
import { HotspotError, type ErrorCode, type ErrorDetails } from '../core/errors.ts';
import { statusForError } from './error-status.ts';

/** The JSON body of every error answer. */
export function errorBody(
  code: ErrorCode,
  message: string,
  details: ErrorDetails = {},
): ErrorResponse {
  return { error: { code, message, details } };
}

/** Request validation failed: 400, one issue per field, each naming the field's path. */
export function validationErrorResponse(c: Context, error: ZodError): Response {
  const issues: Issue[] = error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'number' ? p : String(p))),
    message: issue.message,
  }));
  const message = issues
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
  return c.json(errorBody('INVALID_INPUT', message, { issues }), 400);
}

/**
 * Any thrown error as the API's JSON error; unexpected errors hide their message. An error
 * whose details give `retryAfterSeconds` (a locked account) answers with Retry-After too.
 */
export function errorResponse(c: Context, error: unknown): Response {
  if (error instanceof HotspotError) {
    const seconds = error.details.retryAfterSeconds;
    return c.json(
      errorBody(error.code, error.message, error.details),
      statusForError(error.code),
      typeof seconds === 'number' ? { 'Retry-After': String(seconds) } : {},
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code: ErrorCode =
      status === 404 ? 'NOT_FOUND' : status >= 500 ? 'INTERNAL' : 'INVALID_INPUT';
    return c.json(errorBody(code, error.message || 'bad request'), status);
  }
  return c.json(errorBody('INTERNAL', 'unexpected error; see the server log'), 500);
}
