/** Migration 2: scoring runs, per-account scores with explanations, and tier overrides. Frozen. */
export const scoreRunsSchema = `
CREATE SEQUENCE score_run_id_seq;
CREATE TABLE score_run (
  id BIGINT NOT NULL DEFAULT nextval('score_run_id_seq') PRIMARY KEY,
  created_at TIMESTAMP NOT NULL,
  as_of DATE NOT NULL,
  stage VARCHAR,
  product_line VARCHAR,
  purpose VARCHAR NOT NULL,
  model_name VARCHAR NOT NULL,
  model_hash VARCHAR NOT NULL,
  model_document VARCHAR NOT NULL,
  criteria VARCHAR NOT NULL,
  value_threshold DOUBLE PRECISION NOT NULL,
  need_threshold DOUBLE PRECISION NOT NULL,
  behavior_threshold DOUBLE PRECISION NOT NULL,
  average_deal DOUBLE PRECISION,
  accounts BIGINT NOT NULL
);
CREATE TABLE account_score (
  run_id BIGINT NOT NULL,
  account_id BIGINT NOT NULL,
  need_score DOUBLE PRECISION,
  value_score DOUBLE PRECISION,
  behavior_score DOUBLE PRECISION,
  need_confidence DOUBLE PRECISION NOT NULL,
  value_confidence DOUBLE PRECISION NOT NULL,
  behavior_confidence DOUBLE PRECISION NOT NULL,
  tier VARCHAR NOT NULL,
  high_value BOOLEAN NOT NULL,
  potential_spend DOUBLE PRECISION,
  share_of_wallet DOUBLE PRECISION,
  revenue_ttm DOUBLE PRECISION NOT NULL,
  category VARCHAR NOT NULL,
  category_reason VARCHAR NOT NULL,
  tier_change VARCHAR,
  explanation VARCHAR NOT NULL
);
CREATE TABLE tier_override (
  account_id BIGINT NOT NULL PRIMARY KEY,
  tier VARCHAR NOT NULL,
  reason VARCHAR NOT NULL,
  created_by VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);
`;
