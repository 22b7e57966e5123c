import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { assertUnreachable, type ErrorCode } from '../core/errors.ts';

/**
 * The HTTP status of each Hotspot error code, in one place. A request the server cannot make
 * sense of is 400; a well-formed one whose content is wrong (a model with problems, a file that
 * cannot be read, an import that rejected rows) is 422.
 */
export function statusForError(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'USAGE':
      return 400;
    case 'INVALID_INPUT':
    case 'INVALID_FILE':
    case 'ENCODING':
    case 'IMPORT_REJECTED':
      return 422;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'TOO_LARGE':
      return 413;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'RATE_LIMITED':
      return 429;
    case 'STORE':
    case 'NOT_CONVERGED':
    case 'INTERNAL':
      return 500;
    default:
      return assertUnreachable(code);
  }
}
