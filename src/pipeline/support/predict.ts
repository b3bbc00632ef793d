// The tenant's win probability (config scoring.predictive): when enabled and a model is stored,
// each decision of the batch gets its probability and top factors (Evaluation.prediction) and
// the reasons end with them ("...; win probability 23%: +form submission, +industry=SaaS").
// The score, tier and route are left exactly as the rules decided them. Simulate (with
// --tenant) and preview apply the same setup (loadPrediction) to show the probability.
import { createPredictor, predictionText } from '../../calibration/predictive-model.ts';
import type { CompiledConfig, Evaluation } from '../../engine/types.ts';
import type { Store } from '../../store/types.ts';

/** Append `tail` to the reasons, cutting the rule reasons (not the tail) to fit `max`. */
export function appendReason(reasons: string, tail: string, max: number): string {
  const sep = reasons ? '; ' : '';
  if (reasons.length + sep.length + tail.length <= max) return `${reasons}${sep}${tail}`;
  const room = max - sep.length - tail.length - 1;
  if (room <= 0) return tail.slice(0, max);
  return `${reasons.slice(0, room)}…${sep}${tail}`;
}

export function withPrediction(evaluation: Evaluation, predict: ReturnType<typeof createPredictor>, max: number): Evaluation {
  const prediction = predict(evaluation.score.contributions);
  return { ...evaluation, prediction, reasons: appendReason(evaluation.reasons, predictionText(prediction), max) };
}

/** What a tenant's predictive score is under a config: off, on without a model yet, or on with one. */
export type PredictionSetup =
  | { status: 'off' }
  | { status: 'no-model' }
  | { status: 'on'; model: PredictiveModelSummary; apply: (e: Evaluation) => Evaluation };

/** The stored model as the simulate / preview output names it (no weights). */
export interface PredictiveModelSummary {
  fittedAt: number;
  outcomes: number;
  leads: number;
  holdoutAuc: number | null;
  config: string;
}

/** One lookup: whether `compiled` enables the score and the tenant has a model (pipeline, simulate, preview). */
export async function loadPrediction(store: Pick<Store, 'getPredictiveModel'>, tenant: string, compiled: CompiledConfig): Promise<PredictionSetup> {
  const settings = compiled.config.scoring.predictive;
  if (!settings.enabled) return { status: 'off' };
  const model = await store.getPredictiveModel(tenant);
  if (!model) return { status: 'no-model' };
  const predict = createPredictor(model, compiled, settings.topFactors);
  const max = compiled.config.writeBack.reasonsMaxLength;
  const { fittedAt, outcomes, leads, holdoutAuc, config } = model;
  return { status: 'on', model: { fittedAt, outcomes, leads, holdoutAuc, config }, apply: (e) => withPrediction(e, predict, max) };
}

/** One lookup per batch: null when the score is off or no model is stored yet. */
export async function loadPredictor(store: Store, tenant: string, compiled: CompiledConfig): Promise<((e: Evaluation) => Evaluation) | null> {
  const setup = await loadPrediction(store, tenant, compiled);
  return setup.status === 'on' ? setup.apply : null;
}

/** The evaluation's win probability in whole percent, as written to the CRM (null: none). */
export function winPercent(e: Evaluation): number | null {
  return e.prediction ? Math.round(e.prediction.probability * 100) : null;
}
