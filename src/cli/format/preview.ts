// `lead-router preview` output: table (changes with both explanations, then load per rep,
// counts per rule and tier, fallback leads; the win probability when the draft's predictive
// score has a model), json (the PreviewReport) or csv (the changes).
import type { PreviewReport } from '../../preview/run-preview.ts';
import type { CountDelta } from '../../simulate/types.ts';
import { toCsv } from './csv-writer.ts';
import type { OutputFormat } from './simulation.ts';
import { renderTable } from './text-table.ts';

const arrow = (a: string | null, b: string | null) => (a === b ? (a ?? '-') : `${a ?? '-'} -> ${b ?? '-'}`);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function deltaTable(title: string, rows: Record<string, CountDelta>): string {
  return renderTable(Object.entries(rows), [
    { header: title, value: ([k]) => k },
    { header: 'HISTORY', value: ([, d]) => String(d.base), align: 'right' },
    { header: 'DRAFT', value: ([, d]) => String(d.candidate), align: 'right' },
    { header: 'DELTA', value: ([, d]) => (d.delta === 0 ? '0' : signed(d.delta)), align: 'right' },
  ]);
}

/** What the output says of the draft's predictive score (nothing when it is off). */
export function predictiveLine(r: PreviewReport): string | null {
  const p = r.predictive;
  if (p.status === 'off') return null;
  if (p.status === 'no-model') return `Win probability: scoring.predictive is on in the draft, but ${r.tenant} has no model yet (fitted once enough outcomes exist): none shown.`;
  const auc = p.model.holdoutAuc === null ? 'no holdout AUC' : `holdout AUC ${p.model.holdoutAuc.toFixed(3)}`;
  return `Win probability: ${r.tenant} model fitted ${new Date(p.model.fittedAt).toISOString()} on ${p.model.outcomes} outcomes (${auc}), in the draft's reasons of each changed lead.`;
}

function formatTable(r: PreviewReport, width: number): string {
  const predictive = predictiveLine(r);
  const lines = [
    `Preview of ${r.config} on ${r.tenant}: ${r.decisions} decision${r.decisions === 1 ? '' : 's'} since ${r.since}, ${r.changes.length} would change` +
      (r.withoutInput ? `; ${r.withoutInput} older decisions have no recorded input and were skipped` : '') +
      (r.approximate ? `; ${r.approximate} replayed with their newest ledger events only` : ''),
    ...(predictive ? [predictive] : []),
    '',
  ];
  if (r.changes.length === 0) lines.push('No decision changes owner, tier, grade or rule.');
  else {
    lines.push(
      renderTable(
        r.changes,
        [
          { header: 'ID', value: (c) => c.id, max: 16 },
          { header: 'CHANGED', value: (c) => c.changed.join(',') },
          { header: 'OWNER', value: (c) => arrow(c.recorded.owner, c.draft.owner), max: 44 },
          { header: 'TIER', value: (c) => arrow(c.recorded.tier, c.draft.tier), max: 16 },
          { header: 'GRADE', value: (c) => arrow(c.recorded.grade, c.draft.grade), max: 10 },
          { header: 'RULE', value: (c) => arrow(c.recorded.rule, c.draft.rule), flex: true },
        ],
        width,
      ),
      '',
      'Why (history | draft):',
      ...r.changes.flatMap((c) => [`  ${c.id}: ${c.recorded.reasons}`, `  ${' '.repeat(c.id.length)}  ${c.draft.reasons}`]),
    );
  }
  lines.push('', deltaTable('OWNER', r.owners), '', deltaTable('RULE', r.rules), '', deltaTable('TIER', r.tiers), '');
  lines.push(r.fallback.length ? `Would reach the fallback: ${r.fallback.length} (${r.fallback.slice(0, 20).join(', ')}${r.fallback.length > 20 ? ', ...' : ''})` : 'No lead would reach the fallback.');
  return `${lines.join('\n')}\n`;
}

export const PREVIEW_CSV_COLUMNS = ['id', 'at', 'changed', 'history_owner', 'draft_owner', 'history_tier', 'draft_tier', 'history_grade', 'draft_grade', 'history_rule', 'draft_rule', 'history_reasons', 'draft_reasons'] as const;

export function formatPreview(r: PreviewReport, format: OutputFormat, width = 100): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  if (format === 'csv') {
    // With the tenant's model a last column: the draft's win probability (whole percent).
    const win = r.predictive.status === 'on';
    return toCsv(
      win ? [...PREVIEW_CSV_COLUMNS, 'draft_win_probability'] : PREVIEW_CSV_COLUMNS,
      r.changes.map((c) => [c.id, c.at, c.changed.join(' '), c.recorded.owner, c.draft.owner, c.recorded.tier, c.draft.tier, c.recorded.grade, c.draft.grade, c.recorded.rule, c.draft.rule, c.recorded.reasons, c.draft.reasons, ...(win ? [c.draft.winProbability] : [])]),
    );
  }
  return formatTable(r, width);
}
