import type { Session } from '../../../src/contract/auth.ts';
import type { ErrorResponse } from '../../../src/contract/common.ts';

type ErrorCode = ErrorResponse['error']['code'];

/** An error answered by the API (or a network failure, code `NETWORK`), with a message for people. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode | 'NETWORK';
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(options: {
    code: ErrorCode | 'NETWORK';
    status: number;
    message: string;
    details?: Record<string, unknown>;
  }) {
    super(options.message);
    this.code = options.code;
    this.status = options.status;
    this.details = options.details ?? {};
  }

  /** A validation error's issues (details.issues): each field path joined by dots ('' for none). */
  get issues(): { path: string; message: string | undefined }[] {
    const issues = this.details['issues'];
    if (!Array.isArray(issues)) return [];
    return issues.map((issue: { path?: unknown[]; message?: string }) => ({
      path: (issue.path ?? []).join('.'),
      message: issue.message,
    }));
  }

  /** Each field problem as `field: message` (validation errors list them in details.issues). */
  get fieldProblems(): string[] {
    return this.issues.map(({ path, message }) => [path, message].filter(Boolean).join(': '));
  }

  /** The first problem per field path (`reason`, `answers.0.answer`); empty for other errors. */
  get fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const { path, message } of this.issues) {
      if (message && !(path in errors)) errors[path] = message;
    }
    return errors;
  }
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `/api/PATH?query` with empty values left out. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return `/api${path}${text ? `?${text}` : ''}`;
}

/** The session's CSRF token: asked once, sent on every change (undefined: not asked yet). */
let csrfToken: string | null | undefined;

async function currentCsrfToken(): Promise<string | null> {
  if (csrfToken === undefined) {
    const response = await fetch('/api/session', { headers: { accept: 'application/json' } });
    csrfToken = response.ok ? ((await response.json()) as Session).csrfToken : null;
  }
  return csrfToken;
}

/** Sends a signed-out browser to the sign-in page, coming back here afterwards. */
function toSignIn(): void {
  if (['/sign-in', '/set-password'].includes(window.location.pathname)) return;
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
}

const SIGN_IN_CALLS = ['/api/session', '/api/password'];

async function send<T>(url: string, init: RequestInit, retried = false): Promise<T> {
  const method = init.method ?? 'GET';
  const signingIn = method === 'POST' && SIGN_IN_CALLS.includes(url);
  // signing in needs no CSRF token (there is no session yet to protect)
  if (method !== 'GET' && !signingIn) {
    const token = await currentCsrfToken();
    if (token !== null) init = { ...init, headers: { ...init.headers, 'X-CSRF-Token': token } };
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError({
      code: 'NETWORK',
      status: 0,
      message: 'The Hotspot server could not be reached. Is it still running?',
    });
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as Partial<ErrorResponse> | null)?.error;
    if (response.status === 401 && !signingIn) toSignIn();
    if (response.status === 403 && error?.details?.['reason'] === 'csrf' && !retried) {
      csrfToken = undefined;
      return send<T>(url, init, true);
    }
    throw new ApiError({
      code: error?.code ?? 'INTERNAL',
      status: response.status,
      message: error?.message ?? `The server answered ${response.status}.`,
      details: error?.details ?? {},
    });
  }
  return body as T;
}

/** Typed calls to the Hotspot API: the types come from src/contract (z.infer of the same schemas). */
export const api = {
  get<T>(path: string, query?: Query): Promise<T> {
    return send<T>(apiUrl(path, query), { headers: { accept: 'application/json' } });
  },
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    return send<T>(apiUrl(path), {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  },
  upload<T>(path: string, form: FormData): Promise<T> {
    return send<T>(apiUrl(path), { method: 'POST', body: form });
  },
};
