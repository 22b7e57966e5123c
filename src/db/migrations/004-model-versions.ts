/** Migration 4: saved model versions; the newest is the model in force. Frozen. */
export const modelVersionsSchema = `
CREATE SEQUENCE model_version_id_seq;
CREATE TABLE model_version (
  id BIGINT NOT NULL DEFAULT nextval('model_version_id_seq') PRIMARY KEY,
  name VARCHAR NOT NULL,
  hash VARCHAR NOT NULL,
  document VARCHAR NOT NULL,
  saved_at TIMESTAMP NOT NULL,
  saved_by VARCHAR NOT NULL
);
`;
