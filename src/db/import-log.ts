import type { EntityName } from '../core/entities.ts';
import type { Store } from './store.ts';

export type ImportOutcome = 'imported' | 'imported_with_rejections' | 'rejected_strict' | 'failed';

export type ImportRecord = {
  entity: EntityName;
  source: string;
  fileName: string;
  format: string;
  preset: string;
  startedAt: Date;
  outcome: ImportOutcome;
  totalRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  matches: { byId: number; byDomain: number; byName: number; unmatched: number; ambiguous: number };
};

/** Reserves the id the next import's rows are stamped with. */
export async function nextImportId(store: Store): Promise<number> {
  const [row] = await store.all<{ id: bigint }>(`SELECT nextval('import_id_seq') AS id`);
  return Number(row?.id);
}

export async function recordImport(store: Store, id: number, record: ImportRecord): Promise<void> {
  await store.run(
    `INSERT INTO import (id, entity, source, file_name, format, preset, started_at, finished_at, outcome,
       total_rows, inserted, updated, unchanged, rejected,
       matched_by_id, matched_by_domain, matched_by_name, unmatched, ambiguous)
     VALUES ($1, $2, $3, $4, $5, $6, $7::TIMESTAMP, CURRENT_TIMESTAMP, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      id,
      record.entity,
      record.source,
      record.fileName,
      record.format,
      record.preset,
      record.startedAt.toISOString().replace('T', ' ').replace('Z', ''),
      record.outcome,
      record.totalRows,
      record.inserted,
      record.updated,
      record.unchanged,
      record.rejected,
      record.matches.byId,
      record.matches.byDomain,
      record.matches.byName,
      record.matches.unmatched,
      record.matches.ambiguous,
    ],
  );
}

export type ImportLogRow = {
  id: number;
  entity: string;
  source: string;
  fileName: string;
  finishedAt: string;
  outcome: ImportOutcome;
  totalRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
};

export async function listImports(store: Store, limit: number): Promise<ImportLogRow[]> {
  const rows = await store.all<Record<string, unknown>>(
    `SELECT id, entity, source, file_name, CAST(finished_at AS VARCHAR) AS finished_at, outcome, total_rows,
            inserted, updated, unchanged, rejected
     FROM import ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map(toLogRow);
}

function toLogRow(r: Record<string, unknown>): ImportLogRow {
  return {
    id: Number(r.id),
    entity: String(r.entity),
    source: String(r.source),
    fileName: String(r.file_name),
    finishedAt: String(r.finished_at).slice(0, 19),
    outcome: r.outcome as ImportOutcome,
    totalRows: Number(r.total_rows),
    inserted: Number(r.inserted),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    rejected: Number(r.rejected),
  };
}

/** One import log row by id, or null. */
export async function findImport(store: Store, id: number): Promise<ImportLogRow | null> {
  const rows = await store.all<Record<string, unknown>>(
    `SELECT id, entity, source, file_name, CAST(finished_at AS VARCHAR) AS finished_at, outcome, total_rows,
            inserted, updated, unchanged, rejected
     FROM import WHERE id = $1`,
    [id],
  );
  return rows[0] ? toLogRow(rows[0]) : null;
}
