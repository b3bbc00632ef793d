// Migration 21: the tenant's fitted predictive model (config scoring.predictive).
import type { SqliteMigration } from './migration-initial.ts';

export const PREDICTIVE_SQLITE: SqliteMigration = {
  version: 21,
  name: 'predictive models',
  sql: `
-- One fitted model per tenant (weights as JSON arrays in feature order), replaced by each refit.
CREATE TABLE predictive_models (
  tenant TEXT PRIMARY KEY,
  features TEXT NOT NULL,
  weights TEXT NOT NULL,
  intercept REAL NOT NULL,
  fitted_at INTEGER NOT NULL,
  outcomes INTEGER NOT NULL,
  leads INTEGER NOT NULL,
  holdout_auc REAL,
  config TEXT NOT NULL
);
`,
};
