// Migration 21: the tenant's fitted predictive model (config scoring.predictive).
import type { PostgresMigration } from './migration-initial.ts';

export const PREDICTIVE_POSTGRES: PostgresMigration = {
  version: 21,
  name: 'predictive models',
  sql: (s) => `
-- One fitted model per tenant (weights as JSON arrays in feature order), replaced by each refit.
CREATE TABLE ${s}.predictive_models (
  tenant TEXT PRIMARY KEY,
  features TEXT NOT NULL,
  weights TEXT NOT NULL,
  intercept DOUBLE PRECISION NOT NULL,
  fitted_at BIGINT NOT NULL,
  outcomes INTEGER NOT NULL,
  leads INTEGER NOT NULL,
  holdout_auc DOUBLE PRECISION,
  config TEXT NOT NULL
);
`,
};
