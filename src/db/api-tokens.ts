import type { Store } from './store.ts';
import { readTimestamp, timestampParam } from './timestamps.ts';

/** One API token as listed (never its hash). */
export type ApiTokenRow = {
  id: number;
  userId: number;
  userEmail: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** A token looked up by its hash, with its user as they are now. */
export type ApiTokenOwnerRow = ApiTokenRow & {
  user: { role: string; repId: number | null; disabled: boolean };
};

const TOKEN_COLUMNS = `t.id, t.user_id, u.email, t.name, CAST(t.created_at AS VARCHAR) AS created_at,
  CAST(t.last_used_at AS VARCHAR) AS last_used_at, CAST(t.revoked_at AS VARCHAR) AS revoked_at`;

function toToken(row: Record<string, unknown>): ApiTokenRow {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    userEmail: String(row.email),
    name: String(row.name),
    createdAt: readTimestamp(row.created_at) ?? new Date(0),
    lastUsedAt: readTimestamp(row.last_used_at),
    revokedAt: readTimestamp(row.revoked_at),
  };
}

export async function insertApiToken(
  store: Store,
  token: { userId: number; name: string; tokenHash: string; createdAt: Date },
): Promise<number> {
  const [row] = await store.all<{ id: number }>(
    `INSERT INTO api_token (user_id, name, token_hash, created_at)
     VALUES ($1, $2, $3, CAST($4 AS TIMESTAMP)) RETURNING id`,
    [token.userId, token.name, token.tokenHash, timestampParam(token.createdAt)],
  );
  return Number(row?.id);
}

/** Tokens of one user (or of everyone when `userId` is null), newest first. */
export async function selectApiTokens(store: Store, userId: number | null): Promise<ApiTokenRow[]> {
  const rows = await store.all(
    `SELECT ${TOKEN_COLUMNS} FROM api_token t JOIN app_user u ON u.id = t.user_id
     WHERE CAST($1 AS BIGINT) IS NULL OR t.user_id = CAST($1 AS BIGINT) ORDER BY t.id DESC`,
    [userId],
  );
  return rows.map(toToken);
}

export async function selectApiToken(store: Store, id: number): Promise<ApiTokenRow | null> {
  const [row] = await store.all(
    `SELECT ${TOKEN_COLUMNS} FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.id = $1`,
    [id],
  );
  return row ? toToken(row) : null;
}

/** The token with this hash and its user, revoked or not. */
export async function selectApiTokenByHash(
  store: Store,
  tokenHash: string,
): Promise<ApiTokenOwnerRow | null> {
  const [row] = await store.all(
    `SELECT ${TOKEN_COLUMNS}, u.role, u.rep_id, u.disabled
     FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_hash = $1`,
    [tokenHash],
  );
  if (!row) return null;
  return {
    ...toToken(row),
    user: {
      role: String(row.role),
      repId: row.rep_id === null || row.rep_id === undefined ? null : Number(row.rep_id),
      disabled: row.disabled === true,
    },
  };
}

export async function updateApiTokenRevoked(store: Store, id: number, at: Date): Promise<void> {
  await store.run(
    'UPDATE api_token SET revoked_at = CAST($1 AS TIMESTAMP) WHERE id = $2 AND revoked_at IS NULL',
    [timestampParam(at), id],
  );
}

export async function updateApiTokenUsed(store: Store, id: number, at: Date): Promise<void> {
  await store.run('UPDATE api_token SET last_used_at = CAST($1 AS TIMESTAMP) WHERE id = $2', [
    timestampParam(at),
    id,
  ]);
}
