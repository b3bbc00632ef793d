// `lead-router report` and the console's Reports page: one report of a tenant's window, built
// from the store's lean report rows (src/store/report-rows.ts: each lead's latest decision and
// first assignment as columns; assignments per day / team, SLA and feedback counted in SQL),
// outcomes (deals), absences and the leads whose routing managers overrode in the CRM
// (listRoutingOverrides), the same calls on SQLite and PostgreSQL. Both front ends print this object.
import type { LeadRouterConfig } from '../../config/schema.ts';
import type { Store, TenantKey } from '../../store/types.ts';
import { buildFunnel, FAST_TOUCH_MS, SMALL_SAMPLE, type FunnelRow, type ReportDimension } from './build-funnel.ts';
import { fairnessSection, type FairnessRow } from './fairness.ts';
import { assignedOverTime, distributionSection, fallbackSection, feedbackSection, slaSection, type AssignedOverTime, type CountRow, type FeedbackSection, type SlaSection } from './sections.ts';

/** The lead field (config alias under fields:) recorded as each decision's source. */
export const SOURCE_FIELD = 'source';

export interface FunnelReport {
  tenant: TenantKey;
  /** ISO time of the window start */
  since: string;
  /** ISO time the report was made (the window's end) */
  until: string;
  by: ReportDimension;
  /** The lead field (config alias) read as the source. */
  sourceField: string;
  smallSample: number;
  fastTouchMinutes: number;
  rows: FunnelRow[];
  total: FunnelRow;
  assignedOverTime: AssignedOverTime;
  sla: SlaSection;
  fairness: FairnessRow[];
  fallback: { leads: number; fallback: number; byRule: CountRow[] };
  distribution: { scores: CountRow[]; tiers: CountRow[]; grades: CountRow[] };
  feedback: FeedbackSection;
}

export interface ReportRequest {
  store: Store;
  tenant: TenantKey;
  since: number;
  by: ReportDimension;
  /** The window's end (the report's clock). */
  now: number;
  /** The tenant's running config: teams, weights and out-of-office for fairness. */
  config: LeadRouterConfig;
}

export async function runReport(opts: ReportRequest): Promise<FunnelReport> {
  const { store, tenant, since, now } = opts;
  const [window, outcomes, absences, overrides] = await Promise.all([
    store.reportWindow(tenant, since, now),
    store.listOutcomes(tenant, { since }),
    store.listAbsences(tenant, { after: since }),
    store.listRoutingOverrides(tenant, since),
  ]);
  return {
    tenant,
    since: new Date(since).toISOString(),
    until: new Date(now).toISOString(),
    by: opts.by,
    sourceField: SOURCE_FIELD,
    smallSample: SMALL_SAMPLE,
    fastTouchMinutes: FAST_TOUCH_MS / 60_000,
    ...buildFunnel(window.decisions, outcomes, opts.by, new Map(overrides.map((o) => [o.leadId, o]))),
    assignedOverTime: assignedOverTime(window.assignedPerDay, since, now),
    sla: slaSection(window),
    fairness: fairnessSection(opts.config, window.perTeam, absences, since, now),
    fallback: fallbackSection(window.decisions),
    distribution: distributionSection(window.decisions),
    feedback: feedbackSection(window.feedback),
  };
}
