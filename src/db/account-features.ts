import type { AccountFacts } from '../core/scoring/account-facts.ts';
import type { Store } from './store.ts';

/**
 * Per-account facts as of a date T, computed only from records dated on or before T (this is
 * what keeps backtests honest). Portable SQL: it runs unchanged on DuckDB and PostgreSQL.
 * Parameter $1 is T as 'YYYY-MM-DD'. Accounts created after T are not part of the population.
 */
const FEATURES_SQL = `
WITH params AS (SELECT CAST($1 AS DATE) AS t, CAST($2 AS BIGINT) AS line),
acc AS (
  SELECT a.id, a.industry, a.region, a.employees, CAST(a.annual_revenue AS DOUBLE PRECISION) AS annual_revenue,
         CASE WHEN a.employees IS NULL THEN 0 WHEN a.employees < 50 THEN 1 WHEN a.employees < 250 THEN 2
              WHEN a.employees < 1000 THEN 3 ELSE 4 END AS size_band
  FROM account a CROSS JOIN params p
  WHERE a.created_on IS NULL OR a.created_on <= p.t
),
inv AS (
  SELECT i.account_id,
    sum(CAST(i.amount AS DOUBLE PRECISION)) FILTER (WHERE i.issued_on > p.t - INTERVAL '12 months') AS revenue_ttm,
    sum(CAST(i.amount AS DOUBLE PRECISION)) FILTER (WHERE i.issued_on > p.t - INTERVAL '24 months' AND i.issued_on <= p.t - INTERVAL '12 months') AS revenue_prev_12m,
    sum(CAST(i.amount AS DOUBLE PRECISION)) FILTER (WHERE i.issued_on > p.t - INTERVAL '36 months' AND i.issued_on <= p.t - INTERVAL '24 months') AS revenue_y3,
    max(i.issued_on) AS last_purchase,
    count(DISTINCT i.product_family_id) FILTER (WHERE i.issued_on > p.t - INTERVAL '12 months') AS product_families,
    count(DISTINCT i.business_unit) FILTER (WHERE i.issued_on > p.t - INTERVAL '12 months') AS business_units,
    count(DISTINCT i.region) FILTER (WHERE i.issued_on > p.t - INTERVAL '12 months') AS regions,
    sum(CAST(i.amount AS DOUBLE PRECISION)) FILTER (WHERE i.issued_on > p.t - INTERVAL '12 months'
      AND (pf.growth_aligned OR pf.stage IN ('introduction', 'growth'))) AS growth_spend,
    sum(CAST(i.amount AS DOUBLE PRECISION)) FILTER (WHERE i.issued_on > p.t - INTERVAL '12 months' AND pf.margin_class = 'high') AS high_margin_spend,
    count(*) FILTER (WHERE i.due_on <= p.t AND i.due_on > p.t - INTERVAL '24 months') AS due_invoices,
    count(*) FILTER (WHERE i.due_on <= p.t AND i.due_on > p.t - INTERVAL '24 months'
      AND i.paid_on IS NOT NULL AND i.paid_on <= i.due_on) AS paid_on_time,
    stddev_samp(i.paid_on - i.issued_on) FILTER (WHERE i.paid_on <= p.t AND i.issued_on > p.t - INTERVAL '24 months') AS days_to_pay_stddev
  FROM invoice i CROSS JOIN params p
  LEFT JOIN product_family pf ON pf.id = i.product_family_id
  WHERE i.issued_on <= p.t AND (p.line IS NULL OR i.product_family_id = p.line)
  GROUP BY i.account_id
),
won AS (
  SELECT d.account_id, avg(CAST(d.amount AS DOUBLE PRECISION)) AS avg_won_deal, max(CAST(d.amount AS DOUBLE PRECISION)) AS max_won_deal,
         count(*) AS won_deals, avg(d.close_date - d.created_on) AS sales_cycle_days
  FROM deal d CROSS JOIN params p
  WHERE d.stage = 'won' AND d.close_date <= p.t AND d.close_date > p.t - INTERVAL '36 months'
    AND (p.line IS NULL OR d.product_family_id = p.line)
  GROUP BY d.account_id
),
tix AS (
  SELECT k.account_id, count(*) AS tickets_12m, count(*) FILTER (WHERE k.severity IN ('high', 'critical')) AS severe_12m
  FROM ticket k CROSS JOIN params p
  WHERE k.opened_on <= p.t AND k.opened_on > p.t - INTERVAL '12 months'
  GROUP BY k.account_id
),
act AS (
  SELECT v.account_id,
    count(DISTINCT v.contact_id) FILTER (WHERE c.seniority IN ('c_level', 'vp')) AS senior_contacts_engaged,
    max(CASE WHEN c.seniority = 'c_level' OR v.attendee_seniority = 'c_level' THEN 1 ELSE 0 END) AS c_level_engaged
  FROM activity v CROSS JOIN params p
  LEFT JOIN contact c ON c.id = v.contact_id
  WHERE v.occurred_on <= p.t AND v.occurred_on > p.t - INTERVAL '12 months'
  GROUP BY v.account_id
),
ctr AS (
  SELECT r.account_id, count(*) AS active_contracts
  FROM contract r CROSS JOIN params p
  WHERE r.start_date <= p.t AND r.end_date >= p.t AND (p.line IS NULL OR r.product_family_id = p.line)
  GROUP BY r.account_id
),
cmp AS (
  SELECT s.account_id, count(*) AS competitor_sightings_12m
  FROM competitor_sighting s CROSS JOIN params p
  WHERE s.seen_on <= p.t AND s.seen_on > p.t - INTERVAL '12 months'
  GROUP BY s.account_id
),
hints AS (
  SELECT g.account_id, count(*) AS upsell_hints_12m
  FROM signal g CROSS JOIN params p
  WHERE g.kind = 'upsell_hint' AND g.reported_on <= p.t AND g.reported_on > p.t - INTERVAL '12 months'
  GROUP BY g.account_id
),
buys AS (
  SELECT DISTINCT i.account_id, i.product_family_id
  FROM invoice i CROSS JOIN params p
  WHERE i.product_family_id IS NOT NULL AND i.issued_on <= p.t AND i.issued_on > p.t - INTERVAL '36 months'
),
peer_size AS (
  SELECT a.industry, a.size_band, count(DISTINCT b.account_id) AS buyers
  FROM acc a JOIN buys b ON b.account_id = a.id
  GROUP BY a.industry, a.size_band
),
peer_families AS (
  SELECT a.industry, a.size_band, b.product_family_id
  FROM acc a JOIN buys b ON b.account_id = a.id
  JOIN peer_size s ON s.industry = a.industry AND s.size_band = a.size_band
  WHERE s.buyers >= 5
  GROUP BY a.industry, a.size_band, b.product_family_id, s.buyers
  HAVING count(*) >= 0.3 * s.buyers
),
white AS (
  SELECT a.id AS account_id, count(b.account_id) AS covered, count(*) AS peer_families
  FROM acc a JOIN peer_families f ON f.industry = a.industry AND f.size_band = a.size_band
  LEFT JOIN buys b ON b.account_id = a.id AND b.product_family_id = f.product_family_id
  GROUP BY a.id
)
SELECT a.id AS account_id, a.industry, a.region, a.employees, a.annual_revenue,
  coalesce(inv.revenue_ttm, 0) AS revenue_ttm,
  coalesce(inv.revenue_prev_12m, 0) AS revenue_prev_12m,
  coalesce(inv.revenue_y3, 0) AS revenue_y3,
  CASE WHEN inv.last_purchase IS NULL THEN NULL ELSE p.t - inv.last_purchase END AS days_since_last_purchase,
  inv.product_families, inv.business_units, inv.regions,
  inv.growth_spend, inv.high_margin_spend,
  inv.due_invoices, inv.paid_on_time, inv.days_to_pay_stddev,
  won.avg_won_deal, won.max_won_deal, coalesce(won.won_deals, 0) AS won_deals, won.sales_cycle_days,
  coalesce(tix.tickets_12m, 0) AS tickets_12m, coalesce(tix.severe_12m, 0) AS severe_12m,
  coalesce(act.senior_contacts_engaged, 0) AS senior_contacts_engaged,
  coalesce(act.c_level_engaged, 0) AS c_level_engaged,
  coalesce(ctr.active_contracts, 0) AS active_contracts,
  coalesce(cmp.competitor_sightings_12m, 0) AS competitor_sightings_12m,
  coalesce(hints.upsell_hints_12m, 0) AS upsell_hints_12m,
  CASE WHEN white.account_id IS NULL THEN NULL ELSE white.peer_families - white.covered END AS whitespace
FROM acc a CROSS JOIN params p
LEFT JOIN inv ON inv.account_id = a.id
LEFT JOIN won ON won.account_id = a.id
LEFT JOIN tix ON tix.account_id = a.id
LEFT JOIN act ON act.account_id = a.id
LEFT JOIN ctr ON ctr.account_id = a.id
LEFT JOIN cmp ON cmp.account_id = a.id
LEFT JOIN hints ON hints.account_id = a.id
LEFT JOIN white ON white.account_id = a.id
ORDER BY a.id
`;

