// The tenant's fitted predictive model on SQLite (PredictiveModelRecord): one row per tenant.
import { mapPredictiveRow, predictiveRowValues, type PredictiveModelStore } from '../predictive-types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

export function createSqlitePredictive(db: SqliteDb): PredictiveModelStore {
  return {
    async savePredictiveModel(m) {
      db.stmt(
        `INSERT INTO predictive_models (tenant, features, weights, intercept, fitted_at, outcomes, leads, holdout_auc, config)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant) DO UPDATE SET features = excluded.features, weights = excluded.weights, intercept = excluded.intercept,
           fitted_at = excluded.fitted_at, outcomes = excluded.outcomes, leads = excluded.leads, holdout_auc = excluded.holdout_auc, config = excluded.config`,
      ).run(...(predictiveRowValues(m) as (string | number | null)[]));
    },
    async getPredictiveModel(tenant) {
      const row = db.stmt('SELECT * FROM predictive_models WHERE tenant = ?').get(tenant);
      return row ? mapPredictiveRow(row) : null;
    },
    async deletePredictiveModel(tenant) {
      db.stmt('DELETE FROM predictive_models WHERE tenant = ?').run(tenant);
    },
  };
}
