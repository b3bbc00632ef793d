// `lead-router calibrate` output: table (lift per decile and tier with inversions flagged, then
// the scoring items: won rate with / without, bad-fit verdicts, current and suggested points,
// holdout AUCs) or
// json (the CalibrationReport).
import type { CalibrationReport } from '../../calibration/calibrate.ts';
import type { BandRow } from '../../calibration/lift.ts';
import { MIN_ITEM_LEADS, type ItemRow } from '../../calibration/suggest-points.ts';
import { rateText } from './report.ts';
import { formatNumber, renderTable } from './text-table.ts';

export const CALIBRATION_FORMATS = ['table', 'json'] as const;
export type CalibrationFormat = (typeof CALIBRATION_FORMATS)[number];

const score = (v: number | null) => (v === null ? '-' : formatNumber(v, 1));

function bandTable(title: string, rows: readonly BandRow[], flagged: Set<string>): string {
  return renderTable(
    rows,
    [
      { header: title, value: (r: BandRow) => `${r.band}${flagged.has(r.band) ? ' !' : ''}` },
      { header: 'SCORES', value: (r) => (r.minScore === null ? '-' : `${score(r.minScore)}..${score(r.maxScore)}`), align: 'right' },
      { header: 'LEADS', value: (r) => String(r.won.n), align: 'right' },
      { header: 'WON', value: (r) => `${r.won.successes} ${rateText(r.won)}`, align: 'right' },
    ],
    120,
  );
}

const signed = (v: number | null, digits = 0) => (v === null ? '-' : `${v > 0 ? '+' : ''}${formatNumber(v, digits)}`);

function itemTable(rows: readonly ItemRow[]): string {
  return renderTable(
    rows,
    [
      { header: 'ITEM', value: (r: ItemRow) => `${r.key} (${r.label})`, max: 48 },
      { header: 'WITH', value: (r) => `${r.withItem.n} ${rateText(r.withItem)}`, align: 'right' },
      { header: 'WITHOUT', value: (r) => `${r.withoutItem.n} ${rateText(r.withoutItem)}`, align: 'right' },
      { header: 'BAD FIT', value: (r) => String(r.badFit), align: 'right' },
      { header: 'POINTS', value: (r) => signed(r.points, r.kind === 'counter' ? 2 : 0) + (r.kind === 'counter' || r.kind === 'event' ? '/unit' : ''), align: 'right' },
      { header: 'SUGGESTED', value: (r) => (r.sparse && r.weight !== null ? 'keep (few)' : signed(r.suggested, r.kind === 'counter' ? 2 : 0)), align: 'right' },
      { header: 'LOG-ODDS', value: (r) => (r.weight === null ? '-' : formatNumber(r.weight, 3)), align: 'right' },
    ],
    160,
  );
}

function formatTable(r: CalibrationReport): string {
  const flaggedDeciles = new Set(r.inversions.filter((i) => i.kind === 'decile').map((i) => i.higher));
  const flaggedTiers = new Set(r.inversions.filter((i) => i.kind === 'tier').map((i) => i.higher));
  const lines = [
    `Calibration of ${r.tenant} (config ${r.config}), leads decided since ${r.since}`,
    `${r.leads} leads, ${r.won} won, ${r.closed} with a won or lost deal (minimum for suggestions: ${r.minOutcomes})`,
    `${r.badFit} not won and marked "bad fit" by reps (each weighs ${formatNumber(r.badFitWeight, 2)} leads in the fit)`,
    '',
    'Lift by score decile (D10 = highest scores):',
    bandTable('DECILE', r.deciles, flaggedDeciles),
    '',
    'Lift by tier (highest first):',
    bandTable('TIER', r.tiers, flaggedTiers),
    '',
  ];
  if (r.inversions.length === 0) lines.push('No inversions: no higher band converts worse than a lower one beyond the 95% intervals.');
  else {
    lines.push(`Inversions (! above): ${r.inversions.length}`);
    for (const i of r.inversions) lines.push(`  ${i.kind} ${i.higher} converts worse than ${i.lower}: ${formatNumber(i.higherRate * 100, 1)}% vs ${formatNumber(i.lowerRate * 100, 1)}% (intervals do not overlap)`);
  }
  lines.push('', 'Scoring items (won rate with vs without the item; suggestions are never applied automatically):', itemTable(r.items), '');
  if (r.model === null) lines.push(r.notEnough ?? 'no model');
  else {
    const m = r.model;
    const auc = (v: number | null) => (v === null ? '-' : v.toFixed(3));
    lines.push(
      `Holdout AUC (${m.holdout} leads, ${m.holdoutWon} won): current rules ${auc(m.aucCurrent)}, suggested points ${auc(m.aucSuggested)}`,
      `Model: L2-regularised logistic regression (lambda ${m.lambda}) on ${m.train} leads, ${m.iterations} Newton steps${m.converged ? '' : ' (not converged)'}; 1 point = ${formatNumber(m.pointsScale, 4)} log-odds.`,
      ...(r.items.some((i) => i.sparse) ? [`keep (few): fewer than ${MIN_ITEM_LEADS} leads had the item, its points stay as they are.`] : []),
      'Apply as a draft to preview and publish: lead-router calibrate --apply-as-draft',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function formatCalibration(r: CalibrationReport, format: CalibrationFormat): string {
  return format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : formatTable(r);
}
