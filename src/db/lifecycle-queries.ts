import type { AccountScope } from '../core/access.ts';
import { StoreError } from '../core/errors.ts';
import type {
  CompetitorSightingRecord,
  ContractRecord,
  DealRecord,
  InvoiceRecord,
  MonthlyRevenue,
} from '../core/lifecycle/lifecycle-records.ts';
import { accountScopeFilter } from './account-scope.ts';
import type { Row, SqlValue, Store } from './store.ts';

/*
 * Portable SQL (DuckDB and PostgreSQL): dates are bound as text and CAST to DATE, read back
 * as CAST(... AS VARCHAR) (ISO YYYY-MM-DD under PostgreSQL's default DateStyle), money as
 * DOUBLE PRECISION, months through EXTRACT, windows through INTERVAL literals. Every loader
 * takes asOf and returns only what was known on asOf (dated on or before it), and a scope
 * (default: every account) that keeps the records of the accounts a user may see.
 */

/** Event dates that say a workspace has data up to a day (not due, end or expected-close dates). */
const EVENT_DATES: readonly (readonly [table: string, column: string, where?: string])[] = [
  ['invoice', 'issued_on'],
  ['invoice', 'paid_on'],
  ['deal', 'created_on'],
  ['deal', 'close_date', "stage <> 'open'"],
  ['contract', 'start_date'],
  ['ticket', 'opened_on'],
  ['ticket', 'closed_on'],
  ['activity', 'occurred_on'],
  ['assessment_answer', 'answered_on'],
  ['competitor_sighting', 'seen_on'],
  ['feature_request', 'requested_on'],
  ['signal', 'reported_on'],
  ['account', 'created_on'],
];

/**
 * The newest dated event in the workspace (ISO YYYY-MM-DD): the latest invoice issued or paid,
 * deal created or closed, contract started, ticket opened or closed, activity, answer, sighting,
 * request, signal or account created. It is the workspace's "today", the default asOf of every
 * report (never the clock). Null for a workspace without dated records.
 */
export async function newestRecordDate(store: Store): Promise<string | null> {
  const parts = EVENT_DATES.map(
    ([table, column, where]) =>
      `SELECT MAX(${column}) AS d FROM ${table}${where ? ` WHERE ${where}` : ''}`,
  ).join(' UNION ALL ');
  const rows = await store.all(`SELECT CAST(MAX(d) AS VARCHAR) AS newest FROM (${parts}) t`);
  return readOptionalDate(rows[0]?.newest, 'newest');
}

/** Contracts (pilot and term) started on or before asOf, with their account's name. */
export async function loadContracts(
  store: Store,
  asOf: string,
  scope?: AccountScope,
): Promise<ContractRecord[]> {
  const params: SqlValue[] = [asOf];
  const inScope = accountScopeFilter(scope, { column: 'c.account_id', params });
  const rows = await store.all(
    `SELECT c.id, c.external_id, c.account_id, a.name AS account_name, c.product_family_id,
            c.kind, c.status,
            CAST(c.start_date AS VARCHAR) AS start_date, CAST(c.end_date AS VARCHAR) AS end_date,
            CAST(c.renewal_date AS VARCHAR) AS renewal_date,
            CAST(c.annual_value AS DOUBLE PRECISION) AS annual_value
     FROM contract c JOIN account a ON a.id = c.account_id
     WHERE c.start_date <= CAST($1 AS DATE) AND ${inScope}
     ORDER BY c.start_date, c.id`,
    params,
  );
  return rows.map((r) => {
    const kind = String(r.kind);
    if (kind !== 'pilot' && kind !== 'term')
      throw new StoreError(`contract ${String(r.id)}: unknown kind "${kind}"`);
    return {
      id: readInteger(r.id, 'id'),
      externalId: String(r.external_id),
      accountId: readInteger(r.account_id, 'account_id'),
      accountName: String(r.account_name),
      productFamilyId: r.product_family_id === null ? null : readInteger(r.product_family_id, 'id'),
      kind,
      status: String(r.status),
      startDate: readDate(r.start_date, 'start_date'),
      endDate: readDate(r.end_date, 'end_date'),
      renewalDate: readOptionalDate(r.renewal_date, 'renewal_date'),
      annualValue: readMoney(r.annual_value, 'annual_value'),
    };
  });
}

/** Deals open on asOf: created by then, and stage open or closed after asOf. */
export async function loadOpenDeals(
  store: Store,
  asOf: string,
  scope?: AccountScope,
): Promise<DealRecord[]> {
  const params: SqlValue[] = [asOf];
  const inScope = accountScopeFilter(scope, { column: 'account_id', params });
  const rows = await store.all(
    `SELECT id, account_id, stage, CAST(created_on AS VARCHAR) AS created_on,
            CAST(close_date AS VARCHAR) AS close_date, CAST(amount AS DOUBLE PRECISION) AS amount
     FROM deal
     WHERE created_on <= CAST($1 AS DATE)
       AND (stage = 'open' OR close_date > CAST($1 AS DATE)) AND ${inScope}
     ORDER BY id`,
    params,
  );
  return rows.map((r) => {
    const stage = String(r.stage);
    if (stage !== 'open' && stage !== 'won' && stage !== 'lost')
      throw new StoreError(`deal ${String(r.id)}: unknown stage "${stage}"`);
    return {
      id: readInteger(r.id, 'id'),
      accountId: readInteger(r.account_id, 'account_id'),
      stage,
      createdOn: readDate(r.created_on, 'created_on'),
      closeDate: readOptionalDate(r.close_date, 'close_date'),
      amount: readMoney(r.amount, 'amount'),
    };
  });
}

