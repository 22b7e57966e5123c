import { entitySpec, type FieldSpec, type Reference } from '../../core/entities.ts';
import type { ImportPlan, PlannedColumn, RowErrorCode } from '../../core/import-plan.ts';
import type { DuckDbStore } from './duckdb-store.ts';
import type {
  ImportBatch,
  MalformedRow,
  RejectedRow,
  StagedFile,
  ValidationCounts,
  WriteCounts,
} from '../store.ts';
import { IMPORT_MACROS } from './sql-macros.ts';

/** A quoted SQL identifier (the same on DuckDB and PostgreSQL). */
export const q = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;
/** A SQL string literal: views cannot take parameters. */
const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const col = (column: PlannedColumn): string => `c${column.index}`;
const raw = (target: string): string => q(`r_${target}`);
const typed = (target: string): string => q(`v_${target}`);

const REF_TABLE: Record<Reference, string> = {
  account: 'account',
  rep: 'rep',
  product_family: 'product_family',
  contact: 'contact',
};

/**
 * One file's import inside DuckDB: stage the raw file, validate and match every row in SQL,
 * then upsert the accepted rows. Temp tables live on the store's connection; the caller
 * wraps `write` in a transaction.
 */
export class DuckDbImportBatch implements ImportBatch {
  readonly #store: DuckDbStore;
  #csv = false;
  #gathered = false;
  /** Nearest-account lookups already made, by reference: reused across pages. */
  readonly #candidates = new Map<string, string[]>();

  constructor(store: DuckDbStore) {
    this.#store = store;
  }

  async prepare(): Promise<void> {
    for (const macro of IMPORT_MACROS) await this.#store.run(macro);
  }

  /**
   * Declares the file as the staging view: every column as text, `rec` numbering the records
   * in file order. Nothing is read yet; `validate` reads the file once.
   */
  async stageCsv(options: {
    path: string;
    delimiter: string;
    headers: string[];
  }): Promise<StagedFile> {
    const columns = options.headers.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
    this.#csv = true;
    await this.#dropRejects();
    const reader = `read_csv(${literal(options.path)}, delim = ${literal(options.delimiter)}, header = true, quote = '"', escape = '"',
         auto_detect = false, columns = {${columns}}, store_rejects = true, rejects_table = 'hs_rejects',
         rejects_scan = 'hs_reject_scans', max_line_size = 10000000)`;
    await this.#declareViews(reader, '*');
    return { headers: options.headers };
  }