const COLUMN_NAMES: Record<keyof AccountFacts, string> = {
  accountId: 'account_id',
  industry: 'industry',
  region: 'region',
  employees: 'employees',
  annualRevenue: 'annual_revenue',
  revenueTtm: 'revenue_ttm',
  revenuePrev12m: 'revenue_prev_12m',
  revenueY3: 'revenue_y3',
  daysSinceLastPurchase: 'days_since_last_purchase',
  productFamilies: 'product_families',
  businessUnits: 'business_units',
  regions: 'regions',
  growthSpend: 'growth_spend',
  highMarginSpend: 'high_margin_spend',
  dueInvoices: 'due_invoices',
  paidOnTime: 'paid_on_time',
  daysToPayStddev: 'days_to_pay_stddev',
  avgWonDeal: 'avg_won_deal',
  maxWonDeal: 'max_won_deal',
  wonDeals: 'won_deals',
  salesCycleDays: 'sales_cycle_days',
  tickets12m: 'tickets_12m',
  severe12m: 'severe_12m',
  seniorContactsEngaged: 'senior_contacts_engaged',
  cLevelEngaged: 'c_level_engaged',
  activeContracts: 'active_contracts',
  competitorSightings12m: 'competitor_sightings_12m',
  upsellHints12m: 'upsell_hints_12m',
  whitespace: 'whitespace',
};

