// The tenant's fitted predictive model on PostgreSQL (PredictiveModelRecord): one row per tenant.
import { mapPredictiveRow, predictiveRowValues, type PredictiveModelStore } from '../predictive-types.ts';
import type { PgDb } from './open-pg-db.ts';

export function createPostgresPredictive(db: PgDb): PredictiveModelStore {
  const { s } = db;
  return {
    async savePredictiveModel(m) {
      await db.query(
        `INSERT INTO ${s}.predictive_models (tenant, features, weights, intercept, fitted_at, outcomes, leads, holdout_auc, config)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant) DO UPDATE SET features = EXCLUDED.features, weights = EXCLUDED.weights, intercept = EXCLUDED.intercept,
           fitted_at = EXCLUDED.fitted_at, outcomes = EXCLUDED.outcomes, leads = EXCLUDED.leads, holdout_auc = EXCLUDED.holdout_auc, config = EXCLUDED.config`,
        predictiveRowValues(m),
      );
    },
    async getPredictiveModel(tenant) {
      const { rows } = await db.query(`SELECT * FROM ${s}.predictive_models WHERE tenant = $1`, [tenant]);
      return rows[0] ? mapPredictiveRow(rows[0]) : null;
    },
    async deletePredictiveModel(tenant) {
      await db.query(`DELETE FROM ${s}.predictive_models WHERE tenant = $1`, [tenant]);
    },
  };
}
