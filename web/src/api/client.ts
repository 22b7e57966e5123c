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

  /** Each field problem as `field: message` (validation errors list them in details.issues). */
  get fieldProblems(): string[] {
    const issues = this.details['issues'];
    if (!Array.isArray(issues)) return [];
    return issues.map((issue: { path?: unknown[]; message?: string }) =>
      [issue.path?.join('.'), issue.message].filter(Boolean).join(': '),
    );
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

async function send<T>(url: string, init: RequestInit): Promise<T> {
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
