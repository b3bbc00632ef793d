// Calibration of one tenant's scoring (issue 11): lift by score decile and tier (with
// inversions), and per scoring item the won rate with vs without it plus, once enough outcomes
// exist, a suggested point value with the holdout AUC of the suggestion next to the current
// rules'. Reps' "bad fit" verdicts count as weighted negatives in the fit and are counted
// per item (suggest-points.ts). Pure: the leads (collect-leads.ts) and the config in, the report out. Nothing is
// applied here; apply-draft.ts turns suggestions into a draft config version on request.
import type { CompiledConfig } from '../engine/types.ts';
import type { CalibrationLead } from './collect-leads.ts';
import { decileRows, findInversions, tierRows, type BandRow, type Inversion } from './lift.ts';
import { createFeatureReader, scoringItems, type ScoringItem } from './scoring-items.ts';
import { badFitWeights, DEFAULT_BAD_FIT_WEIGHT, featureMatrix, itemBadFit, itemRates, MIN_ITEM_LEADS, suggestPoints, type ItemRow, type ModelSummary } from './suggest-points.ts';

/** Default minimum of closed outcomes (leads with a won or lost deal) before a model is fitted. */
export const DEFAULT_MIN_OUTCOMES = 200;
/** Each class needs at least this many leads for a fit to mean anything. */
export const MIN_PER_CLASS = 20;

export interface CalibrationReport {
  tenant: string;
  /** ISO time of the window start. */
  since: string;
  /** The config the items and suggestions refer to ("v3", "file:<hash>"). */
  config: string;
  leads: number;
  won: number;
  /** Leads with a won or lost deal. */
  closed: number;
  /** Leads not won whose latest rep verdict is "bad fit", and their weight in the fit. */
  badFit: number;
  badFitWeight: number;
  minOutcomes: number;
  deciles: BandRow[];
  tiers: BandRow[];
  inversions: Inversion[];
  items: ItemRow[];
  /** null with `notEnough` when there are too few outcomes for a model. */
  model: ModelSummary | null;
  notEnough: string | null;
}

export interface CalibrateOptions {
  tenant: string;
  since: number;
  configLabel: string;
  minOutcomes?: number;
  lambda?: number;
  /** Weight of a bad-fit lead in the fit (DEFAULT_BAD_FIT_WEIGHT; 1: like any lead not won). */
  badFitWeight?: number;
}

function shortfall(leads: number, won: number, closed: number, min: number): string | null {
  if (closed < min) {
    return `not enough outcomes for suggested points: ${closed} lead${closed === 1 ? '' : 's'} with a won or lost deal in the window, ${min} needed (--min-outcomes); lift and won rates are shown, no model`;
  }
  if (won < MIN_PER_CLASS || leads - won < MIN_PER_CLASS) {
    return `not enough outcomes for suggested points: ${won} won and ${leads - won} not won, at least ${MIN_PER_CLASS} of each needed; lift and won rates are shown, no model`;
  }
  return null;
}

export function calibrate(leads: readonly CalibrationLead[], compiled: CompiledConfig, opts: CalibrateOptions): { report: CalibrationReport; items: ScoringItem[] } {
  const items = scoringItems(compiled);
  const { x, y, badFit } = featureMatrix(leads, items.length, createFeatureReader(compiled, items));
  const badFitWeight = opts.badFitWeight ?? DEFAULT_BAD_FIT_WEIGHT;
  const rowWeights = badFitWeights(badFit, badFitWeight);
  const won = y.reduce((s, v) => s + v, 0);
  const closed = leads.filter((l) => l.closed).length;
  const minOutcomes = opts.minOutcomes ?? DEFAULT_MIN_OUTCOMES;
  const deciles = decileRows(leads);
  const tiers = tierRows(
    leads,
    compiled.config.tiers.priority.map((t) => String(t.name)),
  );
  const notEnough = shortfall(leads.length, won, closed, minOutcomes);
  const rates = itemRates(items, x, y);
  const sparse = rates.map((r) => r.withItem.n < MIN_ITEM_LEADS);
  const fitted = notEnough === null && items.length > 0 ? suggestPoints(items, leads, x, y, { sparse, ...(opts.lambda === undefined ? {} : { lambda: opts.lambda }), ...(rowWeights ? { rowWeights } : {}) }) : null;
  const badFitPerItem = itemBadFit(items.length, x, badFit);
  const rows: ItemRow[] = items.map((it, j) => ({
    key: it.key,
    label: it.label,
    kind: it.kind,
    group: it.group,
    points: it.points,
    ...rates[j]!,
    badFit: badFitPerItem[j]!,
    weight: fitted ? fitted.weights[j]! : null,
    suggested: fitted ? fitted.suggested[j]! : null,
    sparse: sparse[j]!,
  }));
  return {
    items,
    report: {
      tenant: opts.tenant,
      since: new Date(opts.since).toISOString(),
      config: opts.configLabel,
      leads: leads.length,
      won,
      closed,
      badFit: badFit.reduce((sum, b) => sum + b, 0),
      badFitWeight,
      minOutcomes,
      deciles,
      tiers,
      inversions: [...findInversions(deciles, 'decile'), ...findInversions(tiers, 'tier')],
      items: rows,
      model: fitted?.model ?? null,
      notEnough: notEnough ?? (items.length === 0 ? 'the config has no scoring rules: nothing to calibrate' : null),
    },
  };
}
