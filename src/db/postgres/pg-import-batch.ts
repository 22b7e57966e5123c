import { entitySpec, type EntityName } from '../../core/entities.ts';
import type { ImportPlan } from '../../core/import-plan.ts';
import { copyTable, readSchema } from '../copy-workspace.ts';
import { DuckDbStore } from '../duckdb/duckdb-store.ts';
import { DuckDbImportBatch, q } from '../duckdb/import-batch.ts';
import { migrate } from '../migrate.ts';
import type {
  ImportBatch,
  RejectedRow,
  RowBatches,
  StagedFile,
  ValidationCounts,
  WriteCounts,
} from '../store.ts';
import type { PgStore } from './pg-store.ts';

/**
 * The staging table of accepted rows on the PostgreSQL side: dropped once written (a failed
 * write's transaction rolls its creation back).
 */
const ACCEPTED = 'hs_accepted';

/**
 * One file's import into PostgreSQL. The importer's reading, typing, validation and matching
 * are DuckDB SQL (read_csv, macros, jaro_winkler), so they run unchanged in a scratch
 * in-memory DuckDB that holds copies of the tables the file's references resolve against
 * (accounts, reps, product families, contacts, with their PostgreSQL ids). `write` then
 * moves the accepted rows into PostgreSQL inside the caller's transaction and upserts them
 * there by source and external id, under a lock per entity so that app processes importing
 * the same entity at once take turns rather than both inserting one record.
 */
export class PgImportBatch implements ImportBatch {
  readonly #target: PgStore;
  #scratch: DuckDbStore | undefined;
  #inner: DuckDbImportBatch | undefined;
  #untrack: (() => void) | undefined;
  #copied = false;

  constructor(target: PgStore) {
    this.#target = target;
  }

  async prepare(): Promise<void> {
    const scratch = await DuckDbStore.open(':memory:');
    this.#scratch = scratch;
    await migrate(scratch);
    this.#untrack = this.#target.trackProgress(scratch);
    this.#inner = new DuckDbImportBatch(scratch);
    await this.#inner.prepare();
  }

  stageCsv(options: { path: string; delimiter: string; headers: string[] }): Promise<StagedFile> {
    return this.#batch().stageCsv(options);
  }

  stageTable(options: { path: string; format: 'parquet' | 'json' }): Promise<StagedFile> {
    return this.#batch().stageTable(options);
  }

  firstRows(limit: number): Promise<(string | null)[][]> {
    return this.#batch().firstRows(limit);
  }

  async validate(plan: ImportPlan): Promise<ValidationCounts> {
    await this.#copyReferences(plan.entity);
    return this.#batch().validate(plan);
  }

  rejectedRows(
    plan: ImportPlan,
    page: { headerCount: number; after: number; limit: number },
  ): Promise<RejectedRow[]> {
    return this.#batch().rejectedRows(plan, page);
  }

  async write(plan: ImportPlan, importId: number): Promise<WriteCounts> {
    const target = this.#target;
    const table = q(entitySpec(plan.entity).name);
    const accepted = await this.#batch().acceptedRows(plan);
    const columns = accepted.written.map((w) => q(w.column));
    const same =
      accepted.written
        .filter((w) => w.compare)
        .map((w) => `e.${q(w.column)} IS NOT DISTINCT FROM a.${q(w.column)}`)
        .join(' AND ') || 'true';
    const source = 'CAST($1 AS VARCHAR)';
    const stamp = 'CAST($2 AS BIGINT)';
    return target.transaction(async () => {
      await target.lock(`import ${plan.entity}`);
      await target.run(
        `CREATE TEMP TABLE ${ACCEPTED} AS
         SELECT CAST(0 AS BIGINT) AS rec, external_id, ${columns.join(', ')}, CAST(NULL AS VARCHAR) AS parent_external_id
         FROM ${table} WITH NO DATA`,
      );
      const names = [
        'rec',
        'external_id',
        ...accepted.written.map((w) => w.column),
        'parent_external_id',
      ];
      await target.appendBatches(ACCEPTED, names, accepted.rows as RowBatches);
      // counted before anything changes, against what is stored now (not what validate saw)
      const [counts] = await target.all<Record<string, number>>(
        `SELECT count(*) FILTER (WHERE e.id IS NULL) AS inserted,
                count(*) FILTER (WHERE e.id IS NOT NULL AND NOT (${same})) AS updated,
                count(*) FILTER (WHERE e.id IS NOT NULL AND (${same})) AS unchanged
         FROM ${ACCEPTED} a LEFT JOIN ${table} e ON e.source = ${source} AND e.external_id = a.external_id`,
        [plan.source],
      );
      await target.run(
        `UPDATE ${table} AS e SET ${columns.map((c) => `${c} = a.${c}`).join(', ')}, import_id = ${stamp}
         FROM ${ACCEPTED} a
         WHERE e.source = ${source} AND e.external_id = a.external_id AND NOT (${same})`,
        [plan.source, importId],
      );
      // new records in file order, so that their ids follow it as DuckDB's do
      await target.run(
        `INSERT INTO ${table} (source, external_id, ${columns.join(', ')}, import_id)
         SELECT ${source}, a.external_id, ${columns.map((c) => `a.${c}`).join(', ')}, ${stamp}
         FROM ${ACCEPTED} a
         WHERE NOT EXISTS (SELECT 1 FROM ${table} e WHERE e.source = ${source} AND e.external_id = a.external_id)
         ORDER BY a.rec`,
        [plan.source, importId],
      );
      if (plan.entity === 'account' && plan.columns.some((c) => c.target === 'parent_id')) {
        await target.run(
          `UPDATE account SET parent_id = p.id, import_id = ${stamp}
           FROM ${ACCEPTED} o JOIN account p ON p.source = ${source} AND p.external_id = o.parent_external_id
           WHERE account.source = ${source} AND account.external_id = o.external_id
             AND account.parent_id IS DISTINCT FROM p.id`,
          [plan.source, importId],
        );
      }
      await target.run(`DROP TABLE ${ACCEPTED}`);
      return {
        inserted: Number(counts?.inserted ?? 0),
        updated: Number(counts?.updated ?? 0),
        unchanged: Number(counts?.unchanged ?? 0),
      };
    });
  }

  async cleanUp(): Promise<void> {
    this.#untrack?.();
    try {
      await this.#inner?.cleanUp();
    } finally {
      await this.#scratch?.close();
      this.#scratch = undefined;
      this.#inner = undefined;
    }
  }

  /** Copies the tables the entity's references resolve against into the scratch store, once. */
  async #copyReferences(entity: EntityName): Promise<void> {
    if (this.#copied) return;
    const scratch = this.#scratch;
    if (!scratch) throw new Error('PgImportBatch: validate before prepare');
    const wanted = new Set<string>(
      entitySpec(entity).fields.flatMap((f) => (f.type.kind === 'ref' ? [f.type.to] : [])),
    );
    const tables = (await readSchema(this.#target)).filter((t) => wanted.has(t.name));
    // one snapshot, so that the copies agree with each other
    await this.#target.transaction(
      async () => {
        for (const table of tables) await copyTable({ from: this.#target, to: scratch, table });
      },
      { snapshot: true },
    );
    this.#copied = true;
  }

  #batch(): DuckDbImportBatch {
    if (!this.#inner) throw new Error('PgImportBatch: prepare first');
    return this.#inner;
  }
}
