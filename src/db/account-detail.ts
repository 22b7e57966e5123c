import type { Store } from './store.ts';

/*
 * Read queries behind the HTTP API's accounts table and account page. Portable SQL only
 * (DuckDB and PostgreSQL): dates are cast to VARCHAR and decimals to DOUBLE PRECISION here.
 */

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const text = (v: unknown): string | null => (v as string | null | undefined) ?? null;

export type AccountRecord = {
  id: number;
  externalId: string;
  source: string;
  name: string;
  domain: string | null;
  industry: string | null;
  country: string | null;
  region: string | null;
  employees: number | null;
  annualRevenue: number | null;
  createdOn: string | null;
  owner: { id: number; externalId: string; name: string; email: string | null } | null;
  parent: { id: number; externalId: string; name: string } | null;
};

/** An account's firmographics with its owner and parent, by internal id; null when there is none. */
export async function readAccount(store: Store, accountId: number): Promise<AccountRecord | null> {
  const [row] = await store.all(
    `SELECT a.id, a.external_id, a.source, a.name, a.domain, a.industry, a.country, a.region, a.employees,
            CAST(a.annual_revenue AS DOUBLE PRECISION) AS annual_revenue, CAST(a.created_on AS VARCHAR) AS created_on,
            r.id AS owner_id, r.external_id AS owner_external_id, r.name AS owner_name, r.email AS owner_email,
            p.id AS parent_id, p.external_id AS parent_external_id, p.name AS parent_name
     FROM account a
     LEFT JOIN rep r ON r.id = a.owner_id
     LEFT JOIN account p ON p.id = a.parent_id
     WHERE a.id = $1`,
    [accountId],
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    externalId: String(row.external_id),
    source: String(row.source),
    name: String(row.name),
    domain: text(row.domain),
    industry: text(row.industry),
    country: text(row.country),
    region: text(row.region),
    employees: num(row.employees),
    annualRevenue: num(row.annual_revenue),
    createdOn: text(row.created_on),
    owner:
      row.owner_id === null
        ? null
        : {
            id: Number(row.owner_id),
            externalId: String(row.owner_external_id),
            name: String(row.owner_name),
            email: text(row.owner_email),
          },
    parent:
      row.parent_id === null
        ? null
        : {
            id: Number(row.parent_id),
            externalId: String(row.parent_external_id),
            name: String(row.parent_name),
          },
  };
}

export type ScoreHistoryEntry = {
  runId: number;
  asOf: string;
  createdAt: string;
  stage: string | null;
  productLine: string | null;
  need: number | null;
  value: number | null;
  behavior: number | null;
  /** The computed tier of that run (overrides apply to the present only). */
  tier: string;
  highValue: boolean;
  category: string;
};

/** The account's scores in every scoring run (not backtests) that scored it, oldest run first. */
export async function readScoreHistory(
  store: Store,
  accountId: number,
): Promise<ScoreHistoryEntry[]> {
  const rows = await store.all(
    `SELECT s.run_id, CAST(r.as_of AS VARCHAR) AS as_of, CAST(r.created_at AS VARCHAR) AS created_at, r.stage,
            r.product_line, s.need_score, s.value_score, s.behavior_score, s.tier, s.high_value, s.category
     FROM account_score s JOIN score_run r ON r.id = s.run_id
     WHERE s.account_id = $1 AND r.purpose = 'score' ORDER BY s.run_id`,
    [accountId],
  );
  return rows.map((r) => ({
    runId: Number(r.run_id),
    asOf: String(r.as_of),
    createdAt: String(r.created_at).slice(0, 19),
    stage: text(r.stage),
    productLine: text(r.product_line),
    need: num(r.need_score),
    value: num(r.value_score),
    behavior: num(r.behavior_score),
    tier: String(r.tier),
    highValue: Boolean(r.high_value),
    category: String(r.category),
  }));
}

export type ContactRecord = {
  id: number;
  externalId: string;
  name: string;
  title: string | null;
  seniority: string | null;
  role: string | null;
  businessUnit: string | null;
  email: string | null;
};

