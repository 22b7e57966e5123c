/**
 * The records lifecycle metrics read, as the store loads them: dates are ISO YYYY-MM-DD,
 * money is in the workspace currency, ids are the store's internal ids.
 */

/** A pilot or term contract (subscription). */
export type ContractRecord = {
  id: number;
  externalId: string;
  accountId: number;
  /** The account's name, carried for display only. */
  accountName: string;
  productFamilyId: number | null;
  kind: 'pilot' | 'term';
  status: string;
  startDate: string;
  /** Last day in force (inclusive). */
  endDate: string;
  /** When it comes up for renewal; null means the day after endDate. */
  renewalDate: string | null;
  /** Annual value (money per year). */
  annualValue: number;
};

/** A deal (opportunity): open at a date when created by then and not closed by then. */
export type DealRecord = {
  id: number;
  accountId: number;
  stage: 'open' | 'won' | 'lost';
  createdOn: string;
  /** Close date (expected close for open deals); null when unknown. */
  closeDate: string | null;
  amount: number;
};

/** Invoiced revenue of one account in one calendar month (money). */
export type MonthlyRevenue = { accountId: number; month: string; revenue: number };

/** One competitor sighting at an account. */
export type CompetitorSightingRecord = { accountId: number; competitor: string; seenOn: string };

/** An invoice, for payment status at a date (unpaid then: paidOn null or later). */
export type InvoiceRecord = {
  accountId: number;
  issuedOn: string;
  dueOn: string;
  paidOn: string | null;
  amount: number;
};
