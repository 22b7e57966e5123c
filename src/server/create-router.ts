import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { ErrorResponse } from '../contract/common.ts';
import { validationErrorResponse } from './error-body.ts';

/** A resource's router: request validation failures answer 400 naming the field. */
export function createRouter(): OpenAPIHono {
  return new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) return validationErrorResponse(c, result.error);
      return undefined;
    },
  });
}

const ERROR_DESCRIPTIONS = {
  400: 'the request is malformed: `details.issues` names each field',
  401: 'not signed in: no credentials, or a session or token that is not valid (any more)',
  403: 'not allowed: the role does not permit it, or a missing CSRF token or cross-site request',
  404: 'not found',
  409: 'conflict',
  413: 'the upload is larger than the limit',
  422: 'the request is well-formed but its content is invalid',
  429: 'too many attempts: `Retry-After` says how many seconds to wait',
  500: 'unexpected error',
} as const;

type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** OpenAPI response entries for the error statuses a route answers. */
export function errorResponses<S extends ErrorStatus>(
  ...statuses: S[]
): Record<S, { description: string; content: { 'application/json': { schema: z.ZodType } } }> {
  const responses = {} as Record<
    S,
    { description: string; content: { 'application/json': { schema: z.ZodType } } }
  >;
  for (const status of statuses) {
    responses[status] = {
      description: ERROR_DESCRIPTIONS[status],
      content: { 'application/json': { schema: ErrorResponse } },
    };
  }
  return responses;
}

/** A JSON response entry for a route definition. */
export function jsonResponse<T extends z.ZodType>(
  schema: T,
  description: string,
): { description: string; content: { 'application/json': { schema: T } } } {
  return { description, content: { 'application/json': { schema } } };
}
