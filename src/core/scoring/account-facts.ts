/**
 * Raw per-account facts as of a date, one array per column (columnar: a million accounts stay
 * compact). Money in the workspace currency; counts; days. Null means no data.
 */
export type AccountFacts = {
  accountId: number[];
  industry: (string | null)[];
  region: (string | null)[];
  employees: (number | null)[];
  annualRevenue: (number | null)[];
  revenueTtm: number[];
  revenuePrev12m: number[];
  revenueY3: number[];
  daysSinceLastPurchase: (number | null)[];
  productFamilies: (number | null)[];
  businessUnits: (number | null)[];
  regions: (number | null)[];
  growthSpend: (number | null)[];
  highMarginSpend: (number | null)[];
  dueInvoices: (number | null)[];
  paidOnTime: (number | null)[];
  daysToPayStddev: (number | null)[];
  avgWonDeal: (number | null)[];
  maxWonDeal: (number | null)[];
  wonDeals: number[];
  salesCycleDays: (number | null)[];
  tickets12m: number[];
  severe12m: number[];
  seniorContactsEngaged: number[];
  cLevelEngaged: number[];
  activeContracts: number[];
  competitorSightings12m: number[];
  /** Upsell hints anyone logged as signals in the 12 months up to T. */
  upsellHints12m: number[];
  whitespace: (number | null)[];
};
