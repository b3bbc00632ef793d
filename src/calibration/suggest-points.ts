// Per scoring item: won rate with vs without it, and a suggested point value. The suggestion
// comes from an L2-regularised logistic regression of "won" on the items' feature values
// (logistic.ts), fitted on the leads outside a deterministic holdout; its log-odds weights are
// scaled to the config's points by one factor (least squares against the current points), so
// the suggested points stay on the scale the tiers' thresholds expect. The holdout compares the
// suggested points (summed linearly, before caps) with the score the current rules gave.
// A lead a rep marked "bad fit" (collect-leads.ts) is a not-won lead like any other, weighted
// BAD_FIT_WEIGHT times in the fit: a confirmed negative, where a lead without a deal may still
// convert after the window. Items the bad-fit leads share so lose points against the others.
import { wilsonRate, type Rate } from '../outcomes/report/wilson.ts';
import { auc, inHoldout } from './auc.ts';
import type { CalibrationLead } from './collect-leads.ts';
import { DEFAULT_LAMBDA, fitLogistic, linearScores } from './logistic.ts';
import type { ScoringItem } from './scoring-items.ts';
import type { createFeatureReader } from './scoring-items.ts';

export interface ItemRow {
  key: string;
  label: string;
  kind: ScoringItem['kind'];
  group: string;
  /** Current points (per match, or per unit for counter and event rules). */
  points: number;
  /** Won rate of the leads the item scored for, and of the others. */
  withItem: Rate;
  withoutItem: Rate;
  /** Leads the item scored for that a rep marked "bad fit" (and that were not won). */
  badFit: number;
  /** Fitted log-odds per match / unit (null: no model). */
  weight: number | null;
  /** Suggested points on the config's scale (null: no model, or too few leads with the item: keep the current points). */
  suggested: number | null;
  /** Fewer than MIN_ITEM_LEADS leads had the item: no suggestion (the rule is kept as it is). */
  sparse: boolean;
}

export interface ModelSummary {
  lambda: number;
  iterations: number;
  converged: boolean;
  train: number;
  holdout: number;
  holdoutWon: number;
  /** Log-odds per config point: suggested points = weight / this. */
  pointsScale: number;
  /** Holdout AUC of the current rules' recorded score and of the suggested points. */
  aucCurrent: number | null;
  aucSuggested: number | null;
}

export const HOLDOUT_SHARE = 0.2;
/** Default weight of a "bad fit" lead in the fit (1: counted like any lead without a win). */
export const DEFAULT_BAD_FIT_WEIGHT = 2;
/** An item scored for fewer leads than this gets no suggestion: too little evidence to move its points. */
export const MIN_ITEM_LEADS = 30;

type FeatureReader = ReturnType<typeof createFeatureReader>;

/** Row-major feature matrix (leads x items), labels, and the "bad fit" marks. */
export function featureMatrix(leads: readonly CalibrationLead[], p: number, read: FeatureReader): { x: Float64Array; y: Uint8Array; badFit: Uint8Array } {
  const x = new Float64Array(leads.length * p);
  const y = new Uint8Array(leads.length);
  const badFit = new Uint8Array(leads.length);
  leads.forEach((l, i) => {
    read(l.contributions, x, i * p);
    y[i] = l.won ? 1 : 0;
    badFit[i] = l.badFit && !l.won ? 1 : 0;
  });
  return { x, y, badFit };
}

/** Row weights of the fit: `weight` for the bad-fit leads, 1 for the others (undefined: all 1). */
export function badFitWeights(badFit: Uint8Array, weight: number): Float64Array | undefined {
  if (weight === 1 || !badFit.includes(1)) return undefined;
  return Float64Array.from(badFit, (b) => (b ? weight : 1));
}

/** Per item, how many of the leads it scored for are marked "bad fit". */
export function itemBadFit(p: number, x: Float64Array, badFit: Uint8Array): number[] {
  const counts = new Array<number>(p).fill(0);
  for (let i = 0; i < badFit.length; i++) {
    if (!badFit[i]) continue;
    for (let j = 0; j < p; j++) if (x[i * p + j]! !== 0) counts[j] = counts[j]! + 1;
  }
  return counts;
}

/** Rates with vs without each item (no model needed). */
export function itemRates(items: readonly ScoringItem[], x: Float64Array, y: Uint8Array): { withItem: Rate; withoutItem: Rate }[] {
  const p = items.length;
  const n = y.length;
  return items.map((_, j) => {
    let withN = 0;
    let withWon = 0;
    let won = 0;
    for (let i = 0; i < n; i++) {
      won += y[i]!;
      if (x[i * p + j]! !== 0) {
        withN++;
        withWon += y[i]!;
      }
    }
    return { withItem: wilsonRate(withWon, withN), withoutItem: wilsonRate(won - withWon, n - withN) };
  });
}

/** Round a suggestion like the config writes it: whole points per match, 2 decimals per unit. */
function roundPoints(item: ScoringItem, v: number): number {
  const r = item.kind === 'counter' ? Math.round(v * 100) / 100 : Math.round(v);
  return r === 0 ? 0 : r; // no "-0" in the YAML
}

export function suggestPoints(
  items: readonly ScoringItem[],
  leads: readonly CalibrationLead[],
  x: Float64Array,
  y: Uint8Array,
  opts: { lambda?: number; sparse?: readonly boolean[]; rowWeights?: Float64Array } = {},
): { weights: number[]; suggested: (number | null)[]; model: ModelSummary } {
  const p = items.length;
  const train: number[] = [];
  const hold: number[] = [];
  leads.forEach((l, i) => (inHoldout(l.leadId, HOLDOUT_SHARE) ? hold : train).push(i));
  const lambda = opts.lambda ?? DEFAULT_LAMBDA;
  const fit = fitLogistic(x, p, y, Uint32Array.from(train), { lambda, ...(opts.rowWeights ? { rowWeights: opts.rowWeights } : {}) });

  // One factor k (points per log-odds) minimising sum (k*w_j - points_j)^2 over items with points.
  let num = 0;
  let den = 0;
  const sparse = opts.sparse ?? [];
  for (let j = 0; j < p; j++) {
    if (sparse[j]) continue;
    num += items[j]!.points * fit.weights[j]!;
    den += fit.weights[j]! ** 2;
  }
  let k = den > 0 ? num / den : 0;
  if (!(k > 0)) {
    // The model disagrees with the current points altogether: keep the total magnitude instead.
    const absPoints = items.reduce((s, it, j) => s + (sparse[j] ? 0 : Math.abs(it.points)), 0);
    const absWeights = fit.weights.reduce((s, w, j) => s + (sparse[j] ? 0 : Math.abs(w)), 0);
    k = absWeights > 0 && absPoints > 0 ? absPoints / absWeights : 10;
  }
  const suggested = fit.weights.map((w, j) => (sparse[j] ? null : roundPoints(items[j]!, w * k)));

  const holdRows = Uint32Array.from(hold);
  const holdY = Uint8Array.from(hold, (i) => y[i]!);
  const current = Float64Array.from(hold, (i) => leads[i]!.score);
  const model: ModelSummary = {
    lambda,
    iterations: fit.iterations,
    converged: fit.converged,
    train: train.length,
    holdout: hold.length,
    holdoutWon: holdY.reduce((s, v) => s + v, 0),
    pointsScale: 1 / k,
    aucCurrent: auc(current, holdY),
    // A sparse item keeps its current points in the draft, so it counts with them here.
    aucSuggested: auc(linearScores(x, p, suggested.map((v, j) => v ?? items[j]!.points), holdRows), holdY),
  };
  return { weights: fit.weights, suggested, model };
}
