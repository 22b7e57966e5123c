import type { Transaction } from '../core/models/calibration-summary.ts';
import { readDate, readInteger, readMoney } from './lifecycle-queries.ts';
import type { SqlValue, Store } from './store.ts';

/** A purchase for the customer-base models, with the account's internal id. */
export type InvoiceTransaction = Transaction & { accountId: number };

/** Options of {@link readInvoiceTransactions}; each field documents its default. */
export type ReadInvoiceTransactionsOptions = {
  /** Only invoices issued on or before this ISO date (default: all). */
  through?: string;
};

/**
 * The workspace's invoices as transactions, one per invoice with a positive amount (credit
 * notes are not purchases): customerId = the account's external id (prefixed with its source
 * when two sources use the same id), date = issued_on, amount. Ordered by date. Portable SQL.
 */
export async function readInvoiceTransactions(
  store: Store,
  options: ReadInvoiceTransactionsOptions = {},
): Promise<InvoiceTransaction[]> {
  const params: SqlValue[] = [];
  let through = '';
  if (options.through !== undefined) {
    params.push(options.through);
    through = 'AND i.issued_on <= CAST($1 AS DATE)';
  }
  const rows = await store.all(
    `SELECT i.account_id,
            CASE WHEN k.n > 1 THEN a.source || ':' || a.external_id ELSE a.external_id END AS customer_id,
            CAST(i.issued_on AS VARCHAR) AS issued_on,
            CAST(i.amount AS DOUBLE PRECISION) AS amount
     FROM invoice i
     JOIN account a ON a.id = i.account_id
     JOIN (SELECT external_id, COUNT(*) AS n FROM account GROUP BY external_id) k
       ON k.external_id = a.external_id
     WHERE i.amount > 0 ${through}
     ORDER BY i.issued_on, i.id`,
    params,
  );
  return rows.map((r) => ({
    accountId: readInteger(r.account_id, 'account_id'),
    customerId: String(r.customer_id),
    date: readDate(r.issued_on, 'issued_on'),
    amount: readMoney(r.amount, 'amount'),
  }));
}
