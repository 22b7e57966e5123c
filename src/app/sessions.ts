import type { Principal } from '../core/access.ts';
import type { Store } from '../db/store.ts';
import {
  deleteSession,
  insertSession,
  selectSession,
  updateSessionExpiry,
} from '../db/sessions.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { principalOf } from './users.ts';

/**
 * How long a browser stays signed in: 12 hours after its last request (idle), and 7 days after
 * signing in whatever happens (absolute). The idle expiry is moved forward at most every 5
 * minutes, so that a busy browser does not write to the database on every request.
 */
export const SESSION_POLICY = {
  idleMs: 12 * 3_600_000,
  maxMs: 7 * 24 * 3_600_000,
  slideEveryMs: 5 * 60_000,
} as const;

/** A session just started: the token goes into the cookie, the CSRF token to the page. */
export type NewSession = { token: string; csrfToken: string; expiresAt: Date };

/** Why a session cookie was refused. */
export type SessionRefusal = 'unknown' | 'expired' | 'signed-out' | 'disabled';

/** A session cookie checked: the principal and the CSRF token it must be sent with, or why not. */
export type SessionCheck =
  { ok: true; principal: Principal; csrfToken: string } | { ok: false; reason: SessionRefusal };

/** 32 random bytes in base64url: what newSecret makes and a session cookie must hold. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Starts a session for a user at their current session epoch (signing out everywhere bumps the
 * epoch, which ends it). Only the token's SHA-256 is stored.
 */
export async function startSession(
  store: Store,
  input: { userId: number; epoch: number; now: Date },
): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(input.now.getTime() + SESSION_POLICY.idleMs);
  await insertSession(store, {
    tokenHash: hashSecret(token),
    userId: input.userId,
    csrfToken,
    epoch: input.epoch,
    createdAt: input.now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

/**
 * Checks a session token at `now`: unknown (or tampered with), expired (idle or absolute),
 * signed out everywhere (epoch bumped) and disabled users are refused, and a refused session
 * row is deleted. A good session's idle expiry slides forward.
 */
export async function checkSession(
  store: Store,
  input: { token: string; now: Date },
): Promise<SessionCheck> {
  if (!TOKEN_SHAPE.test(input.token)) return { ok: false, reason: 'unknown' };
  const tokenHash = hashSecret(input.token);
  const row = await selectSession(store, tokenHash);
  if (!row) return { ok: false, reason: 'unknown' };
  const now = input.now.getTime();
  const deadline = row.createdAt.getTime() + SESSION_POLICY.maxMs;
  const reason: SessionRefusal | null = row.user.disabled
    ? 'disabled'
    : row.epoch !== row.user.sessionEpoch
      ? 'signed-out'
      : row.expiresAt.getTime() <= now || deadline <= now
        ? 'expired'
        : null;
  if (reason) {
    await deleteSession(store, tokenHash);
    return { ok: false, reason };
  }
  const slid = Math.min(now + SESSION_POLICY.idleMs, deadline);
  if (slid - row.expiresAt.getTime() >= SESSION_POLICY.slideEveryMs)
    await updateSessionExpiry(store, tokenHash, new Date(slid));
  return {
    ok: true,
    principal: principalOf({ id: row.userId, ...row.user }, 'session'),
    csrfToken: row.csrfToken,
  };
}

/** Ends one session (signing out); an unknown token is ignored. */
export async function endSession(store: Store, token: string): Promise<void> {
  if (TOKEN_SHAPE.test(token)) await deleteSession(store, hashSecret(token));
}
