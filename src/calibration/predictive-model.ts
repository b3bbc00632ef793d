// The optional predictive score (config scoring.predictive, issue 11): the same L2-regularised
// logistic regression as the calibration's suggestions (logistic.ts), on the same features (the
// scoring items read from each decision's score ledger: scoring-items.ts), kept as a model per
// tenant. fitPredictiveModel learns it from the tenant's decided leads with outcomes (fitted on
// the 80 % outside the deterministic holdout, whose AUC is recorded; "bad fit" verdicts weighed
// as in calibration); createPredictor turns a new
// decision's ledger into a win probability and its top factors. Pure: no store, no clock.
import type { CompiledConfig, Prediction } from '../engine/types.ts';
import type { PredictiveModelRecord } from '../store/predictive-types.ts';
import { auc, inHoldout } from './auc.ts';
import { MIN_PER_CLASS } from './calibrate.ts';
import type { CalibrationLead } from './collect-leads.ts';
import { fitLogistic, linearScores } from './logistic.ts';
import { createFeatureReader, scoringItems, type CompactContribution, type ScoringItem } from './scoring-items.ts';
import { badFitWeights, DEFAULT_BAD_FIT_WEIGHT, featureMatrix, HOLDOUT_SHARE } from './suggest-points.ts';

export type PredictiveFit =
  | { ok: true; model: PredictiveModelRecord }
  | { ok: false; reason: string };


function shortfall(leads: number, won: number, closed: number, min: number): string | null {
  if (closed < min) {
    return `not enough outcomes for a predictive model: ${closed} lead${closed === 1 ? '' : 's'} with a won or lost deal, ${min} needed (scoring.predictive.minOutcomes); no model, no win probability written`;
  }
  if (won < MIN_PER_CLASS || leads - won < MIN_PER_CLASS) {
    return `not enough outcomes for a predictive model: ${won} won and ${leads - won} not won, at least ${MIN_PER_CLASS} of each needed; no model, no win probability written`;
  }
  return null;
}

export function fitPredictiveModel(
  leads: readonly CalibrationLead[],
  compiled: CompiledConfig,
  opts: { tenant: string; config: string; now: number; minOutcomes: number; lambda?: number },
): PredictiveFit {
  const items = scoringItems(compiled);
  if (items.length === 0) return { ok: false, reason: 'the config has no scoring rules: no predictive model' };
  const p = items.length;
  const { x, y, badFit } = featureMatrix(leads, p, createFeatureReader(compiled, items));
  const won = y.reduce((s, v) => s + v, 0);
  const closed = leads.filter((l) => l.closed).length;
  const notEnough = shortfall(leads.length, won, closed, opts.minOutcomes);
  if (notEnough) return { ok: false, reason: notEnough };
  const train: number[] = [];
  const hold: number[] = [];
  leads.forEach((l, i) => (inHoldout(l.leadId, HOLDOUT_SHARE) ? hold : train).push(i));
  // Reps' "bad fit" verdicts weigh as calibration's do (suggest-points.ts).
  const rowWeights = badFitWeights(badFit, DEFAULT_BAD_FIT_WEIGHT);
  const fit = fitLogistic(x, p, y, Uint32Array.from(train), { ...(opts.lambda === undefined ? {} : { lambda: opts.lambda }), ...(rowWeights ? { rowWeights } : {}) });
  const holdRows = Uint32Array.from(hold);
  return {
    ok: true,
    model: {
      tenant: opts.tenant,
      features: items.map((it) => it.key),
      weights: fit.weights,
      intercept: fit.intercept,
      fittedAt: opts.now,
      outcomes: closed,
      leads: leads.length,
      holdoutAuc: auc(linearScores(x, p, fit.weights, holdRows), Uint8Array.from(hold, (i) => y[i]!)),
      config: opts.config,
    },
  };
}

function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** The item's own entry in the config (its rule, or its band), found by its YAML path. */
function configEntry(compiled: CompiledConfig, item: ScoringItem): Record<string, unknown> {
  let at: unknown = compiled.config;
  for (const step of item.path.slice(0, -1)) at = (at as Record<string | number, unknown> | undefined)?.[step];
  return (at ?? {}) as Record<string, unknown>;
}

/**
 * How an item is named in the factors, short enough for the reasons: the admin's label, else
 * the event type ("form_submission") or the rule id; a band is "<rule id>=<band label>".
 */
export function factorName(compiled: CompiledConfig, item: ScoringItem): string {
  const entry = configEntry(compiled, item);
  const label = typeof entry.label === 'string' ? entry.label : null;
  if (item.kind === 'band') return `${item.ruleId}=${label ?? `band ${(item.band ?? 0) + 1}`}`;
  if (label) return label;
  return item.kind === 'event' && typeof entry.event === 'string' ? entry.event : item.ruleId;
}

/**
 * A predictor for decisions under `compiled`: model features the config no longer has count as
 * 0 (never seen), items the model never saw have no weight. Build once per batch.
 */
export function createPredictor(model: PredictiveModelRecord, compiled: CompiledConfig, topFactors: number): (contributions: readonly CompactContribution[]) => Prediction {
  const byKey = new Map(scoringItems(compiled).map((it) => [it.key, it]));
  const known = model.features.map((k, j) => ({ item: byKey.get(k), weight: model.weights[j] ?? 0 })).filter((f): f is { item: ScoringItem; weight: number } => f.item !== undefined);
  const items = known.map((f) => f.item);
  const names = items.map((it) => factorName(compiled, it));
  const read = createFeatureReader(compiled, items);
  const x = new Float64Array(items.length);
  return (contributions) => {
    x.fill(0);
    read(contributions, x, 0);
    let eta = model.intercept;
    const effects: { name: string; effect: number }[] = [];
    known.forEach((f, j) => {
      const effect = f.weight * x[j]!;
      eta += effect;
      if (effect !== 0) effects.push({ name: names[j]!, effect });
    });
    effects.sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect) || a.name.localeCompare(b.name));
    return {
      probability: sigmoid(eta),
      factors: effects.slice(0, topFactors).map((e) => `${e.effect > 0 ? '+' : '-'}${e.name}`),
      modelFittedAt: model.fittedAt,
    };
  };
}

/** "win probability 23%: +form_submission, +industry=SaaS" (the reasons' prefix). */
export function predictionText(p: Prediction): string {
  const pct = Math.round(p.probability * 100);
  return `win probability ${pct}%${p.factors.length ? `: ${p.factors.join(', ')}` : ''}`;
}
