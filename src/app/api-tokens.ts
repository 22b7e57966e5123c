import type { Principal } from '../core/access.ts';
import { HotspotError } from '../core/errors.ts';
import {
  insertApiToken,
  selectApiToken,
  selectApiTokenByHash,
  selectApiTokens,
  updateApiTokenRevoked,
  updateApiTokenUsed,
  type ApiTokenRow,
} from '../db/api-tokens.ts';
import type { Store } from '../db/store.ts';
import { selectUserById } from '../db/users.ts';
import { recordAudit } from './audit.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { principalOf } from './users.ts';

/** Every API token starts with this, so that secret scanners and people can recognise one. */
const API_TOKEN_PREFIX = 'hsp_';

/** last_used_at is written at most once a minute per token. */
const TOUCH_EVERY_MS = 60_000;

/** An API token as listed: never its secret, which is shown once when it is created. */
export type ApiToken = {
  id: number;
  userId: number;
  userEmail: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Why a bearer token was refused. */
export type ApiTokenRefusal = 'unknown' | 'revoked' | 'disabled';

export type ApiTokenCheck =
  { ok: true; principal: Principal; tokenId: number } | { ok: false; reason: ApiTokenRefusal };

const TOKEN_SHAPE = /^hsp_[A-Za-z0-9_-]{43}$/;

function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    userId: row.userId,
    userEmail: row.userEmail,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** What the audit log keeps of a token: never its secret or hash. */
function audited(token: ApiToken): Record<string, unknown> {
  return {
    id: token.id,
    userEmail: token.userEmail,
    name: token.name,
    revokedAt: token.revokedAt,
  };
}

/**
 * Creates an API token for a user's scripts: it acts as that user, with their role at the time
 * of each request. Returns the token's record and its secret (`hsp_…`), which is shown once:
 * only its SHA-256 is stored. Throws INVALID_INPUT for an empty or long name (1 to 100
 * characters), NOT_FOUND for an unknown user, CONFLICT for a disabled one. Audited as `actor`
 * (default: this process's OS user).
 */
export async function createApiToken(
  store: Store,
  input: { userId: number; name: string; now: Date; actor?: string },
): Promise<{ token: ApiToken; secret: string }> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100)
    throw new HotspotError('INVALID_INPUT', 'a token name is 1 to 100 characters', {
      details: { field: 'name' },
    });
  const user = await selectUserById(store, input.userId);
  if (!user) throw new HotspotError('NOT_FOUND', `no user with id ${input.userId}`);
  if (user.disabled)
    throw new HotspotError('CONFLICT', `${user.email} is disabled: enable them first`);
  const secret = `${API_TOKEN_PREFIX}${newSecret()}`;
  const token = await store.transaction(async () => {
    const id = await insertApiToken(store, {
      userId: user.id,
      name,
      tokenHash: hashSecret(secret),
      createdAt: input.now,
    });
    const row = await selectApiToken(store, id);
    if (!row) throw new HotspotError('INTERNAL', `the new token ${id} was not stored`);
    const created = toApiToken(row);
    await recordAudit(store, {
      actor: input.actor,
      action: 'token.create',
      entity: 'token',
      entityId: id,
      before: null,
      after: audited(created),
    });
    return created;
  });
  return { token, secret };
}

/** API tokens of one user, or of everyone (`userId: null`), newest first, revoked ones too. */
export async function listApiTokens(
  store: Store,
  input: { userId: number | null },
): Promise<ApiToken[]> {
  return (await selectApiTokens(store, input.userId)).map(toApiToken);
}

/**
 * Revokes a token (revoking a revoked one changes nothing), audited as `actor`. With
 * `ownerId`, only that user's tokens can be revoked: another user's answers NOT_FOUND, as an
 * unknown id does.
 */
export async function revokeApiToken(
  store: Store,
  input: { id: number; now: Date; ownerId?: number; actor?: string },
): Promise<ApiToken> {
  const row = await selectApiToken(store, input.id);
  if (!row || (input.ownerId !== undefined && row.userId !== input.ownerId))
    throw new HotspotError('NOT_FOUND', `no API token with id ${input.id}`);
  const before = toApiToken(row);
  if (before.revokedAt !== null) return before;
  return store.transaction(async () => {
    await updateApiTokenRevoked(store, row.id, input.now);
    const revoked = toApiToken((await selectApiToken(store, row.id)) ?? row);
    await recordAudit(store, {
      actor: input.actor,
      action: 'token.revoke',
      entity: 'token',
      entityId: row.id,
      before: audited(before),
      after: audited(revoked),
    });
    return revoked;
  });
}

/**
 * Checks a bearer token at `now`: unknown (or malformed), revoked and disabled users' tokens
 * are refused; a good one answers its user's principal and notes when it was last used.
 */
export async function checkApiToken(
  store: Store,
  input: { token: string; now: Date },
): Promise<ApiTokenCheck> {
  if (!TOKEN_SHAPE.test(input.token)) return { ok: false, reason: 'unknown' };
  const row = await selectApiTokenByHash(store, hashSecret(input.token));
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  if (row.user.disabled) return { ok: false, reason: 'disabled' };
  if (!row.lastUsedAt || input.now.getTime() - row.lastUsedAt.getTime() >= TOUCH_EVERY_MS)
    await updateApiTokenUsed(store, row.id, input.now);
  return {
    ok: true,
    principal: principalOf({ id: row.userId, email: row.userEmail, ...row.user }, 'token'),
    tokenId: row.id,
  };
}
