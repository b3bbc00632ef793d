// `simulate --compare` output: the leads whose owner, tier or rule changed, then how the
// per-owner and per-tier counts move.
import type { Comparison, CountDelta, LeadChange } from '../../simulate/types.ts';
import { toCsv } from './csv-writer.ts';
import { ownerLabeler, type OwnerLabeler } from './owner-label.ts';
import type { FormatOptions, OutputFormat } from './simulation.ts';
import { renderTable, WALL_CLOCK_NOTE } from './text-table.ts';

const arrow = (a: string, b: string) => (a === b ? a : `${a} -> ${b}`);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function changesTable(changes: readonly LeadChange[], owners: OwnerLabeler, width: number): string {
  return renderTable(
    changes,
    [
      { header: 'ID', value: (c) => c.id, max: 16 },
      { header: 'CHANGED', value: (c) => c.changed.join(',') },
      { header: 'OWNER', value: (c) => arrow(owners.label(c.base.owner), owners.label(c.candidate.owner)), max: 36, wrap: true },
      { header: 'TIER', value: (c) => arrow(c.base.tier, c.candidate.tier), max: 16, wrap: true },
      { header: 'RULE', value: (c) => arrow(c.base.rule ?? '-', c.candidate.rule ?? '-'), flex: true, wrap: true },
    ],
    width,
  );
}

function deltaTable(title: string, rows: Record<string, CountDelta>, label: (k: string) => string): string {
  return renderTable(Object.entries(rows), [
    { header: title, value: ([k]) => label(k) },
    { header: 'BASE', value: ([, d]) => String(d.base), align: 'right' },
    { header: 'CANDIDATE', value: ([, d]) => String(d.candidate), align: 'right' },
    { header: 'DELTA', value: ([, d]) => (d.delta === 0 ? '0' : signed(d.delta)), align: 'right' },
  ]);
}

export function formatComparisonTable(c: Comparison, { width = 100, wallClock = false }: FormatOptions = {}): string {
  const owners = ownerLabeler([...c.base.leads, ...c.candidate.leads].map((l) => l.owner));
  const n = c.base.summary.total;
  const head =
    `Compared ${c.base.config} (base) with ${c.candidate.config} (candidate) on ${n} lead${n === 1 ? '' : 's'} at ${c.base.now}: ` +
    `${c.changes.length} changed` +
    (wallClock ? `\n${WALL_CLOCK_NOTE}` : '');
  const body = c.changes.length > 0 ? `\n\n${changesTable(c.changes, owners, width)}` : '\n\nNo lead changes owner, tier or rule.';
  const ownerTitle = `OWNER${owners.domain ? ` (${owners.domain})` : ''}`;
  return (
    `${head}${body}\n\n` +
    `${deltaTable(ownerTitle, c.deltas.owners, (k) => owners.label(k))}\n\n` +
    `${deltaTable('TIER', c.deltas.tiers, (k) => k)}\n`
  );
}

export const CHANGE_CSV_COLUMNS = ['id', 'changed', 'base_owner', 'candidate_owner', 'base_tier', 'candidate_tier', 'base_rule', 'candidate_rule', 'base_score', 'candidate_score'] as const;

export function formatComparisonCsv(c: Comparison): string {
  return toCsv(
    CHANGE_CSV_COLUMNS,
    c.changes.map((ch) => [
      ch.id,
      ch.changed.join(' '),
      ch.base.owner,
      ch.candidate.owner,
      ch.base.tier,
      ch.candidate.tier,
      ch.base.rule,
      ch.candidate.rule,
      ch.base.score,
      ch.candidate.score,
    ]),
  );
}

export function formatComparison(c: Comparison, format: OutputFormat, options: FormatOptions = {}): string {
  if (format === 'json') return `${JSON.stringify(c, null, 2)}\n`;
  if (format === 'csv') return formatComparisonCsv(c);
  return formatComparisonTable(c, options);
}
