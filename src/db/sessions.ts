import type { Store } from './store.ts';
import { readTimestamp, timestampParam } from './timestamps.ts';

/** A signed-in browser: the session row and the user it belongs to, as they are now. */
export type SessionRow = {
  userId: number;
  csrfToken: string;
  epoch: number;
  createdAt: Date;
  expiresAt: Date;
  user: {
    email: string;
    role: string;
    repId: number | null;
    sessionEpoch: number;
    disabled: boolean;
  };
};

export async function insertSession(
  store: Store,
  session: {
    tokenHash: string;
    userId: number;
    csrfToken: string;
    epoch: number;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await store.run(
    `INSERT INTO user_session (token_hash, user_id, csrf_token, epoch, created_at, expires_at)
     VALUES ($1, $2, $3, $4, CAST($5 AS TIMESTAMP), CAST($6 AS TIMESTAMP))`,
    [
      session.tokenHash,
      session.userId,
      session.csrfToken,
      session.epoch,
      timestampParam(session.createdAt),
      timestampParam(session.expiresAt),
    ],
  );
}

/** The session with this token hash and its user, or null. */
export async function selectSession(store: Store, tokenHash: string): Promise<SessionRow | null> {
  const [row] = await store.all(
    `SELECT s.user_id, s.csrf_token, s.epoch, CAST(s.created_at AS VARCHAR) AS created_at,
       CAST(s.expires_at AS VARCHAR) AS expires_at, u.email, u.role, u.rep_id, u.session_epoch,
       u.disabled
     FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1`,
    [tokenHash],
  );
  if (!row) return null;
  return {
    userId: Number(row.user_id),
    csrfToken: String(row.csrf_token),
    epoch: Number(row.epoch),
    createdAt: readTimestamp(row.created_at) ?? new Date(0),
    expiresAt: readTimestamp(row.expires_at) ?? new Date(0),
    user: {
      email: String(row.email),
      role: String(row.role),
      repId: row.rep_id === null || row.rep_id === undefined ? null : Number(row.rep_id),
      sessionEpoch: Number(row.session_epoch),
      disabled: row.disabled === true,
    },
  };
}

/** Moves a session's expiry (idle timeout slides forward with use). */
export async function updateSessionExpiry(
  store: Store,
  tokenHash: string,
  expiresAt: Date,
): Promise<void> {
  await store.run(
    'UPDATE user_session SET expires_at = CAST($1 AS TIMESTAMP) WHERE token_hash = $2',
    [timestampParam(expiresAt), tokenHash],
  );
}

export async function deleteSession(store: Store, tokenHash: string): Promise<void> {
  await store.run('DELETE FROM user_session WHERE token_hash = $1', [tokenHash]);
}

/** Forgets sessions that expired before `now` (housekeeping). */
export async function deleteExpiredSessions(store: Store, now: Date): Promise<void> {
  await store.run('DELETE FROM user_session WHERE expires_at < CAST($1 AS TIMESTAMP)', [
    timestampParam(now),
  ]);
}
