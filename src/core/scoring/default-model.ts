/**
 * The default model, as `hotspot model init` writes it: YAML with comments, so that a sales
 * leader can read and tune it, keep it in git and diff it.
 */
export const DEFAULT_MODEL_YAML = `# Hotspot scoring model. Check it with: hotspot model check FILE
# Each dimension scores 0-100 from its criteria. A criterion is a feature computed from your
# data (as of the run's date) or an assessment question the reps answer. A criterion with no
# data for an account is left out of that account's score (the other weights are renormalised)
# and lowers the dimension's confidence; it never counts as zero.
#   direction: higher | lower        (is a high value good?)
#   transform: percentile (rank in the population, the default) | log-percentile (position
#              between the 1st and 99th percentile on a log scale) | linear (min..max) | bands
name: default

dimensions:
  # What share of the customer's portfolio do our offerings cover; is their buying aligned with
  # our future growth areas; who on their side asks for more; do they need a high-touch model?
  # (Tickets per dollar of revenue, service_intensity, is left out: it ranks small accounts
  # first, and in backtests its top decile held no more of the next year's growth than chance.)
  need:
    criteria:
      - { id: whitespace, feature: whitespace, weight: 2 }
      - { id: growth_alignment, feature: growth_alignment, weight: 1 }
      - { id: upsell_hints, feature: upsell_hints_12m, weight: 2 }
      - { id: senior_contacts_engaged, feature: senior_contacts_engaged, weight: 1 }
      - { id: portfolio_aligned, question: portfolio_aligned, transform: { kind: linear, min: 1, max: 5 }, weight: 1.5 }
      - { id: high_touch, question: high_touch, transform: { kind: linear, min: 1, max: 5 }, weight: 1 }
  # How much business do we do, what is the total opportunity, how important is the customer to
  # our share of wallet, do they buy higher-margin goods?
  value:
    criteria:
      - { id: revenue_ttm, feature: revenue_ttm, transform: { kind: log-percentile }, weight: 2 }
      - { id: potential_spend, feature: potential_spend, transform: { kind: log-percentile }, weight: 3 }
      - { id: share_of_wallet_gap, feature: share_of_wallet_gap, weight: 1.5 }
      - { id: margin_mix, feature: margin_mix, weight: 1 }
  # How empowered are their buyers, how progressive is their leadership, how regular and
  # streamlined are payments and processes?
  behavior:
    criteria:
      - { id: payment_regularity, feature: payment_regularity, weight: 2 }
      - { id: sales_cycle_days, feature: sales_cycle_days, direction: lower, weight: 1 }
      - { id: buyers_empowered, question: buyers_empowered, transform: { kind: linear, min: 1, max: 5 }, weight: 1 }
      - { id: leadership_progressive, question: leadership_progressive, transform: { kind: linear, min: 1, max: 5 }, weight: 1 }

# Weights per product life-cycle stage (hotspot score --stage ...): criterion id -> weight.
# A growth-stage line weights need and behavior more; a mature line weights value more.
stages:
  introduction: { growth_alignment: 3, portfolio_aligned: 2, leadership_progressive: 2, revenue_ttm: 1 }
  growth: { whitespace: 3, growth_alignment: 3, potential_spend: 4, revenue_ttm: 1 }
  maturity: { revenue_ttm: 3, margin_mix: 2, growth_alignment: 1 }
  decline: { revenue_ttm: 3, margin_mix: 3, payment_regularity: 3, growth_alignment: 0.5 }

tiers:
  tier1Share: 0.10        # about 10% of scored accounts in Tier 1 (or set thresholds: { value: 70, need: 70 })
  behaviorThreshold: 50   # Tier 1a at or above, Tier 1b below
  hysteresis: 3           # points a score must cross a threshold by before an account changes tier

highValue:
  multiple: 10            # potential spend >= 10 x the trailing 12-month average won deal

categories:
  greenfieldMonths: 36          # no purchase in this many months (or never): greenfield
  strategicShareOfWallet: 0.5   # strategic: share of wallet at least this,
  strategicSpendPercentile: 0.75 #   spend in each of the last 3 years in the top quarter of customers,
                                #   and a C-level contact with activity in the last 12 months
  coreMinBreadth: 2             # core: product families, business units or regions in use
  coreMinYears: 2               #   and purchases in at least this many of the last 3 years

wallet:
  quantile: 0.8           # the peer wallet: what the top 20% of similar customers spend
  repWeight: 0.5          # weight of the reps' total-opportunity answer, when there is one
  transactionWeight: 0    # repeat-purchase businesses: weight of BG/NBD x Gamma-Gamma expected spend
  question: total_opportunity
`;