/**
 * Reads every account's raw facts as of `asOf` (ISO date); with `productLine` (a product family's
 * internal id) spend, deals and contracts count for that line only.
 */
export async function readAccountFeatures(
  store: Store,
  options: { asOf: string; productLine: number | null },
): Promise<AccountFacts> {
  const columns = await store.columns(FEATURES_SQL, [options.asOf, options.productLine]);
  const out = {} as Record<keyof AccountFacts, unknown[]>;
  for (const [key, name] of Object.entries(COLUMN_NAMES) as [keyof AccountFacts, string][]) {
    out[key] = (columns[name] ?? []).map((value) =>
      typeof value === 'bigint' ? Number(value) : value,
    );
  }
  return out as AccountFacts;
}

/** The latest answer per account and question, as of `asOf`. */
export async function readAssessmentAnswers(
  store: Store,
  asOf: string,
): Promise<{ accountId: number; questionId: string; answer: number }[]> {
  const rows = await store.all<{ account_id: number; question_id: string; answer: number }>(
    `SELECT account_id, question_id, answer FROM (
       SELECT q.account_id, q.question_id, q.answer,
              row_number() OVER (PARTITION BY q.account_id, q.question_id ORDER BY q.answered_on DESC, q.id DESC) AS k
       FROM assessment_answer q WHERE q.answered_on <= CAST($1 AS DATE)) latest
     WHERE k = 1`,
    [asOf],
  );
  return rows.map((r) => ({
    accountId: Number(r.account_id),
    questionId: r.question_id,
    answer: Number(r.answer),
  }));
}

/** The average won deal in the 12 months before `asOf` (null when nothing was won). */
export async function readAverageDeal(store: Store, asOf: string): Promise<number | null> {
  const [row] = await store.all<{ avg: number | null }>(
    `SELECT avg(CAST(amount AS DOUBLE PRECISION)) AS avg FROM deal
     WHERE stage = 'won' AND close_date <= CAST($1 AS DATE) AND close_date > CAST($1 AS DATE) - INTERVAL '12 months'`,
    [asOf],
  );
  return row?.avg ?? null;
}
