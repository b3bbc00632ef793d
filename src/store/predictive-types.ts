// The fitted predictive model of a tenant (config scoring.predictive, issue 11): one row per
// tenant, replaced by each refit and deleted when too few outcomes remain for a model.

// Declared here, not imported from ./types.ts (which imports this file): no cycle.
type TenantKey = string;

export interface PredictiveModelRecord {
  tenant: TenantKey;
  /** Scoring item keys (src/calibration/scoring-items.ts), in the order of `weights`. */
  features: string[];
  /** Log-odds per unit of each feature. */
  weights: number[];
  intercept: number;
  /** epoch ms */
  fittedAt: number;
  /** Leads with a won or lost deal the fit learned from, and all leads it saw. */
  outcomes: number;
  leads: number;
  /** AUC of the model on the deterministic holdout (null without both classes there). */
  holdoutAuc: number | null;
  /** The config the features refer to ("v3", "file:<hash>"). */
  config: string;
}

export interface PredictiveModelStore {
  /** Store the tenant's model, replacing any previous one. */
  savePredictiveModel(model: PredictiveModelRecord): Promise<void>;
  getPredictiveModel(tenant: TenantKey): Promise<PredictiveModelRecord | null>;
  /** Remove the tenant's model (too few outcomes now, or the score was turned off). */
  deletePredictiveModel(tenant: TenantKey): Promise<void>;
}

/** A stored row (either store) -> record; the arrays are JSON text. */
export function mapPredictiveRow(row: Record<string, unknown>): PredictiveModelRecord {
  return {
    tenant: String(row.tenant),
    features: JSON.parse(String(row.features)) as string[],
    weights: JSON.parse(String(row.weights)) as number[],
    intercept: Number(row.intercept),
    fittedAt: Number(row.fitted_at),
    outcomes: Number(row.outcomes),
    leads: Number(row.leads),
    holdoutAuc: row.holdout_auc === null || row.holdout_auc === undefined ? null : Number(row.holdout_auc),
    config: String(row.config),
  };
}

export function predictiveRowValues(m: PredictiveModelRecord): unknown[] {
  return [m.tenant, JSON.stringify(m.features), JSON.stringify(m.weights), m.intercept, m.fittedAt, m.outcomes, m.leads, m.holdoutAuc, m.config];
}
