// The tenant's win probability (config scoring.predictive): when enabled and a model is stored,
// each decision of the batch gets its probability and top factors (Evaluation.prediction) and
// the reasons end with them ("...; win probability 23%: +form submission, +industry=SaaS").
// The score, tier and route are left exactly as the rules decided them.
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

/** One lookup per batch: null when the score is off or no model is stored yet. */
export async function loadPredictor(store: Store, tenant: string, compiled: CompiledConfig): Promise<((e: Evaluation) => Evaluation) | null> {
  const settings = compiled.config.scoring.predictive;
  if (!settings.enabled) return null;
  const model = await store.getPredictiveModel(tenant);
  if (!model) return null;
  const predict = createPredictor(model, compiled, settings.topFactors);
  const max = compiled.config.writeBack.reasonsMaxLength;
  return (e) => withPrediction(e, predict, max);
}
