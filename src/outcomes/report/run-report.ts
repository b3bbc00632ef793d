// `lead-router report`: read the tenant's decisions, assignments and outcomes since a time
// from the store (same calls on SQLite and PostgreSQL) and build the funnel.
import type { AuditEntry, Store, TenantKey } from '../../store/types.ts';
import { buildFunnel, SMALL_SAMPLE, type FunnelRow, type ReportDimension } from './build-funnel.ts';
import { collectLeadFacts } from './lead-facts.ts';

const AUDIT_PAGE = 1000;

export interface FunnelReport {
  tenant: TenantKey;
  /** ISO time of the window start */
  since: string;
  by: ReportDimension;
  /** The lead field (config alias) read as the source. */
  sourceField: string;
  smallSample: number;
  rows: FunnelRow[];
  total: FunnelRow;
}

export async function runReport(opts: { store: Store; tenant: TenantKey; since: number; by: ReportDimension; sourceField?: string }): Promise<FunnelReport> {
  const { store, tenant, since } = opts;
  const audits: AuditEntry[] = [];
  // Keyset paging on (at, id), as listAuditSince orders.
  for (let cursor = { at: since, id: 0 }; ; ) {
    const page = await store.listAuditSince(tenant, cursor.at, { afterId: cursor.id, limit: AUDIT_PAGE });
    audits.push(...page);
    if (page.length < AUDIT_PAGE) break;
    cursor = { at: page.at(-1)!.at, id: page.at(-1)!.id };
  }
  const sourceField = opts.sourceField ?? 'source';
  const facts = collectLeadFacts(audits, await store.listAssignmentsSince(tenant, since), await store.listOutcomes(tenant, { since }), sourceField);
  return { tenant, since: new Date(since).toISOString(), by: opts.by, sourceField, smallSample: SMALL_SAMPLE, ...buildFunnel(facts, opts.by) };
}
