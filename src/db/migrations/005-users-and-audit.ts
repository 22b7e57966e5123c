/**
 * Migration 5: people who sign in, their sessions and API tokens, accounts assigned to them
 * beyond the ones they own, and the audit log of every change. Frozen.
 */
export const usersAndAuditSchema = `
CREATE SEQUENCE app_user_id_seq;
CREATE TABLE app_user (
  id BIGINT NOT NULL DEFAULT nextval('app_user_id_seq') PRIMARY KEY,
  email VARCHAR NOT NULL UNIQUE,
  role VARCHAR NOT NULL,
  rep_id BIGINT,
  password_hash VARCHAR,
  setup_token_hash VARCHAR,
  setup_expires_at TIMESTAMP,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TIMESTAMP,
  session_epoch INTEGER NOT NULL DEFAULT 0,
  disabled BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE user_session (
  token_hash VARCHAR NOT NULL PRIMARY KEY,
  user_id BIGINT NOT NULL,
  csrf_token VARCHAR NOT NULL,
  epoch INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL
);
CREATE SEQUENCE api_token_id_seq;
CREATE TABLE api_token (
  id BIGINT NOT NULL DEFAULT nextval('api_token_id_seq') PRIMARY KEY,
  user_id BIGINT NOT NULL,
  name VARCHAR NOT NULL,
  token_hash VARCHAR NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL,
  last_used_at TIMESTAMP,
  revoked_at TIMESTAMP
);
CREATE TABLE account_assignment (
  account_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  PRIMARY KEY (account_id, user_id)
);
CREATE SEQUENCE audit_log_id_seq;
CREATE TABLE audit_log (
  id BIGINT NOT NULL DEFAULT nextval('audit_log_id_seq') PRIMARY KEY,
  occurred_at TIMESTAMP NOT NULL,
  actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  entity VARCHAR NOT NULL,
  entity_id VARCHAR,
  before_value VARCHAR,
  after_value VARCHAR
);
`;
