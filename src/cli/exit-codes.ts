import { assertUnreachable, type ErrorCode } from '../core/errors.ts';

/** 0 success, 1 failure, 2 bad usage or invalid input. */
export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'USAGE':
    case 'INVALID_INPUT':
    case 'INVALID_FILE':
    case 'ENCODING':
    case 'IMPORT_REJECTED':
    case 'NOT_FOUND':
    case 'TOO_LARGE':
      return 2;
    case 'CONFLICT':
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
    case 'RATE_LIMITED':
    case 'STORE':
    case 'NOT_CONVERGED':
    case 'INTERNAL':
      return 1;
    default:
      return assertUnreachable(code);
  }
}
