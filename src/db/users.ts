import type { Store } from './store.ts';
import { readTimestamp, timestampParam } from './timestamps.ts';

/** One row of app_user with the name of the rep it is linked to. */
export type UserRow = {
  id: number;
  email: string;
  role: string;
  repId: number | null;
  repName: string | null;
  /** The argon2id hash (PHC string); null until the user sets a password. */
  passwordHash: string | null;
  setupExpiresAt: Date | null;
  failedLogins: number;
  lockedUntil: Date | null;
  sessionEpoch: number;
  disabled: boolean;
  createdAt: Date;
};

const USER_COLUMNS = `u.id, u.email, u.role, u.rep_id, r.name AS rep_name, u.password_hash,
  CAST(u.setup_expires_at AS VARCHAR) AS setup_expires_at, u.failed_logins,
  CAST(u.locked_until AS VARCHAR) AS locked_until, u.session_epoch, u.disabled,
  CAST(u.created_at AS VARCHAR) AS created_at`;

const FROM_USERS = 'FROM app_user u LEFT JOIN rep r ON r.id = u.rep_id';

/** A nullable VARCHAR column's value. */
function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toUser(row: Record<string, unknown>): UserRow {
  return {
    id: Number(row.id),
    email: String(row.email),
    role: String(row.role),
    repId: row.rep_id === null || row.rep_id === undefined ? null : Number(row.rep_id),
    repName: textOrNull(row.rep_name),
    passwordHash: textOrNull(row.password_hash),
    setupExpiresAt: readTimestamp(row.setup_expires_at),
    failedLogins: Number(row.failed_logins),
    lockedUntil: readTimestamp(row.locked_until),
    sessionEpoch: Number(row.session_epoch),
    disabled: row.disabled === true,
    createdAt: readTimestamp(row.created_at) ?? new Date(0),
  };
}

/** Adds a user without a password, with a setup-link hash; returns the new id. */
export async function insertUser(
  store: Store,
  user: {
    email: string;
    role: string;
    repId: number | null;
    setupTokenHash: string;
    setupExpiresAt: Date;
    createdAt: Date;
  },
): Promise<number> {
  const [row] = await store.all<{ id: number }>(
    `INSERT INTO app_user (email, role, rep_id, setup_token_hash, setup_expires_at, created_at)
     VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP), CAST($6 AS TIMESTAMP)) RETURNING id`,
    [
      user.email,
      user.role,
      user.repId,
      user.setupTokenHash,
      timestampParam(user.setupExpiresAt),
      timestampParam(user.createdAt),
    ],
  );
  return Number(row?.id);
}

/** Every user, by email. */
export async function selectUsers(store: Store): Promise<UserRow[]> {
  const rows = await store.all(`SELECT ${USER_COLUMNS} ${FROM_USERS} ORDER BY u.email`);
  return rows.map(toUser);
}

export async function selectUserById(store: Store, id: number): Promise<UserRow | null> {
  const [row] = await store.all(`SELECT ${USER_COLUMNS} ${FROM_USERS} WHERE u.id = $1`, [id]);
  return row ? toUser(row) : null;
}

/** The user with this email (compared as stored: callers normalise to lower case). */
export async function selectUserByEmail(store: Store, email: string): Promise<UserRow | null> {
  const [row] = await store.all(`SELECT ${USER_COLUMNS} ${FROM_USERS} WHERE u.email = $1`, [email]);
  return row ? toUser(row) : null;
}

/** The user whose setup link has this hash (expired or not). */
export async function selectUserBySetupTokenHash(
  store: Store,
  tokenHash: string,
): Promise<UserRow | null> {
  const [row] = await store.all(
    `SELECT ${USER_COLUMNS} ${FROM_USERS} WHERE u.setup_token_hash = $1`,
    [tokenHash],
  );
  return row ? toUser(row) : null;
}

/** Whether the workspace has any user at all (disabled ones count). */
export async function anyUserExists(store: Store): Promise<boolean> {
  const rows = await store.all('SELECT 1 AS one FROM app_user LIMIT 1');
  return rows.length > 0;
}

/** Enabled admins other than `exceptId`. */
export async function countOtherActiveAdmins(store: Store, exceptId: number): Promise<number> {
  const [row] = await store.all<{ n: number }>(
    `SELECT COUNT(*) AS n FROM app_user WHERE role = 'admin' AND NOT disabled AND id <> $1`,
    [exceptId],
  );
  return Number(row?.n ?? 0);
}

