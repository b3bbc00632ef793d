// `simulate` output: an aligned table for people, JSON for programs, CSV for spreadsheets.
import type { SimulatedLead, SimulationResult, SimulationSummary } from '../../simulate/types.ts';
import { toCsv } from './csv-writer.ts';
import { ownerLabeler, type OwnerLabeler } from './owner-label.ts';
import { formatNumber, renderTable, WALL_CLOCK_NOTE } from './text-table.ts';

export type OutputFormat = 'table' | 'json' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'csv'];

/** Column order of the per-lead CSV (the JSON lead objects use the same names); with a
 *  predictive model (simulate --tenant) a last column winProbability follows. */
export const LEAD_CSV_COLUMNS = ['id', 'fit', 'engagement', 'score', 'tier', 'grade', 'owner', 'rule', 'target', 'team', 'reasons'] as const;

const predicted = (leads: readonly SimulatedLead[]) => leads.some((l) => l.winProbability !== undefined);

/** The score part of the reasons: owner and rule already have their own columns. */
function scoreReasons(reasons: string): string {
  const cut = reasons.lastIndexOf(' -> ');
  return cut > 0 ? reasons.slice(0, cut) : reasons;
}

function leadsTable(leads: readonly SimulatedLead[], owners: OwnerLabeler, width: number): string {
  return renderTable(
    leads,
    [
      { header: 'ID', value: (l) => l.id, max: 16 },
      { header: 'SCORE', value: (l) => formatNumber(l.score, 1), align: 'right' },
      { header: 'FIT', value: (l) => formatNumber(l.fit, 1), align: 'right' },
      { header: 'ENG', value: (l) => formatNumber(l.engagement, 1), align: 'right' },
      { header: 'TIER', value: (l) => l.tier, max: 8, wrap: true },
      { header: 'GRADE', value: (l) => l.grade ?? '-' },
      { header: 'OWNER', value: (l) => owners.label(l.owner), max: 16 },
      { header: 'RULE', value: (l) => l.rule ?? `(${l.target.replace('_', ' ')})`, max: 24, wrap: true },
      ...(predicted(leads) ? [{ header: 'WIN%', value: (l: SimulatedLead) => (l.winProbability === undefined ? '-' : String(l.winProbability)), align: 'right' as const }] : []),
    ],
    width,
    // The reasons are the explanation: printed whole under each lead, never cut.
    { detail: (l) => scoreReasons(l.reasons), detailHeader: 'REASONS' },
  );
}

export function summaryTables(summary: SimulationSummary, owners: OwnerLabeler): string {
  const pct = (p: number) => `${p.toFixed(1)}%`;
  const ownerRows = Object.entries(summary.owners);
  const tierRows = Object.entries(summary.tiers);
  const ownerTable = renderTable(ownerRows, [
    { header: `OWNER${owners.domain ? ` (${owners.domain})` : ''}`, value: ([o]) => owners.label(o) },
    { header: 'LEADS', value: ([, s]) => String(s.count), align: 'right' },
    { header: 'SHARE', value: ([, s]) => pct(s.percent), align: 'right' },
  ]);
  const tierTable = renderTable(tierRows, [
    { header: 'TIER', value: ([t]) => t },
    { header: 'LEADS', value: ([, s]) => String(s.count), align: 'right' },
    { header: 'SHARE', value: ([, s]) => pct(s.percent), align: 'right' },
  ]);
  return `${ownerTable}\n\n${tierTable}`;
}

/** How the output was asked for: the table width, and whether the time came from the wall clock. */
export interface FormatOptions {
  width?: number;
  wallClock?: boolean;
}

export function formatSimulationTable(result: SimulationResult, { width = 100, wallClock = false }: FormatOptions = {}): string {
  const owners = ownerLabeler(result.leads.map((l) => l.owner));
  const head =
    `Simulated ${result.summary.total} lead${result.summary.total === 1 ? '' : 's'} with ${result.config} at ${result.now}` +
    (wallClock ? `\n${WALL_CLOCK_NOTE}` : '');
  return `${head}\n\n${leadsTable(result.leads, owners, width)}\n\n${summaryTables(result.summary, owners)}\n`;
}

export function formatSimulationCsv(result: SimulationResult): string {
  const columns = predicted(result.leads) ? [...LEAD_CSV_COLUMNS, 'winProbability' as const] : LEAD_CSV_COLUMNS;
  return toCsv(
    columns,
    result.leads.map((l) => columns.map((c) => l[c] ?? null)),
  );
}

export function formatSimulationJson(result: SimulationResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

export function formatSimulation(result: SimulationResult, format: OutputFormat, options: FormatOptions = {}): string {
  if (format === 'json') return formatSimulationJson(result);
  if (format === 'csv') return formatSimulationCsv(result);
  return formatSimulationTable(result, options);
}
