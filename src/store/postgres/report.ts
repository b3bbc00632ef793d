// Report queries on PostgreSQL (src/store/report-rows.ts): the same SQL as SQLite's.
import { REPORT_DECISIONS_SQL, REPORT_FEEDBACK_SQL, mapFeedbackCount, mapReportDecision } from '../report-rows.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

const p = (n: number) => `$${n}`;

export function createPostgresReport(db: PgDb): Pick<Store, 'reportWindow'> {
  const { s } = db;
  return {
    async reportWindow(tenant, since) {
      const [decisions, feedback, esc] = await Promise.all([
        db.query(REPORT_DECISIONS_SQL(`${s}.audit`, p), [tenant, since]),
        db.query(REPORT_FEEDBACK_SQL(`${s}.audit`, `${s}.feedback`, p), [tenant, since]),
        db.query(`SELECT COUNT(*) AS n FROM ${s}.audit WHERE tenant = $1 AND at >= $2 AND escalated`, [tenant, since]),
      ]);
      return {
        decisions: decisions.rows.map(mapReportDecision),
        feedback: feedback.rows.map(mapFeedbackCount),
        escalations: Number((esc.rows[0] as { n: unknown }).n),
      };
    },
  };
}