  /** Declares a Parquet or JSON file as the staging view, every column cast to text. */
  async stageTable(options: { path: string; format: 'parquet' | 'json' }): Promise<StagedFile> {
    const reader =
      options.format === 'parquet'
        ? `read_parquet(${literal(options.path)})`
        : `read_json(${literal(options.path)}, format = 'auto')`;
    const described = await this.#store.all<{ column_name: string }>(
      `DESCRIBE SELECT * FROM ${reader}`,
    );
    const headers = described.map((d) => d.column_name);
    const casts = headers.map((h, i) => `CAST(${q(h)} AS VARCHAR) AS c${i}`).join(', ');
    this.#csv = false;
    await this.#declareViews(reader, casts);
    return { headers };
  }

  /**
   * `hs_file`: the file's rows in file order, read once in bulk (the table made from it numbers
   * them by rowid, which follows file order); `hs_stage`: the same rows numbered by the reader
   * (`rec`), read again only to show rejected rows' original values.
   */
  async #declareViews(reader: string, columns: string): Promise<void> {
    await this.#store.run(
      `CREATE OR REPLACE TEMP VIEW hs_file AS SELECT ${columns} FROM ${reader}`,
    );
    await this.#store.run(
      `CREATE OR REPLACE TEMP VIEW hs_stage AS SELECT (ordinality - 1)::BIGINT AS rec, ${columns === '*' ? '* EXCLUDE (ordinality)' : columns} FROM ${reader} WITH ORDINALITY`,
    );
  }

  async firstRows(limit: number): Promise<(string | null)[][]> {
    const rows = await this.#store.all<Record<string, string | null>>(
      'SELECT * EXCLUDE (rec) FROM hs_stage ORDER BY rec LIMIT $1',
      [limit],
    );
    return rows.map((row) => Object.values(row));
  }

  async #dropRejects(): Promise<void> {
    await this.#store.run('DROP TABLE IF EXISTS hs_rejects');
    await this.#store.run('DROP TABLE IF EXISTS hs_reject_scans');
  }

  /** Rows the CSV reader could not split into the header's columns (known after `validate`). */
  async #malformedRows(): Promise<MalformedRow[]> {
    if (!this.#csv) return [];
    const rejects = await this.#store.all<{ pos: number; line: string; message: string }>(
      `SELECT min(line_byte_position) AS pos, first(csv_line) AS line, first(error_message) AS message
       FROM hs_rejects WHERE scan_id = (SELECT min(scan_id) FROM hs_rejects) GROUP BY line_byte_position ORDER BY pos`,
    );
    return rejects
      .filter((r) => r.line.trim() !== '')
      .map((r) => ({
        bytePosition: Number(r.pos),
        rawLine: r.line.replace(/^[\r\n]+/, ''),
        message: r.message,
      }));
  }

  /**
   * Reads the staged file once: types every value, checks every rule, resolves references and
   * finds the stored record each row would update (and whether it would change anything).
   * The first problem of a row rejects it.
   */
  async validate(plan: ImportPlan): Promise<ValidationCounts> {
    const spec = entitySpec(plan.entity);
    const refs = referenceJoins(plan);
    const written = writtenColumns(plan);
    const same = written
      .filter((w) => w.compare)
      .map((w) => `e.${q(w.column)} IS NOT DISTINCT FROM r.${w.expr}`)
      .join(' AND ');
    // two steps: the trimmed text first, as a table, so that the engine knows its size when it
    // plans the joins below (and each value is trimmed once)
    await this.#store.run(
      `CREATE OR REPLACE TEMP TABLE hs_raw AS SELECT ${rawColumns(plan)} FROM hs_file`,
    );
    await this.#store.run(
      `CREATE OR REPLACE TEMP TABLE hs_checked AS
       WITH t AS (SELECT hs_raw.rowid AS rec, hs_raw.*${typedColumns(plan)
         .map((c) => `, ${c}`)
         .join('')} FROM hs_raw),
       r AS (
         SELECT t.*${refs.select.map((c) => `, ${c}`).join('')}
         FROM t ${refs.joins.join('\n')}
       )
       SELECT ${keptColumns(plan, written).join(', ')}, e.id AS existing_id, (e.id IS NOT NULL AND ${same || 'true'}) AS same,
         CASE ${problemCases(plan)} ${refs.problems.join(' ')} END AS problem
       FROM r LEFT JOIN ${q(spec.name)} e ON e.source = $1 AND e.external_id = r.r_id`,
      [plan.source],
    );
    await this.#store.run('DROP TABLE hs_raw');
    // an id twice in one file: neither row can be trusted, so both are rejected
    await this.#store.run(
      `UPDATE hs_checked SET problem = 'duplicate_id|id'
       WHERE r_id IN (SELECT r_id FROM hs_checked WHERE r_id IS NOT NULL GROUP BY r_id HAVING count(*) > 1)`,
    );
    const [counts] = await this.#store.all<Record<string, number>>(
      `SELECT count(*) AS records,
         count(*) FILTER (WHERE problem IS NULL) AS accepted,
         count(*) FILTER (WHERE problem = 'duplicate_id|id') AS duplicates,
         ${
           refs.hasAccount
             ? `count(*) FILTER (WHERE problem IS NULL AND account_how = 'id') AS by_id,
         count(*) FILTER (WHERE problem IS NULL AND account_how = 'domain') AS by_domain,
         count(*) FILTER (WHERE problem IS NULL AND account_how = 'name') AS by_name,
         count(*) FILTER (WHERE problem LIKE 'unknown_account|%') AS unmatched,
         count(*) FILTER (WHERE problem LIKE 'ambiguous_account|%') AS ambiguous`
             : '0 AS by_id, 0 AS by_domain, 0 AS by_name, 0 AS unmatched, 0 AS ambiguous'
         }
       FROM hs_checked`,
    );
    const n = (key: string): number => Number(counts?.[key] ?? 0);
    return {
      records: n('records'),
      accepted: n('accepted'),
      rejected: n('records') - n('accepted'),
      matches: {
        byId: n('by_id'),
        byDomain: n('by_domain'),
        byName: n('by_name'),
        unmatched: n('unmatched'),
        ambiguous: n('ambiguous'),
      },
      malformed: await this.#malformedRows(),
      duplicates: n('duplicates'),
    };
  }

  /**
   * The rejected rows after record `after`, in file order, at most `limit` of them, with their
   * original values and what is needed to explain them. The first call gathers every rejected
   * row once (one more read of the file); later calls page through them.
   */
  async rejectedRows(
    plan: ImportPlan,
    page: { headerCount: number; after: number; limit: number },
  ): Promise<RejectedRow[]> {
    if (!this.#gathered) {
      const originals = Array.from({ length: page.headerCount }, (_, i) => `s.c${i}`).join(', ');
      await this.#store.run(
        `CREATE OR REPLACE TEMP TABLE hs_bad AS
         WITH bad AS (SELECT rec, r_id, problem FROM hs_checked WHERE problem IS NOT NULL)
         SELECT bad.rec, bad.problem, [${originals}]::VARCHAR[] AS original,
           CASE WHEN bad.problem = 'duplicate_id|id' THEN
             (SELECT list(o.rec ORDER BY o.rec) FROM hs_checked o WHERE o.r_id = bad.r_id AND o.rec <> bad.rec) END AS dups
         FROM bad JOIN hs_stage s ON s.rec = bad.rec`,
      );
      this.#gathered = true;
    }
    const rows = await this.#store.all<{
      rec: number;
      problem: string;
      original: (string | null)[];
      dups: number[] | null;
    }>('SELECT rec, problem, original, dups FROM hs_bad WHERE rec > $1 ORDER BY rec LIMIT $2', [
      page.after,
      page.limit,
    ]);
    const rejected = rows.map((row): RejectedRow => {
      const [code, target] = row.problem.split('|') as [RowErrorCode, string];
      // an account problem shows whichever reference the row gave (id, domain or name)
      const targets =
        target === 'account_id' ? ['account_id', 'account_domain', 'account_name'] : [target];
      const value = targets
        .map((t) => plan.columns.find((c) => c.target === t))
        .map((c) => (c ? row.original[c.index]?.trim() || null : null))
        .find((v) => v !== null);
      return {
        record: Number(row.rec),
        code,
        target,
        value: value ?? null,
        original: row.original,
        duplicates: (row.dups ?? []).map(Number),
        candidates: [],
      };
    });
    await this.#addCandidates(plan, rejected);
    return rejected;
  }

  /** Nearest accounts by name (or domain) for rows whose account was not found or not unique. */
  async #addCandidates(plan: ImportPlan, rejected: RejectedRow[]): Promise<void> {
    const needing = rejected.filter(
      (r) => r.code === 'unknown_account' || r.code === 'ambiguous_account',
    );
    const refColumns = (['account_name', 'account_domain', 'account_id'] as const).flatMap(
      (target) => {
        const column = plan.columns.find((c) => c.target === target);
        return column ? [{ target, column }] : [];
      },
    );
    // the reference a row gave, preferring names (fuzzy search works best on them)
    const given = (row: RejectedRow): { kind: string; text: string } | undefined => {
      for (const { target, column } of refColumns) {
        const text = row.original[column.index]?.trim();
        if (text) return { kind: target, text };
      }
      return undefined;
    };
    // bound the fuzzy search: distinct references, the first few hundred of the whole file
    const lookups = new Map<string, { kind: string; text: string }>();
    for (const row of needing) {
      const ref = given(row);
      const key = ref ? `${ref.kind}:${ref.text}` : '';
      if (ref && !this.#candidates.has(key) && this.#candidates.size + lookups.size < 300)
        lookups.set(key, ref);
    }
    const found = this.#candidates;
    for (const [key, lookup] of lookups) {
      const keyExpr =
        lookup.kind === 'account_domain'
          ? 'coalesce(domain_key, name_key)'
          : lookup.kind === 'account_name'
            ? 'name_key'
            : 'external_id';
      const probe =
        lookup.kind === 'account_domain'
          ? 'coalesce(hs_domain_key($1), $1)'
          : lookup.kind === 'account_name'
            ? 'hs_name_key($1)'
            : '$1';
      const rows = await this.#store.all<{ label: string }>(
        `SELECT name || ' (' || external_id || ')' AS label FROM account
         ORDER BY jaro_winkler_similarity(${keyExpr}, ${probe}) DESC NULLS LAST, name, external_id LIMIT 3`,
        [lookup.text],
      );
      found.set(
        key,
        rows.map((r) => r.label),
      );
    }
    for (const row of needing) {
      const ref = given(row);
      row.candidates = ref ? (found.get(`${ref.kind}:${ref.text}`) ?? []) : [];
    }
  }

  /** Upserts the accepted rows (by source + external id) and returns what changed. */
  async write(plan: ImportPlan, importId: number): Promise<WriteCounts> {
    const table = q(entitySpec(plan.entity).name);
    const written = writtenColumns(plan);
    const sets = written.map((w) => `${q(w.column)} = ${w.expr}`).join(', ');
    await this.#store.run(
      `UPDATE ${table} SET ${sets}, import_id = $1
       FROM hs_checked c WHERE ${table}.id = c.existing_id AND c.problem IS NULL AND NOT c.same`,
      [importId],
    );
    const columns = written.map((w) => q(w.column)).join(', ');
    await this.#store.run(
      `INSERT INTO ${table} (source, external_id, ${columns}, import_id)
       SELECT $1, r_id, ${written.map((w) => w.expr).join(', ')}, $2 FROM hs_checked
       WHERE problem IS NULL AND existing_id IS NULL`,
      [plan.source, importId],
    );
    if (plan.entity === 'account' && plan.columns.some((c) => c.target === 'parent_id')) {
      await this.#store.run(
        `UPDATE account SET parent_id = p.id, import_id = $2
         FROM hs_checked o JOIN account p ON p.source = $1 AND p.external_id = o.r_parent_id
         WHERE o.problem IS NULL AND account.source = $1 AND account.external_id = o.r_id
           AND account.parent_id IS DISTINCT FROM p.id`,
        [plan.source, importId],
      );
    }
    const [counts] = await this.#store.all<Record<string, number>>(
      `SELECT count(*) FILTER (WHERE existing_id IS NULL) AS inserted,
              count(*) FILTER (WHERE existing_id IS NOT NULL AND NOT same) AS updated,
              count(*) FILTER (WHERE same) AS unchanged
       FROM hs_checked WHERE problem IS NULL`,
    );
    return {
      inserted: Number(counts?.inserted ?? 0),
      updated: Number(counts?.updated ?? 0),
      unchanged: Number(counts?.unchanged ?? 0),
    };
  }

  /**
   * The accepted rows as `write` would store them, for writing them into another store
   * (PgImportBatch): in file order, each `rec`, `external_id`, the written columns as text (cast
   * to the column's type first, as an INSERT would) and `parent_external_id` (null unless the
   * plan maps parents).
   */
  async acceptedRows(
    plan: ImportPlan,
  ): Promise<{ written: Written[]; rows: AsyncIterable<unknown[][]> }> {
    const written = writtenColumns(plan);
    const described = await this.#store.all<{ column_name: string; column_type: string }>(
      `DESCRIBE ${q(entitySpec(plan.entity).name)}`,
    );
    const types = new Map(described.map((d) => [d.column_name, d.column_type]));
    const values = written.map(
      (w) => `CAST(CAST(${w.expr} AS ${types.get(w.column) ?? 'VARCHAR'}) AS VARCHAR)`,
    );
    const parent = plan.columns.some((c) => c.target === 'parent_id')
      ? raw('parent_id')
      : 'CAST(NULL AS VARCHAR)';
    return {
      written,
      rows: this.#store.batches(
        `SELECT rec, r_id, ${values.join(', ')}, ${parent} FROM hs_checked WHERE problem IS NULL ORDER BY rec`,
      ),
    };
  }

  async cleanUp(): Promise<void> {
    await this.#store.run('DROP TABLE IF EXISTS hs_bad');
    await this.#store.run('DROP TABLE IF EXISTS hs_raw');
    await this.#store.run('DROP TABLE IF EXISTS hs_checked');
    await this.#store.run('DROP VIEW IF EXISTS hs_stage');
    await this.#store.run('DROP VIEW IF EXISTS hs_file');
    await this.#dropRejects();
  }
}

