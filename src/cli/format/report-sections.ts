// `lead-router report` (table format): the sections after the funnel, as short text tables.
// The json format carries every number (the same object the console's Reports page reads).
import type { FunnelReport } from '../../outcomes/report/run-report.ts';
import type { CountRow } from '../../outcomes/report/sections.ts';
import { formatNumber, renderTable } from './text-table.ts';

const pct = (x: number | null) => (x === null ? '-' : `${formatNumber(x * 100, 1)}%`);

function counts(title: string, rows: CountRow[]): string {
  if (rows.length === 0) return `${title}: none`;
  return `${title}: ${rows.map((r) => `${r.key} ${r.count}`).join(', ')}`;
}

export function formatSections(r: FunnelReport): string[] {
  const out: string[] = [];
  const perRep = r.assignedOverTime.reps;
  out.push('', `Assigned per rep (${r.assignedOverTime.days.length} days, by UTC day in --format json): ${perRep.length ? perRep.map((x) => `${x.owner} ${x.total}`).join(', ') : 'none'}`);

  const sla = r.sla;
  out.push('', `SLA: ${sla.total.breached} of ${sla.total.withSla} assignments breached (${pct(sla.total.withSla ? sla.total.breached / sla.total.withSla : null)}); ${sla.reassigned} re-assigned after a breach; ${sla.escalations} escalated`);
  if (sla.rows.length) {
    out.push(renderTable(sla.rows, [
      { header: 'REP', value: (x) => x.owner, max: 36 },
      { header: 'WITH SLA', value: (x) => String(x.withSla), align: 'right' },
      { header: 'BREACHED', value: (x) => String(x.breached), align: 'right' },
    ]));
  }

  if (r.fairness.length) {
    out.push('', 'Fairness (share of the team\'s leads vs the share weight and availability entitle):');
    out.push(renderTable(r.fairness, [
      { header: 'TEAM', value: (x) => x.team, max: 24 },
      { header: 'REP', value: (x) => x.owner, max: 36 },
      { header: 'LEADS', value: (x) => String(x.leads), align: 'right' },
      { header: 'SHARE', value: (x) => pct(x.share), align: 'right' },
      { header: 'ENTITLED', value: (x) => pct(x.entitled), align: 'right' },
      { header: 'WEIGHT', value: (x) => formatNumber(x.weight, 2), align: 'right' },
      { header: 'AVAILABLE', value: (x) => pct(x.availability), align: 'right' },
    ], 140));
  }

  const fb = r.fallback;
  out.push('', `Fallback owner: ${fb.fallback} of ${fb.leads} leads (${pct(fb.leads ? fb.fallback / fb.leads : null)})${fb.byRule.length ? `; ${fb.byRule.map((x) => `${x.key} ${x.count}`).join(', ')}` : ''}`);
  out.push('', counts('Scores', r.distribution.scores), counts('Tiers', r.distribution.tiers), counts('Grades', r.distribution.grades));

  const f = r.feedback;
  out.push('', f.rows.length ? 'Rep feedback per rule and rep:' : 'Rep feedback: none in the window');
  if (f.rows.length) {
    out.push(renderTable(f.rows, [
      { header: 'RULE', value: (x) => x.rule, max: 30 },
      { header: 'REP', value: (x) => x.owner, max: 36 },
      ...f.kinds.map((k) => ({ header: k.toUpperCase(), value: (x: (typeof f.rows)[number]) => String(x.counts[k] ?? 0), align: 'right' as const })),
    ], 140));
  }
  return out;
}