export async function updateUserRole(store: Store, id: number, role: string): Promise<void> {
  await store.run('UPDATE app_user SET role = $1 WHERE id = $2', [role, id]);
}

export async function updateUserDisabled(
  store: Store,
  id: number,
  disabled: boolean,
): Promise<void> {
  await store.run('UPDATE app_user SET disabled = $1 WHERE id = $2', [disabled, id]);
}

/**
 * Replaces the user's setup link and clears their password, so that the current one stops
 * working (a reset); failed attempts and any lock are forgotten.
 */
export async function updateSetupToken(
  store: Store,
  change: { id: number; tokenHash: string; expiresAt: Date },
): Promise<void> {
  await store.run(
    `UPDATE app_user SET setup_token_hash = $1, setup_expires_at = CAST($2 AS TIMESTAMP),
       password_hash = NULL, failed_logins = 0, locked_until = NULL
     WHERE id = $3`,
    [change.tokenHash, timestampParam(change.expiresAt), change.id],
  );
}

/**
 * Sets the password of the user whose setup link has `tokenHash` and uses the link up, in one
 * statement (a link works once, even when two requests race). Failed attempts and any lock are
 * forgotten. Returns the user's id, or null when no user has that link.
 */
export async function consumeSetupToken(
  store: Store,
  change: { tokenHash: string; passwordHash: string },
): Promise<number | null> {
  const [row] = await store.all<{ id: number }>(
    `UPDATE app_user SET password_hash = $1, setup_token_hash = NULL, setup_expires_at = NULL,
       failed_logins = 0, locked_until = NULL
     WHERE setup_token_hash = $2 RETURNING id`,
    [change.passwordHash, change.tokenHash],
  );
  return row ? Number(row.id) : null;
}

/** Counts one more failed sign-in; returns the count. */
export async function incrementFailedLogins(store: Store, id: number): Promise<number> {
  const [row] = await store.all<{ failed_logins: number }>(
    'UPDATE app_user SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins',
    [id],
  );
  return Number(row?.failed_logins ?? 0);
}

/** Locks sign-in until `until` and starts counting failures afresh. */
export async function lockUser(store: Store, id: number, until: Date): Promise<void> {
  await store.run(
    'UPDATE app_user SET failed_logins = 0, locked_until = CAST($1 AS TIMESTAMP) WHERE id = $2',
    [timestampParam(until), id],
  );
}

/** A successful sign-in: failed attempts and any past lock are forgotten. */
export async function clearFailedLogins(store: Store, id: number): Promise<void> {
  await store.run(
    'UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins <> 0 OR locked_until IS NOT NULL)',
    [id],
  );
}

/**
 * Makes every session the user has invalid (their epoch no longer matches) and deletes them.
 * Returns the new epoch, or null when there is no such user.
 */
export async function bumpSessionEpoch(store: Store, id: number): Promise<number | null> {
  const [row] = await store.all<{ session_epoch: number }>(
    'UPDATE app_user SET session_epoch = session_epoch + 1 WHERE id = $1 RETURNING session_epoch',
    [id],
  );
  await store.run('DELETE FROM user_session WHERE user_id = $1', [id]);
  return row ? Number(row.session_epoch) : null;
}

/** A rep a user can be linked to. */
export type RepRef = { id: number; name: string; email: string | null; externalId: string };

function toRep(row: Record<string, unknown>): RepRef {
  return {
    id: Number(row.id),
    name: String(row.name),
    email: textOrNull(row.email),
    externalId: String(row.external_id),
  };
}

/** Reps whose email equals `email`, ignoring case. */
export async function selectRepsByEmail(store: Store, email: string): Promise<RepRef[]> {
  const rows = await store.all(
    'SELECT id, name, email, external_id FROM rep WHERE LOWER(email) = LOWER($1) ORDER BY id',
    [email],
  );
  return rows.map(toRep);
}

/** The rep with this id, if any. */
export async function selectRepById(store: Store, id: number): Promise<RepRef | null> {
  const [row] = await store.all('SELECT id, name, email, external_id FROM rep WHERE id = $1', [id]);
  return row ? toRep(row) : null;
}

/** Reps with this id or external id. */
export async function selectRepsByRef(
  store: Store,
  ref: { id: number | null; externalId: string },
): Promise<RepRef[]> {
  const rows = await store.all(
    'SELECT id, name, email, external_id FROM rep WHERE id = $1 OR external_id = $2 ORDER BY id',
    [ref.id, ref.externalId],
  );
  return rows.map(toRep);
}