/** `r_x`: each column's trimmed text, null when blank (Salesforce ids in their 18-character form). */
function rawColumns(plan: ImportPlan): string {
  return plan.columns
    .map((column) => {
      const text = `hs_blank(${col(column)})`;
      const isIdLike = column.target === 'id' || column.field?.type.kind === 'ref';
      return `${plan.salesforceIds && isIdLike ? `hs_sf18(${text})` : text} AS ${raw(column.target)}`;
    })
    .join(', ');
}

/** `v_x`: each field's typed value, computed from its trimmed text `r_x`. */
function typedColumns(plan: ImportPlan): string[] {
  return plan.columns.flatMap((column) =>
    column.field && column.field.type.kind !== 'ref'
      ? [
          `${typedExpr(column.field, `hs_raw.${raw(column.target)}`, plan)} AS ${typed(column.target)}`,
        ]
      : [],
  );
}

function typedExpr(field: FieldSpec, value: string, plan: ImportPlan): string {
  const type = field.type;
  switch (type.kind) {
    case 'text':
      return value;
    case 'integer':
    case 'number':
      return `hs_number(${value})`;
    case 'money':
      return `TRY_CAST(hs_number(${value}) AS DECIMAL(18, 2))`;
    case 'boolean':
      return `hs_bool(${value})`;
    case 'date': {
      const formats = plan.dateFormats.map((f) => `'${f}'`).join(', ');
      const other = formats ? `TRY_CAST(try_strptime(${value}, [${formats}]) AS DATE)` : 'NULL';
      return `coalesce(hs_iso_date(${value}), ${other})`;
    }
    case 'enum': {
      const column = plan.columns.find((c) => c.field === field);
      const cases = Object.entries(column?.enumValues ?? {})
        .map(([spelling, canonical]) => `WHEN '${spelling}' THEN '${canonical}'`)
        .join(' ');
      return `CASE hs_token(${value}) ${cases} ELSE NULL END`;
    }
    case 'ref':
      return value;
  }
}

