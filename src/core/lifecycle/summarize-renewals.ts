import {
  addDays,
  addMonths,
  assertIsoDate,
  lastCompleteMonth,
  monthIndex,
  monthLabel,
} from './calendar-months.ts';
import { indexRevenue, revenueBetween } from './index-revenue.ts';
import type {
  CompetitorSightingRecord,
  ContractRecord,
  InvoiceRecord,
  MonthlyRevenue,
} from './lifecycle-records.ts';

/** What {@link summarizeRenewals} reads besides the contracts; every list may hold more than it needs. */
export type RenewalInputs = {
  contracts: readonly ContractRecord[];
  revenue: readonly MonthlyRevenue[];
  sightings: readonly CompetitorSightingRecord[];
  invoices: readonly InvoiceRecord[];
};

/** Options of {@link summarizeRenewals}; each field documents its default. */
export type RenewalOptions = {
  /** The workspace's "today", ISO YYYY-MM-DD. */
  asOf: string;
  /** Months ahead to list renewals for (default 12). */
  months?: number;
  /** Behavior score (0..100) per account id, from the scoring engine; absent: the signal is not evaluated. */
  behaviorScores?: ReadonlyMap<number, number>;
  /** A behavior score below this is a risk signal (default 40). */
  lowBehaviorBelow?: number;
  /** Spend in the last 6 months below this share of the 6 months before is falling (default 0.8). */
  fallingSpendRatio?: number;
};

export type RenewalSignal = 'falling_spend' | 'competitor' | 'overdue_invoices' | 'low_behavior';

export type RenewalRisk = 'high' | 'medium' | 'low';

export type UpcomingRenewal = {
  contractId: number;
  externalId: string;
  accountId: number;
  accountName: string;
  productFamilyId: number | null;
  renewalDate: string;
  /** Value at stake: the contract's annual value (money per year). */
  annualValue: number;
  /** The account's invoiced revenue in the last 6 complete months and the 6 months before (money). */
  spendLast6Months: number;
  spendPrevious6Months: number;
  /** Competitor sightings at the account in the 12 months up to asOf. */
  competitorSightings: number;
  /** Invoices due before asOf and unpaid on asOf, and their amount (money). */
  overdueInvoices: number;
  overdueAmount: number;
  /** The supplied behavior score, or null when none was supplied for the account. */
  behaviorScore: number | null;
  signals: RenewalSignal[];
  /** high: 2 or more signals; medium: 1; low: none. */
  risk: RenewalRisk;
};

export type RenewalMonth = {
  month: string;
  contracts: number;
  /** Σ annual value renewing in the month (money per year). */
  valueAtStake: number;
  atRisk: number;
  /** Σ annual value of contracts with at least one risk signal. */
  valueAtRisk: number;
};

export type RenewalSummary = {
  asOf: string;
  /** Renewals due after asOf up to and including this date. */
  until: string;
  behaviorScoresSupplied: boolean;
  months: RenewalMonth[];
  totals: Omit<RenewalMonth, 'month'>;
  renewals: UpcomingRenewal[];
  definitions: string[];
};

/**
 * Upcoming renewals (DESIGN section 5): term contracts started by asOf whose renewal date (or
 * end date + 1 day when none) falls after asOf and within `months` months, unless a later term
 * contract of the same account and product family has already started (renewed early). Each is
 * checked for risk signals: falling spend (last 6 complete months < 80% of the 6 before),
 * competitor sightings in the last 12 months, invoices overdue and unpaid on asOf, and a
 * behavior score below 40 when scores are supplied. Throws ModelInputError for a malformed asOf.
 */
