import type { Store } from './store.ts';

export type ModelVersionRecord = {
  version: number;
  name: string;
  hash: string;
  savedAt: string;
  savedBy: string;
};

export type StoredModelVersion = ModelVersionRecord & { document: string };

function toRecord(r: Record<string, unknown>): ModelVersionRecord {
  return {
    version: Number(r.id),
    name: String(r.name),
    hash: String(r.hash),
    savedAt: String(r.saved_at).slice(0, 19),
    savedBy: String(r.saved_by),
  };
}

/** Stores a model document as the newest version; returns its version number. */
export async function insertModelVersion(
  store: Store,
  input: { name: string; hash: string; document: string; savedBy: string },
): Promise<number> {
  const [row] = await store.all<{ id: bigint }>(
    `INSERT INTO model_version (name, hash, document, saved_at, saved_by)
     VALUES ($1, $2, $3, CURRENT_TIMESTAMP, $4) RETURNING id`,
    [input.name, input.hash, input.document, input.savedBy],
  );
  return Number(row?.id);
}

/** The newest saved version with its document, or null when none was saved. */
export async function latestModelVersion(store: Store): Promise<StoredModelVersion | null> {
  const [row] = await store.all<Record<string, unknown>>(
    `SELECT id, name, hash, document, CAST(saved_at AS VARCHAR) AS saved_at, saved_by
     FROM model_version ORDER BY id DESC LIMIT 1`,
  );
  return row ? { ...toRecord(row), document: String(row.document) } : null;
}

/** Saved versions, newest first, without their documents. */
export async function listModelVersions(
  store: Store,
  limit: number,
): Promise<ModelVersionRecord[]> {
  const rows = await store.all<Record<string, unknown>>(
    `SELECT id, name, hash, CAST(saved_at AS VARCHAR) AS saved_at, saved_by
     FROM model_version ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map(toRecord);
}
