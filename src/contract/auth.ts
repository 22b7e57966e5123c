import { z } from 'zod';
import { IdText } from './common.ts';

/** Who may do what; mirrors the domain's roles (a server test keeps them equal). */
export const ROLE_VALUES = ['admin', 'leader', 'manager', 'viewer'] as const;
export const Role = z.enum(ROLE_VALUES);

/** The header a browser sends its session's CSRF token in, on POST, PUT, PATCH and DELETE. */
export const CSRF_HEADER = 'X-CSRF-Token';

/** The cookie that holds a browser's session token (HttpOnly: scripts never see it). */
export const SESSION_COOKIE = 'hotspot_session';

/** The person (or script) behind a request. */
export const SessionUser = z
  .object({
    userId: z.number().int().nullable().meta({ description: 'null for the local admin' }),
    email: z.string(),
    role: Role,
    repId: z.number().int().nullable().meta({ description: 'the rep this user is, if any' }),
    via: z.enum(['session', 'token', 'local']).meta({
      description:
        '`session`: a signed-in browser; `token`: an API token; `local`: single-user mode (no users defined)',
    }),
  })
  .meta({ id: 'SessionUser' });
export type SessionUser = z.infer<typeof SessionUser>;

/** Who is signed in, and what a browser must send back on changes. */
export const Session = z
  .object({
    user: SessionUser,
    csrfToken: z
      .string()
      .nullable()
      .meta({
        description: `send it in the ${CSRF_HEADER} header of every POST, PUT, PATCH and DELETE; null when the request did not come with a session cookie`,
      }),
    singleUser: z.boolean().meta({
      description: 'true when the workspace has no users: everyone on this machine is the admin',
    }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const SignInRequest = z
  .object({
    email: z.string().max(320).meta({ example: 'ada@example.com' }),
    password: z.string().max(1024),
  })
  .meta({ id: 'SignInRequest' });
export type SignInRequest = z.infer<typeof SignInRequest>;

export const SetPasswordRequest = z
  .object({
    token: z.string().min(1).max(200).meta({ description: 'the token of the one-time link' }),
    password: z.string().max(1024).meta({ description: '12 characters or more' }),
  })
  .meta({ id: 'SetPasswordRequest' });
export type SetPasswordRequest = z.infer<typeof SetPasswordRequest>;

export const ApiToken = z
  .object({
    id: z.number().int(),
    userId: z.number().int(),
    userEmail: z.string(),
    name: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenList = z.object({ tokens: z.array(ApiToken) }).meta({ id: 'ApiTokenList' });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const CreateApiTokenRequest = z
  .object({ name: z.string().min(1).max(100).meta({ example: 'nightly export' }) })
  .meta({ id: 'CreateApiTokenRequest' });
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

export const CreatedApiToken = z
  .object({
    token: ApiToken,
    secret: z.string().meta({
      description:
        'the token itself (`hsp_…`), shown this once: send it as `Authorization: Bearer …`',
    }),
  })
  .meta({ id: 'CreatedApiToken' });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const TokenParams = z.object({ id: IdText.meta({ description: 'API token id' }) });