/** `WHEN … THEN 'code|target'` for each column's own checks, in file order. */
function problemCases(plan: ImportPlan): string {
  const cases: string[] = [`WHEN r.r_id IS NULL THEN 'required|id'`];
  for (const column of plan.columns) {
    const field = column.field;
    if (!field || field.type.kind === 'ref') continue;
    const r = `r.${raw(column.target)}`;
    const v = `r.${typed(column.target)}`;
    const tag = (code: RowErrorCode): string => `'${code}|${column.target}'`;
    if (field.required) cases.push(`WHEN ${r} IS NULL THEN ${tag('required')}`);
    const type = field.type;
    switch (type.kind) {
      case 'integer':
        cases.push(
          `WHEN ${r} IS NOT NULL AND (${v} IS NULL OR ${v} <> floor(${v})) THEN ${tag('invalid_number')}`,
        );
        if (type.min !== undefined)
          cases.push(`WHEN ${v} < ${type.min} THEN ${tag('out_of_range')}`);
        break;
      case 'number':
      case 'money':
        cases.push(`WHEN ${r} IS NOT NULL AND ${v} IS NULL THEN ${tag('invalid_number')}`);
        if (type.min !== undefined)
          cases.push(`WHEN ${v} < ${type.min} THEN ${tag('out_of_range')}`);
        if (type.kind === 'number' && type.max !== undefined)
          cases.push(`WHEN ${v} > ${type.max} THEN ${tag('out_of_range')}`);
        break;
      case 'date':
        cases.push(`WHEN ${r} IS NOT NULL AND ${v} IS NULL THEN ${tag('invalid_date')}`);
        cases.push(
          `WHEN ${v} < DATE '1900-01-01' OR ${v} > DATE '2100-12-31' THEN ${tag('out_of_range')}`,
        );
        break;
      case 'boolean':
      case 'enum':
        cases.push(`WHEN ${r} IS NOT NULL AND ${v} IS NULL THEN ${tag('invalid_value')}`);
        break;
      case 'text':
        break;
    }
  }
  for (const order of plan.dateOrders) {
    cases.push(
      `WHEN r.${typed(order.later)} < r.${typed(order.earlier)} THEN 'invalid_range|${order.later}'`,
    );
  }
  return cases.join(' ');
}

