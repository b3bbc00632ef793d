// `lead-router report` output: table (one line per group, rates with their 95% interval, small
// groups marked, then the other sections), json (the FunnelReport) or csv (one row per group
// plus the total: the console's CSV export is this same text).
import type { FunnelRow } from '../../outcomes/report/build-funnel.ts';
import type { FunnelReport } from '../../outcomes/report/run-report.ts';
import type { Rate } from '../../outcomes/report/wilson.ts';
import { toCsv } from './csv-writer.ts';
import { formatSections } from './report-sections.ts';
import type { OutputFormat } from './simulation.ts';
import { formatNumber, renderTable } from './text-table.ts';

const pct = (x: number | null) => (x === null ? '-' : `${formatNumber(x * 100, 1)}%`);
/** "42.0% (31.2-53.6)" */
export const rateText = (r: Rate) => (r.rate === null ? '-' : `${pct(r.rate)} (${formatNumber(r.low! * 100, 1)}-${formatNumber(r.high! * 100, 1)})`);
const minutes = (m: number | null) => (m === null ? '-' : `${formatNumber(m, 1)}m`);
const money = (rev: Record<string, number>) =>
  Object.entries(rev).sort(([a], [b]) => a.localeCompare(b)).map(([c, v]) => `${formatNumber(v, 2)} ${c}`).join(' + ') || '0';

function formatTable(r: FunnelReport): string {
  const rows = [...r.rows, r.total];
  const table = renderTable(rows, [
    { header: r.by.toUpperCase(), value: (x: FunnelRow) => `${x.group}${x.small ? ' *' : ''}`, max: 36 },
    { header: 'LEADS', value: (x) => String(x.leads), align: 'right' },
    { header: 'TOUCHED <=5M', value: (x) => `${x.touchedFast.successes}/${x.assigned} ${rateText(x.touchedFast)}`, align: 'right' },
    { header: 'MEDIAN', value: (x) => minutes(x.medianTouchMinutes), align: 'right' },
    { header: 'P90', value: (x) => minutes(x.p90TouchMinutes), align: 'right' },
    { header: 'DEAL', value: (x) => `${x.converted.successes} ${rateText(x.converted)}`, align: 'right' },
    { header: 'WON', value: (x) => `${x.won.successes} ${rateText(x.won)}`, align: 'right' },
    { header: 'REVENUE', value: (x) => money(x.revenue), align: 'right' },
    { header: 'REASSIGNED IN CRM', value: (x) => String(x.reassignedInCrm), align: 'right' },
    { header: 'CLOSED UNWORKED', value: (x) => String(x.closedUnworked), align: 'right' },
  ], 200);
  return [
    `Funnel of ${r.tenant} by ${r.by}, leads decided since ${r.since}`,
    '',
    table,
    '',
    `Rates with 95% Wilson intervals. * fewer than ${r.smallSample} leads: read with care. Time to first touch counts touched leads only.`,
    'Reassigned in CRM: leads a manager gave another owner in the CRM. Closed unworked: leads closed by a lead status (openLeads.closeWhen) or archived before any touch.',
    ...(r.by === 'source' ? [`Source: the lead field "${r.sourceField}" when it was decided (map it under fields: in the config; "(unknown)" when absent).`] : []),
    ...(r.by === 'segment' ? ['Segment: the team the route targeted ("(no team)": a direct owner, the fallback owner or unassigned).'] : []),
    ...formatSections(r),
  ].join('\n') + '\n';
}

const HEADER = [
  'group', 'leads', 'assigned', 'touched', 'touched_5m', 'touched_5m_rate', 'touched_5m_low', 'touched_5m_high', 'median_touch_min', 'p90_touch_min',
  'converted', 'converted_rate', 'converted_low', 'converted_high', 'won', 'won_rate', 'won_low', 'won_high', 'revenue', 'small',
  'reassigned_in_crm', 'closed_unworked',
];

function csvRow(x: FunnelRow): (string | number | boolean | null)[] {
  const rate = (r: Rate) => [r.successes, r.rate, r.low, r.high];
  return [x.group, x.leads, x.assigned, x.touched, ...rate(x.touchedFast), x.medianTouchMinutes, x.p90TouchMinutes, ...rate(x.converted), ...rate(x.won), money(x.revenue), x.small, x.reassignedInCrm, x.closedUnworked];
}

export function formatReport(r: FunnelReport, format: OutputFormat): string {
  if (format === 'json') return `${JSON.stringify(r, null, 2)}\n`;
  if (format === 'csv') return toCsv(HEADER, [...r.rows, r.total].map(csvRow));
  return formatTable(r);
}
