import type { AccountFacts } from './account-facts.ts';
import type { Feature } from './scoring-model.ts';

/** Per-account spend potential, computed before scoring (wallet model, rep answers). */
export type Potential = { potentialSpend: Float64Array; shareOfWallet: Float64Array };

const num = (value: number | null | undefined): number =>
  value === null || value === undefined ? NaN : value;

/**
 * Every feature of DESIGN section 2 as one array per feature (NaN = no data for that account):
 * ratios with a zero denominator, and behaviour without any history, are missing, not zero.
 */
export function deriveFeatures(
  facts: AccountFacts,
  potential: Potential,
): Record<Feature, Float64Array> {
  const n = facts.accountId.length;
  const make = (f: (i: number) => number): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(i);
    return out;
  };
  const ttm = (i: number): number => facts.revenueTtm[i] ?? 0;
  const prev = (i: number): number => facts.revenuePrev12m[i] ?? 0;
  return {
    revenue_ttm: make(ttm),
    revenue_prev_12m: make(prev),
    growth_rate: make((i) => (prev(i) > 0 ? (ttm(i) - prev(i)) / prev(i) : NaN)),
    years_with_purchases_3y: make((i) => yearsWithPurchases(facts, i)),
    avg_won_deal: make((i) => num(facts.avgWonDeal[i])),
    max_won_deal: make((i) => num(facts.maxWonDeal[i])),
    won_deals: make((i) => facts.wonDeals[i] ?? 0),
    sales_cycle_days: make((i) => num(facts.salesCycleDays[i])),
    potential_spend: potential.potentialSpend,
    share_of_wallet: potential.shareOfWallet,
    share_of_wallet_gap: potential.shareOfWallet.map((s) => (Number.isNaN(s) ? NaN : 1 - s)),
    product_families: make((i) => (ttm(i) > 0 ? num(facts.productFamilies[i]) : NaN)),
    breadth: make((i) => breadthOf(facts, i)),
    whitespace: make((i) => num(facts.whitespace[i])),
    growth_alignment: make((i) => (ttm(i) > 0 ? (facts.growthSpend[i] ?? 0) / ttm(i) : NaN)),
    margin_mix: make((i) => (ttm(i) > 0 ? (facts.highMarginSpend[i] ?? 0) / ttm(i) : NaN)),
    service_intensity: make((i) =>
      ttm(i) > 0 ? (facts.tickets12m[i] ?? 0) / (ttm(i) / 10_000) : NaN,
    ),
    high_severity_share: make((i) => {
      const tickets = facts.tickets12m[i] ?? 0;
      return tickets > 0 ? (facts.severe12m[i] ?? 0) / tickets : NaN;
    }),
    payment_regularity: make((i) => {
      const due = facts.dueInvoices[i] ?? 0;
      return due > 0 ? (facts.paidOnTime[i] ?? 0) / due : NaN;
    }),
    days_to_pay_stddev: make((i) => num(facts.daysToPayStddev[i])),
    senior_contacts_engaged: make((i) => facts.seniorContactsEngaged[i] ?? 0),
    days_since_last_purchase: make((i) => num(facts.daysSinceLastPurchase[i])),
    active_contracts: make((i) => facts.activeContracts[i] ?? 0),
    competitor_sightings_12m: make((i) => facts.competitorSightings12m[i] ?? 0),
    upsell_hints_12m: make((i) => facts.upsellHints12m[i] ?? 0),
  };
}

/** Years with purchases out of the last three (each a 12-month window ending at T, T−1y, T−2y). */
export function yearsWithPurchases(facts: AccountFacts, i: number): number {
  return [facts.revenueTtm[i], facts.revenuePrev12m[i], facts.revenueY3[i]].filter(
    (r) => (r ?? 0) > 0,
  ).length;
}

/** Breadth: the most of product families, business units or regions in use in the last 12 months. */
export function breadthOf(facts: AccountFacts, i: number): number {
  if ((facts.revenueTtm[i] ?? 0) <= 0) return 0;
  return Math.max(
    facts.productFamilies[i] ?? 0,
    facts.businessUnits[i] ?? 0,
    facts.regions[i] ?? 0,
  );
}
