// Report queries on SQLite (src/store/report-rows.ts): the per-lead rows come back as arrays
// (no object per row), everything else aggregated by SQLite.
import { REPORT_AGGREGATES, SQLITE_REPORT_DECISIONS, mapAggregates, mapReportDecision } from '../report-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

const SQL = Object.fromEntries(
  Object.entries(REPORT_AGGREGATES({ audit: 'audit', feedback: 'feedback', assignments: 'assignments INDEXED BY assignments_report' })).map(([k, v]) => [k, v.replace(/\$(\d)/g, '?$1')]),
) as ReturnType<typeof REPORT_AGGREGATES>;

export function createSqliteReport(db: SqliteDb): Pick<Store, 'reportWindow'> {
  const arrays = (sql: string) => {
    const st = db.stmt(sql);
    st.setReturnArrays(true);
    return st;
  };
  return {
    async reportWindow(tenant, since, now) {
      const rows = (sql: string, ...extra: number[]) => db.stmt(sql).all(tenant, since, ...extra) as Record<string, unknown>[];
      const decisions = (arrays(SQLITE_REPORT_DECISIONS).all(tenant, since) as unknown as unknown[][]).map(mapReportDecision);
      const esc = db.stmt('SELECT COUNT(*) AS n FROM audit INDEXED BY audit_escalated WHERE tenant = ? AND at >= ? AND escalated = 1').get(tenant, since) as { n: number };
      return {
        decisions,
        ...mapAggregates({ perOwnerDay: rows(SQL.perOwnerDay, now), feedback: rows(SQL.feedback) }),
        escalations: Number(esc.n),
      };
    },
  };
}