type Method = { how: string; table: string; key: string; filter: string; value: string };

/** Joins that resolve every reference column to an internal id, and the problems they raise. */
function referenceJoins(plan: ImportPlan): {
  select: string[];
  joins: string[];
  problems: string[];
  hasAccount: boolean;
} {
  const select: string[] = [];
  const joins: string[] = [];
  const problems: string[] = [];
  const has = (target: string): boolean => plan.columns.some((c) => c.target === target);
  const refFields = entitySpec(plan.entity).fields.filter((f) => f.type.kind === 'ref');
  let hasAccount = false;
  for (const field of refFields) {
    if (field.type.kind !== 'ref') continue;
    const methods: Method[] = [];
    const table = REF_TABLE[field.type.to];
    const sameSource = `source = $1`;
    const val = (target: string): string => `t.${raw(target)}`;
    if (field.name === 'account_id') {
      if (has('account_id')) {
        methods.push({
          how: 'id',
          table,
          key: 'external_id',
          filter: sameSource,
          value: val('account_id'),
        });
        methods.push({
          how: 'id',
          table,
          key: 'external_id',
          filter: 'true',
          value: val('account_id'),
        });
      }
      if (has('account_domain')) {
        methods.push({
          how: 'domain',
          table,
          key: 'domain_key',
          filter: 'domain_key IS NOT NULL',
          value: `hs_domain_key(${val('account_domain')})`,
        });
      }
      if (has('account_name')) {
        methods.push({
          how: 'name',
          table,
          key: 'name_key',
          filter: 'true',
          value: `hs_name_key(${val('account_name')})`,
        });
      }
      if (methods.length === 0) continue;
      hasAccount = true;
    } else {
      if (!has(field.name)) continue;
      const v = val(field.name);
      methods.push({ how: 'id', table, key: 'external_id', filter: sameSource, value: v });
      if (field.type.to === 'rep') {
        methods.push({
          how: 'email',
          table,
          key: 'lower(email)',
          filter: 'email IS NOT NULL',
          value: `lower(${v})`,
        });
        methods.push({
          how: 'name',
          table,
          key: 'lower(name)',
          filter: 'true',
          value: `lower(${v})`,
        });
      }
      if (field.type.to === 'product_family') {
        methods.push({
          how: 'name',
          table,
          key: 'lower(name)',
          filter: 'true',
          value: `lower(${v})`,
        });
      }
    }
    const alias = (i: number): string => `m_${field.name}_${i}`;
    methods.forEach((m, i) => {
      joins.push(
        `LEFT JOIN (SELECT ${m.key} AS k, min(id) AS id, count(*) AS n FROM ${m.table} WHERE ${m.filter} GROUP BY ${m.key}) ${alias(i)} ON ${alias(i)}.k = ${m.value}`,
      );
    });
    if (field.name === 'parent_id') {
      // a parent may also be a new account in the same file
      joins.push(
        `LEFT JOIN (SELECT DISTINCT r_id FROM t) m_parent_in_file ON m_parent_in_file.r_id = t.r_parent_id`,
      );
    }
    const unique = methods.map((_, i) => `WHEN ${alias(i)}.n = 1 THEN ${alias(i)}.id`).join(' ');
    select.push(`CASE ${unique} END AS ${typed(field.name)}`);
    if (field.name === 'account_id') {
      select.push(
        `CASE ${methods.map((m, i) => `WHEN ${alias(i)}.n = 1 THEN '${m.how}'`).join(' ')} END AS account_how`,
      );
    }
    // resolution is decided where the joins are visible; the problems read it from `r`
    const inFile = field.name === 'parent_id' ? ' OR m_parent_in_file.r_id IS NOT NULL' : '';
    const resolved = methods.map((_, i) => `coalesce(${alias(i)}.n = 1, false)`).join(' OR ');
    const ambiguous = methods.map((_, i) => `coalesce(${alias(i)}.n > 1, false)`).join(' OR ');
    select.push(`(${resolved}${inFile}) AS ${q(`ok_${field.name}`)}`);
    select.push(`(${ambiguous}) AS ${q(`amb_${field.name}`)}`);
    const ok = `r.${q(`ok_${field.name}`)}`;
    const amb = `r.${q(`amb_${field.name}`)}`;
    const anyValue =
      field.name === 'account_id'
        ? ['account_id', 'account_domain', 'account_name']
            .filter(has)
            .map((t) => `r.${raw(t)} IS NOT NULL`)
            .join(' OR ')
        : `r.${raw(field.name)} IS NOT NULL`;
    if (field.name === 'account_id') {
      problems.push(`WHEN NOT (${anyValue}) THEN 'required|account_id'`);
      problems.push(`WHEN NOT ${ok} AND ${amb} THEN 'ambiguous_account|account_id'`);
      problems.push(`WHEN NOT ${ok} THEN 'unknown_account|account_id'`);
    } else {
      if (field.required) problems.push(`WHEN NOT (${anyValue}) THEN 'required|${field.name}'`);
      problems.push(`WHEN (${anyValue}) AND NOT ${ok} THEN 'unknown_reference|${field.name}'`);
    }
  }
  return { select, joins, problems, hasAccount };
}

