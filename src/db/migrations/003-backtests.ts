/** Migration 3: stored backtests, one row per model and cutoff, with the run they scored. Frozen. */
export const backtestsSchema = `
CREATE SEQUENCE backtest_id_seq;
CREATE TABLE backtest (
  id BIGINT NOT NULL DEFAULT nextval('backtest_id_seq') PRIMARY KEY,
  created_at TIMESTAMP NOT NULL,
  model_hash VARCHAR NOT NULL,
  model_name VARCHAR NOT NULL,
  run_id BIGINT NOT NULL,
  cutoff DATE NOT NULL,
  horizon_months INTEGER NOT NULL,
  metrics VARCHAR NOT NULL
);
`;