/** Invoiced revenue per account and calendar month (YYYY-MM), invoices issued on or before asOf. */
export async function loadMonthlyRevenue(
  store: Store,
  asOf: string,
  scope?: AccountScope,
): Promise<MonthlyRevenue[]> {
  const params: SqlValue[] = [asOf];
  const inScope = accountScopeFilter(scope, { column: 'account_id', params });
  const rows = await store.all(
    `SELECT account_id, y, m, CAST(SUM(amount) AS DOUBLE PRECISION) AS revenue
     FROM (SELECT account_id, amount,
                  CAST(EXTRACT(YEAR FROM issued_on) AS INTEGER) AS y,
                  CAST(EXTRACT(MONTH FROM issued_on) AS INTEGER) AS m
           FROM invoice WHERE issued_on <= CAST($1 AS DATE) AND ${inScope}) t
     GROUP BY account_id, y, m
     ORDER BY account_id, y, m`,
    params,
  );
  return rows.map((r) => ({
    accountId: readInteger(r.account_id, 'account_id'),
    month: `${String(readInteger(r.y, 'year')).padStart(4, '0')}-${String(readInteger(r.m, 'month')).padStart(2, '0')}`,
    revenue: readMoney(r.revenue, 'revenue'),
  }));
}

/** Competitor sightings in the `months` months up to asOf: seen_on in (asOf − months, asOf]. */
export async function loadCompetitorSightings(
  store: Store,
  options: { asOf: string; months: number; scope?: AccountScope },
): Promise<CompetitorSightingRecord[]> {
  if (!Number.isInteger(options.months) || options.months < 1)
    throw new StoreError(`loadCompetitorSightings: months must be a positive integer`);
  const params: SqlValue[] = [options.asOf];
  const inScope = accountScopeFilter(options.scope, {
    column: 'account_id',
    params,
  });
  const rows = await store.all(
    `SELECT account_id, competitor, CAST(seen_on AS VARCHAR) AS seen_on
     FROM competitor_sighting
     WHERE seen_on <= CAST($1 AS DATE)
       AND seen_on > CAST($1 AS DATE) - INTERVAL '${options.months} months' AND ${inScope}
     ORDER BY seen_on, id`,
    params,
  );
  return rows.map((r) => ({
    accountId: readInteger(r.account_id, 'account_id'),
    competitor: String(r.competitor),
    seenOn: readDate(r.seen_on, 'seen_on'),
  }));
}

/** Invoices issued by asOf, due before asOf and unpaid on asOf (not paid, or paid after asOf). */
export async function loadOverdueInvoices(
  store: Store,
  asOf: string,
  scope?: AccountScope,
): Promise<InvoiceRecord[]> {
  const params: SqlValue[] = [asOf];
  const inScope = accountScopeFilter(scope, { column: 'account_id', params });
  const rows = await store.all(
    `SELECT account_id, CAST(issued_on AS VARCHAR) AS issued_on, CAST(due_on AS VARCHAR) AS due_on,
            CAST(paid_on AS VARCHAR) AS paid_on, CAST(amount AS DOUBLE PRECISION) AS amount
     FROM invoice
     WHERE issued_on <= CAST($1 AS DATE) AND due_on < CAST($1 AS DATE)
       AND (paid_on IS NULL OR paid_on > CAST($1 AS DATE)) AND ${inScope}
     ORDER BY due_on, id`,
    params,
  );
  return rows.map((r) => ({
    accountId: readInteger(r.account_id, 'account_id'),
    issuedOn: readDate(r.issued_on, 'issued_on'),
    dueOn: readDate(r.due_on, 'due_on'),
    paidOn: readOptionalDate(r.paid_on, 'paid_on'),
    amount: readMoney(r.amount, 'amount'),
  }));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date read back from the store (text from CAST AS VARCHAR, or a driver's Date). */
export function readDate(value: Row[string], column: string): string {
  if (typeof value === 'string' && ISO_DATE.test(value)) return value;
  if (value instanceof Date && !Number.isNaN(value.getTime()))
    return value.toISOString().slice(0, 10);
  throw new StoreError(`${column}: expected a date, got ${JSON.stringify(value)}`);
}

/** An ISO date or null (see {@link readDate}). */
export function readOptionalDate(value: Row[string], column: string): string | null {
  return value === null || value === undefined ? null : readDate(value, column);
}

/** An id or count read back from the store (BIGINT as number or bigint, or text). */
export function readInteger(value: Row[string], column: string): number {
  const n =
    typeof value === 'number' || typeof value === 'bigint' || typeof value === 'string'
      ? Number(value)
      : Number.NaN;
  if (!Number.isSafeInteger(n))
    throw new StoreError(`${column}: expected an integer, got ${String(value)}`);
  return n;
}

/** Money read back as DOUBLE PRECISION (PostgreSQL drivers may hand numerics over as text). */
export function readMoney(value: Row[string], column: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new StoreError(`${column}: expected an amount, got ${String(value)}`);
  return n;
}
