import { hash, verify } from '@node-rs/argon2';
import type { Principal } from '../core/access.ts';
import { HotspotError } from '../core/errors.ts';
import type { Store } from '../db/store.ts';
import { deleteExpiredSessions } from '../db/sessions.ts';
import {
  bumpSessionEpoch,
  clearFailedLogins,
  consumeSetupToken,
  incrementFailedLogins,
  lockUser,
  selectUserBySetupTokenHash,
  selectUserByEmail,
} from '../db/users.ts';
import { hashSecret } from './secrets.ts';
import { startSession, type NewSession } from './sessions.ts';
import { canonicalEmail, principalOf } from './users.ts';

/** After 5 failed sign-ins in a row an account is locked for 15 minutes. */
export const LOCKOUT_POLICY = { maxFailures: 5, lockMs: 15 * 60_000 } as const;

/** A password is 12 to 1024 characters. */
export const PASSWORD_RULES = { minLength: 12, maxLength: 1024 } as const;

/** A user signed in: who they are and their new session. */
export type SignedIn = { principal: Principal; session: NewSession };

const WRONG = 'wrong email or password';

/**
 * argon2id with the library's defaults (19 MiB memory, 2 passes, 1 lane: OWASP's minimum for
 * argon2id). The parameters are stored in each hash, so raising them later keeps old hashes
 * verifiable.
 */
function hashPassword(password: string): Promise<string> {
  return hash(password);
}

async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // a hash that cannot be decoded matches nothing
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of a real verification when there is no user to check against, so that the
 * answer's timing does not tell which emails have accounts.
 */
async function verifyNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword('hotspot: no such user, no such password');
  await passwordMatches(await dummyHash, password);
}

function lockedError(until: Date, now: Date): HotspotError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new HotspotError(
    'RATE_LIMITED',
    `too many failed sign-ins: this account is locked for ${minutes} more minute${minutes === 1 ? '' : 's'}`,
    { details: { reason: 'locked', retryAfterSeconds, lockedUntil: until.toISOString() } },
  );
}

/**
 * Signs a user in with email and password at `now` and starts a session. Throws
 * UNAUTHENTICATED for an unknown email or a wrong password (the same message for both),
 * RATE_LIMITED while the account is locked (LOCKOUT_POLICY; the failure that reaches the limit
 * locks it) and FORBIDDEN for a disabled user who gave the right password.
 */
export async function signIn(
  store: Store,
  input: { email: string; password: string; now: Date },
): Promise<SignedIn> {
  const { now, password } = input;
  const user = await selectUserByEmail(store, canonicalEmail(input.email));
  if (!user || user.passwordHash === null) {
    await verifyNothing(password);
    throw new HotspotError('UNAUTHENTICATED', WRONG);
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime())
    throw lockedError(user.lockedUntil, now);
  if (!(await passwordMatches(user.passwordHash, password))) {
    const failures = await incrementFailedLogins(store, user.id);
    if (failures >= LOCKOUT_POLICY.maxFailures) {
      const until = new Date(now.getTime() + LOCKOUT_POLICY.lockMs);
      await lockUser(store, user.id, until);
      throw lockedError(until, now);
    }
    throw new HotspotError('UNAUTHENTICATED', WRONG);
  }
  if (user.disabled)
    throw new HotspotError('FORBIDDEN', 'this account is disabled; ask an admin to enable it');
  await clearFailedLogins(store, user.id);
  await deleteExpiredSessions(store, now);
  const session = await startSession(store, { userId: user.id, epoch: user.sessionEpoch, now });
  return { principal: principalOf(user, 'session'), session };
}

/** Throws INVALID_INPUT when a new password breaks PASSWORD_RULES or is the email itself. */
function assertPasswordRules(password: string, email: string): void {
  const length = [...password].length;
  const problem =
    length < PASSWORD_RULES.minLength
      ? `the password must be at least ${PASSWORD_RULES.minLength} characters`
      : length > PASSWORD_RULES.maxLength
        ? `the password must be at most ${PASSWORD_RULES.maxLength} characters`
        : password.trim().toLowerCase() === email
          ? 'the password must not be your email address'
          : null;
  if (problem) throw new HotspotError('INVALID_INPUT', problem, { details: { field: 'password' } });
}

/**
 * Sets a user's password with the one-time token of their setup link (first sign-in or after
 * a reset), stored as an argon2id hash. The link works once; the user's other sessions end.
 * Throws UNAUTHENTICATED for a link that is unknown, used or expired, INVALID_INPUT for a
 * password that breaks the rules and FORBIDDEN for a disabled user. Signs the user in: returns
 * them with a new session.
 */
export async function setPassword(
  store: Store,
  input: { setupToken: string; password: string; now: Date },
): Promise<SignedIn> {
  const tokenHash = hashSecret(input.setupToken);
  const user = await selectUserBySetupTokenHash(store, tokenHash);
  if (!user || !user.setupExpiresAt || user.setupExpiresAt.getTime() <= input.now.getTime())
    throw new HotspotError(
      'UNAUTHENTICATED',
      'this link is not valid any more: it was used already or it expired; ask an admin for a new one',
    );
  if (user.disabled)
    throw new HotspotError('FORBIDDEN', 'this account is disabled; ask an admin to enable it');
  assertPasswordRules(input.password, user.email);
  const passwordHash = await hashPassword(input.password);
  const id = await consumeSetupToken(store, { tokenHash, passwordHash });
  if (id === null)
    throw new HotspotError('UNAUTHENTICATED', 'this link was used already; sign in instead');
  const epoch = await bumpSessionEpoch(store, id);
  if (epoch === null) throw new HotspotError('NOT_FOUND', `no user with id ${id}`);
  const session = await startSession(store, { userId: id, epoch, now: input.now });
  return { principal: principalOf(user, 'session'), session };
}
