// Report queries on SQLite (src/store/report-rows.ts): lean columns, aggregated where possible.
import { REPORT_DECISIONS_SQL, REPORT_FEEDBACK_SQL, mapFeedbackCount, mapReportDecision } from '../report-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

const p = () => '?';

export function createSqliteReport(db: SqliteDb): Pick<Store, 'reportWindow'> {
  return {
    async reportWindow(tenant, since) {
      const decisions = db.stmt(REPORT_DECISIONS_SQL('audit', p)).all(tenant, since).map((r) => mapReportDecision(r as Record<string, unknown>));
      const feedback = db.stmt(REPORT_FEEDBACK_SQL('audit', 'feedback', p)).all(tenant, since).map((r) => mapFeedbackCount(r as Record<string, unknown>));
      const esc = db.stmt('SELECT COUNT(*) AS n FROM audit INDEXED BY audit_escalated WHERE tenant = ? AND at >= ? AND escalated = 1').get(tenant, since) as { n: number };
      return { decisions, feedback, escalations: Number(esc.n) };
    },
  };
}