/** A target-table column an import writes, the expression of its value, and whether a change counts. */
export type Written = { column: string; expr: string; compare: boolean };

/** What the checked table keeps of each row: its id, the values to write, the references. */
function keptColumns(plan: ImportPlan, written: Written[]): string[] {
  const kept = new Set(['r.rec', 'r.r_id']);
  if (plan.columns.some((c) => c.target === 'parent_id')) kept.add(`r.${raw('parent_id')}`);
  for (const w of written) {
    for (const match of w.expr.matchAll(/"v_[a-z_]+"|account_how/g)) kept.add(`r.${match[0]}`);
  }
  return [...kept];
}

/** The target-table columns an import writes: the mapped fields (unmapped ones stay as they are). */
function writtenColumns(plan: ImportPlan): Written[] {
  const spec = entitySpec(plan.entity);
  const mapped = new Set(plan.columns.map((c) => c.target));
  const written: Written[] = [];
  for (const field of spec.fields) {
    if (field.name === 'account_id') {
      if (!['account_id', 'account_domain', 'account_name'].some((t) => mapped.has(t))) continue;
      written.push({ column: 'account_id', expr: typed('account_id'), compare: true });
      written.push({ column: 'account_match', expr: 'account_how', compare: false });
      continue;
    }
    if (!mapped.has(field.name)) continue;
    // parent ids are set after insert so that parents in the same file resolve
    if (field.name === 'parent_id') continue;
    written.push({ column: field.name, expr: typed(field.name), compare: true });
  }
  if (plan.entity === 'account') {
    written.push({ column: 'name_key', expr: `hs_name_key(${typed('name')})`, compare: false });
    if (mapped.has('domain'))
      written.push({
        column: 'domain_key',
        expr: `hs_domain_key(${typed('domain')})`,
        compare: false,
      });
  }
  return written;
}
