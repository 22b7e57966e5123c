/** Migration 1: every entity of DESIGN section 1, the import log and workspace settings. Frozen: never edit, add a new migration. */
export const initialSchema = `
CREATE SEQUENCE rep_id_seq;
CREATE TABLE rep (
  id BIGINT NOT NULL DEFAULT nextval('rep_id_seq') PRIMARY KEY,
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  email VARCHAR,
  role VARCHAR,
  capacity_hours DOUBLE PRECISION,
  territory VARCHAR,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE product_family_id_seq;
CREATE TABLE product_family (
  id BIGINT NOT NULL DEFAULT nextval('product_family_id_seq') PRIMARY KEY,
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  stage VARCHAR NOT NULL,
  margin_class VARCHAR,
  growth_aligned BOOLEAN,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE account_id_seq;
CREATE TABLE account (
  id BIGINT NOT NULL DEFAULT nextval('account_id_seq') PRIMARY KEY,
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  domain VARCHAR,
  industry VARCHAR,
  country VARCHAR,
  region VARCHAR,
  employees BIGINT,
  annual_revenue DECIMAL(18, 2),
  owner_id BIGINT,
  parent_id BIGINT,
  created_on DATE,
  name_key VARCHAR NOT NULL,
  domain_key VARCHAR,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE contact_id_seq;
CREATE TABLE contact (
  id BIGINT NOT NULL DEFAULT nextval('contact_id_seq') PRIMARY KEY,
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  title VARCHAR,
  seniority VARCHAR,
  role VARCHAR,
  business_unit VARCHAR,
  email VARCHAR,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE deal_id_seq;
CREATE TABLE deal (
  id BIGINT NOT NULL DEFAULT nextval('deal_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  name VARCHAR,
  amount DECIMAL(18, 2) NOT NULL,
  stage VARCHAR NOT NULL,
  type VARCHAR NOT NULL,
  product_family_id BIGINT,
  created_on DATE NOT NULL,
  close_date DATE,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE contract_id_seq;
CREATE TABLE contract (
  id BIGINT NOT NULL DEFAULT nextval('contract_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  product_family_id BIGINT,
  start_date DATE NOT NULL,
  end_date DATE NOT NULL,
  annual_value DECIMAL(18, 2) NOT NULL,
  kind VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  renewal_date DATE,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE invoice_id_seq;
CREATE TABLE invoice (
  id BIGINT NOT NULL DEFAULT nextval('invoice_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  issued_on DATE NOT NULL,
  due_on DATE NOT NULL,
  paid_on DATE,
  amount DECIMAL(18, 2) NOT NULL,
  product_family_id BIGINT,
  business_unit VARCHAR,
  region VARCHAR,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE ticket_id_seq;
CREATE TABLE ticket (
  id BIGINT NOT NULL DEFAULT nextval('ticket_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  opened_on DATE NOT NULL,
  closed_on DATE,
  severity VARCHAR NOT NULL,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE activity_id_seq;
CREATE TABLE activity (
  id BIGINT NOT NULL DEFAULT nextval('activity_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  occurred_on DATE NOT NULL,
  kind VARCHAR NOT NULL,
  attendee_seniority VARCHAR,
  contact_id BIGINT,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE assessment_answer_id_seq;
CREATE TABLE assessment_answer (
  id BIGINT NOT NULL DEFAULT nextval('assessment_answer_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  question_id VARCHAR NOT NULL,
  answer DOUBLE PRECISION NOT NULL,
  answered_by VARCHAR,
  answered_on DATE NOT NULL,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE competitor_sighting_id_seq;
CREATE TABLE competitor_sighting (
  id BIGINT NOT NULL DEFAULT nextval('competitor_sighting_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  competitor VARCHAR NOT NULL,
  product_area VARCHAR,
  pitch VARCHAR,
  seen_on DATE NOT NULL,
  reported_by VARCHAR,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE feature_request_id_seq;
CREATE TABLE feature_request (
  id BIGINT NOT NULL DEFAULT nextval('feature_request_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  product_area VARCHAR,
  request VARCHAR NOT NULL,
  requested_on DATE NOT NULL,
  revenue_at_stake DECIMAL(18, 2),
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE signal_id_seq;
CREATE TABLE signal (
  id BIGINT NOT NULL DEFAULT nextval('signal_id_seq'),
  source VARCHAR NOT NULL,
  external_id VARCHAR NOT NULL,
  account_id BIGINT NOT NULL,
  account_match VARCHAR NOT NULL,
  kind VARCHAR NOT NULL,
  text VARCHAR NOT NULL,
  reported_by VARCHAR,
  reported_on DATE NOT NULL,
  import_id BIGINT NOT NULL
);
CREATE SEQUENCE import_id_seq;
CREATE TABLE import (
  id BIGINT NOT NULL DEFAULT nextval('import_id_seq') PRIMARY KEY,
  entity VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  preset VARCHAR NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL,
  outcome VARCHAR NOT NULL,
  total_rows BIGINT NOT NULL,
  inserted BIGINT NOT NULL,
  updated BIGINT NOT NULL,
  unchanged BIGINT NOT NULL,
  rejected BIGINT NOT NULL,
  matched_by_id BIGINT NOT NULL,
  matched_by_domain BIGINT NOT NULL,
  matched_by_name BIGINT NOT NULL,
  unmatched BIGINT NOT NULL,
  ambiguous BIGINT NOT NULL
);
CREATE TABLE setting (
  key VARCHAR NOT NULL PRIMARY KEY,
  value VARCHAR NOT NULL
);
INSERT INTO setting (key, value) VALUES ('currency', 'USD');
`;