/** The account's contacts, most senior first (C-level, VP, director, manager, staff, unknown), then by name. */
export async function readContacts(store: Store, accountId: number): Promise<ContactRecord[]> {
  const rows = await store.all(
    `SELECT id, external_id, name, title, seniority, role, business_unit, email FROM contact
     WHERE account_id = $1
     ORDER BY CASE seniority WHEN 'c_level' THEN 0 WHEN 'vp' THEN 1 WHEN 'director' THEN 2
                             WHEN 'manager' THEN 3 WHEN 'staff' THEN 4 ELSE 5 END, name, id`,
    [accountId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: String(r.external_id),
    name: String(r.name),
    title: text(r.title),
    seniority: text(r.seniority),
    role: text(r.role),
    businessUnit: text(r.business_unit),
    email: text(r.email),
  }));
}

export type DealRecord = {
  id: number;
  externalId: string;
  name: string | null;
  amount: number;
  stage: string;
  type: string;
  productFamily: string | null;
  createdOn: string;
  closeDate: string | null;
};

/** The account's deals, newest first. */
export async function readDeals(store: Store, accountId: number): Promise<DealRecord[]> {
  const rows = await store.all(
    `SELECT d.id, d.external_id, d.name, CAST(d.amount AS DOUBLE PRECISION) AS amount, d.stage, d.type,
            f.name AS product_family, CAST(d.created_on AS VARCHAR) AS created_on, CAST(d.close_date AS VARCHAR) AS close_date
     FROM deal d LEFT JOIN product_family f ON f.id = d.product_family_id
     WHERE d.account_id = $1 ORDER BY d.created_on DESC, d.id DESC`,
    [accountId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: String(r.external_id),
    name: text(r.name),
    amount: Number(r.amount),
    stage: String(r.stage),
    type: String(r.type),
    productFamily: text(r.product_family),
    createdOn: String(r.created_on),
    closeDate: text(r.close_date),
  }));
}

export type ContractRecord = {
  id: number;
  externalId: string;
  productFamily: string | null;
  startDate: string;
  endDate: string;
  annualValue: number;
  kind: string;
  status: string;
  renewalDate: string | null;
};

/** The account's contracts, latest start first. */
export async function readContracts(store: Store, accountId: number): Promise<ContractRecord[]> {
  const rows = await store.all(
    `SELECT c.id, c.external_id, f.name AS product_family, CAST(c.start_date AS VARCHAR) AS start_date,
            CAST(c.end_date AS VARCHAR) AS end_date, CAST(c.annual_value AS DOUBLE PRECISION) AS annual_value,
            c.kind, c.status, CAST(c.renewal_date AS VARCHAR) AS renewal_date
     FROM contract c LEFT JOIN product_family f ON f.id = c.product_family_id
     WHERE c.account_id = $1 ORDER BY c.start_date DESC, c.id DESC`,
    [accountId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: String(r.external_id),
    productFamily: text(r.product_family),
    startDate: String(r.start_date),
    endDate: String(r.end_date),
    annualValue: Number(r.annual_value),
    kind: String(r.kind),
    status: String(r.status),
    renewalDate: text(r.renewal_date),
  }));
}

export type InvoiceRecord = {
  id: number;
  externalId: string;
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  amount: number;
  productFamily: string | null;
};

/** The account's latest `limit` invoices (newest first) and how many it has in all. */
export async function readInvoices(
  store: Store,
  options: { accountId: number; limit: number },
): Promise<{ total: number; items: InvoiceRecord[] }> {
  const [count] = await store.all<{ n: number }>(
    'SELECT count(*) AS n FROM invoice WHERE account_id = $1',
    [options.accountId],
  );
  const rows = await store.all(
    `SELECT i.id, i.external_id, CAST(i.issued_on AS VARCHAR) AS issued_on, CAST(i.due_on AS VARCHAR) AS due_on,
            CAST(i.paid_on AS VARCHAR) AS paid_on, CAST(i.amount AS DOUBLE PRECISION) AS amount, f.name AS product_family
     FROM invoice i LEFT JOIN product_family f ON f.id = i.product_family_id
     WHERE i.account_id = $1 ORDER BY i.issued_on DESC, i.id DESC LIMIT $2`,
    [options.accountId, options.limit],
  );
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      id: Number(r.id),
      externalId: String(r.external_id),
      issuedOn: String(r.issued_on),
      dueOn: String(r.due_on),
      paidOn: text(r.paid_on),
      amount: Number(r.amount),
      productFamily: text(r.product_family),
    })),
  };
}

