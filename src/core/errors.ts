/** Every error code Hotspot raises on purpose. The CLI and the server map them in one place. */
export type ErrorCode =
  | 'USAGE'
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'INVALID_FILE'
  | 'ENCODING'
  | 'IMPORT_REJECTED'
  | 'CONFLICT'
  | 'TOO_LARGE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'STORE'
  | 'NOT_CONVERGED'
  | 'INTERNAL';

export type ErrorDetails = Record<string, unknown>;

/** Base class of every deliberate Hotspot error: a code from a closed union, details for machines. */
export class HotspotError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorDetails; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'HotspotError';
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** The user asked for something the command does not accept (bad flag, unknown entity). */
export class UsageError extends HotspotError {
  constructor(message: string, details?: ErrorDetails) {
    super('USAGE', message, { details });
    this.name = 'UsageError';
  }
}

/** A file could not be read as a whole (encoding, missing required column, unreadable format). */
export class InvalidFileError extends HotspotError {
  constructor(
    message: string,
    options: { details?: ErrorDetails; cause?: unknown; code?: 'INVALID_FILE' | 'ENCODING' } = {},
  ) {
    super(options.code ?? 'INVALID_FILE', message, options);
    this.name = 'InvalidFileError';
  }
}

/** The store failed (cannot open, migration failed). */
export class StoreError extends HotspotError {
  constructor(message: string, options: { details?: ErrorDetails; cause?: unknown } = {}) {
    super('STORE', message, options);
    this.name = 'StoreError';
  }
}

/** The message of anything thrown: an Error's own, anything else as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}