export function summarizeRenewals(inputs: RenewalInputs, options: RenewalOptions): RenewalSummary {
  const { asOf } = options;
  assertIsoDate('summarizeRenewals', asOf);
  const horizon = options.months ?? 12;
  const until = addMonths(asOf, horizon);
  const lowBehavior = options.lowBehaviorBelow ?? 40;
  const fallingRatio = options.fallingSpendRatio ?? 0.8;

  const terms = inputs.contracts.filter((c) => c.kind === 'term' && c.startDate <= asOf);
  const termsOfAccount = new Map<number, ContractRecord[]>();
  for (const t of terms)
    termsOfAccount.set(t.accountId, [...(termsOfAccount.get(t.accountId) ?? []), t]);
  const due = terms
    .map((c) => ({ contract: c, renewalDate: c.renewalDate ?? addDays(c.endDate, 1) }))
    .filter(({ contract, renewalDate }) => {
      if (renewalDate <= asOf || renewalDate > until) return false;
      // a successor on the same line already in force means it was renewed early
      return !(termsOfAccount.get(contract.accountId) ?? []).some(
        (t) => t.productFamilyId === contract.productFamilyId && t.startDate > contract.startDate,
      );
    });

  const accounts = new Set(due.map((d) => d.contract.accountId));
  const index = indexRevenue(
    inputs.revenue.filter((r) => accounts.has(r.accountId)),
    asOf,
  );
  const through = lastCompleteMonth(asOf);
  const spend = new Map(
    index.accounts.map((a) => [
      a.accountId,
      {
        last: revenueBetween(index, a, { from: through - 5, to: through }),
        previous: revenueBetween(index, a, { from: through - 11, to: through - 6 }),
      },
    ]),
  );
  const sightingsSince = addMonths(asOf, -12);
  const sightings = countBy(
    inputs.sightings.filter((s) => s.seenOn > sightingsSince && s.seenOn <= asOf),
  );
  const overdue = new Map<number, { count: number; amount: number }>();
  for (const invoice of inputs.invoices) {
    const unpaid = invoice.paidOn === null || invoice.paidOn > asOf;
    if (invoice.issuedOn > asOf || invoice.dueOn >= asOf || !unpaid) continue;
    const o = overdue.get(invoice.accountId) ?? { count: 0, amount: 0 };
    o.count += 1;
    o.amount += invoice.amount;
    overdue.set(invoice.accountId, o);
  }

  const renewals: UpcomingRenewal[] = due
    .map(({ contract, renewalDate }) => {
      const s = spend.get(contract.accountId) ?? { last: 0, previous: 0 };
      const o = overdue.get(contract.accountId) ?? { count: 0, amount: 0 };
      const seen = sightings.get(contract.accountId) ?? 0;
      const behaviorScore = options.behaviorScores?.get(contract.accountId) ?? null;
      const signals: RenewalSignal[] = [];
      if (s.previous > 0 && s.last < fallingRatio * s.previous) signals.push('falling_spend');
      if (seen > 0) signals.push('competitor');
      if (o.count > 0) signals.push('overdue_invoices');
      if (behaviorScore !== null && behaviorScore < lowBehavior) signals.push('low_behavior');
      return {
        contractId: contract.id,
        externalId: contract.externalId,
        accountId: contract.accountId,
        accountName: contract.accountName,
        productFamilyId: contract.productFamilyId,
        renewalDate,
        annualValue: contract.annualValue,
        spendLast6Months: s.last,
        spendPrevious6Months: s.previous,
        competitorSightings: seen,
        overdueInvoices: o.count,
        overdueAmount: Math.round(o.amount * 100) / 100,
        behaviorScore,
        signals,
        risk: signals.length >= 2 ? 'high' : signals.length === 1 ? 'medium' : 'low',
      } satisfies UpcomingRenewal;
    })
    .sort(
      (a, b) =>
        a.renewalDate.localeCompare(b.renewalDate) ||
        b.annualValue - a.annualValue ||
        a.contractId - b.contractId,
    );

  const months: RenewalMonth[] = [];
  for (let m = monthIndex(addDays(asOf, 1)); m <= monthIndex(until); m += 1) {
    const month = monthLabel(m);
    months.push({ month, ...totalsOf(renewals.filter((r) => r.renewalDate.startsWith(month))) });
  }
  return {
    asOf,
    until,
    behaviorScoresSupplied: options.behaviorScores !== undefined,
    months,
    totals: totalsOf(renewals),
    renewals,
    definitions: [
      `renewals: term contracts in force by asOf whose renewal date (end date + 1 when none) falls after asOf, up to ${until}; contracts already followed by a later term contract on the same product family are left out`,
      'value at stake: the contract’s annual value',
      `falling_spend: account revenue in the last 6 complete months below ${Math.round(fallingRatio * 100)}% of the 6 months before`,
      'competitor: competitor sightings at the account in the 12 months up to asOf',
      'overdue_invoices: invoices due before asOf and unpaid on asOf',
      options.behaviorScores === undefined
        ? 'low_behavior: not evaluated (no behavior scores supplied)'
        : `low_behavior: behavior score below ${lowBehavior}`,
      'risk: high with 2 or more signals, medium with 1, low with none',
    ],
  };
}

function totalsOf(renewals: readonly UpcomingRenewal[]): Omit<RenewalMonth, 'month'> {
  const risky = renewals.filter((r) => r.signals.length > 0);
  const sum = (list: readonly UpcomingRenewal[]): number =>
    Math.round(list.reduce((s, r) => s + r.annualValue, 0) * 100) / 100;
  return {
    contracts: renewals.length,
    valueAtStake: sum(renewals),
    atRisk: risky.length,
    valueAtRisk: sum(risky),
  };
}

function countBy(sightings: readonly CompetitorSightingRecord[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const s of sightings) counts.set(s.accountId, (counts.get(s.accountId) ?? 0) + 1);
  return counts;
}