export type TicketRecord = {
  id: number;
  externalId: string;
  openedOn: string;
  closedOn: string | null;
  severity: string;
};

/** The account's latest `limit` tickets (newest first) and how many it has in all. */
export async function readTickets(
  store: Store,
  options: { accountId: number; limit: number },
): Promise<{ total: number; items: TicketRecord[] }> {
  const [count] = await store.all<{ n: number }>(
    'SELECT count(*) AS n FROM ticket WHERE account_id = $1',
    [options.accountId],
  );
  const rows = await store.all(
    `SELECT id, external_id, CAST(opened_on AS VARCHAR) AS opened_on, CAST(closed_on AS VARCHAR) AS closed_on, severity
     FROM ticket WHERE account_id = $1 ORDER BY opened_on DESC, id DESC LIMIT $2`,
    [options.accountId, options.limit],
  );
  return {
    total: Number(count?.n ?? 0),
    items: rows.map((r) => ({
      id: Number(r.id),
      externalId: String(r.external_id),
      openedOn: String(r.opened_on),
      closedOn: text(r.closed_on),
      severity: String(r.severity),
    })),
  };
}

export type CompetitorSightingRecord = {
  id: number;
  externalId: string;
  competitor: string;
  productArea: string | null;
  pitch: string | null;
  seenOn: string;
  reportedBy: string | null;
};

/** Competitors seen at the account, latest first. */
export async function readCompetitorSightings(
  store: Store,
  accountId: number,
): Promise<CompetitorSightingRecord[]> {
  const rows = await store.all(
    `SELECT id, external_id, competitor, product_area, pitch, CAST(seen_on AS VARCHAR) AS seen_on, reported_by
     FROM competitor_sighting WHERE account_id = $1 ORDER BY seen_on DESC, id DESC`,
    [accountId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: String(r.external_id),
    competitor: String(r.competitor),
    productArea: text(r.product_area),
    pitch: text(r.pitch),
    seenOn: String(r.seen_on),
    reportedBy: text(r.reported_by),
  }));
}

export type AssessmentAnswerRecord = {
  id: number;
  externalId: string;
  questionId: string;
  answer: number;
  answeredBy: string | null;
  answeredOn: string;
};

/** The reps' assessment answers for the account, by question, latest answer first. */
export async function readAccountAnswers(
  store: Store,
  accountId: number,
): Promise<AssessmentAnswerRecord[]> {
  const rows = await store.all(
    `SELECT id, external_id, question_id, answer, answered_by, CAST(answered_on AS VARCHAR) AS answered_on
     FROM assessment_answer WHERE account_id = $1 ORDER BY question_id, answered_on DESC, id DESC`,
    [accountId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    externalId: String(r.external_id),
    questionId: String(r.question_id),
    answer: Number(r.answer),
    answeredBy: text(r.answered_by),
    answeredOn: String(r.answered_on),
  }));
}

/** Stores answers given on the account page (source `hotspot`), stamped with an import id. */
export async function insertAccountAnswers(
  store: Store,
  input: {
    importId: number;
    accountId: number;
    answers: readonly { questionId: string; answer: number }[];
    by: string;
    answeredOn: string;
  },
): Promise<void> {
  for (const { questionId, answer } of input.answers) {
    await store.run(
      `INSERT INTO assessment_answer (source, external_id, account_id, account_match, question_id, answer,
         answered_by, answered_on, import_id)
       VALUES ('hotspot', $1, $2, 'id', $3, $4, $5, CAST($6 AS DATE), $7)`,
      [
        `answer-${input.importId}-${questionId}`,
        input.accountId,
        questionId,
        answer,
        input.by,
        input.answeredOn,
        input.importId,
      ],
    );
  }
}
