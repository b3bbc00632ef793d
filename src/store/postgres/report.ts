// Report queries on PostgreSQL (src/store/report-rows.ts): the same aggregates as SQLite's.
import { POSTGRES_REPORT_DECISIONS, REPORT_AGGREGATES, mapAggregates, mapReportDecision } from '../report-rows.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

export function createPostgresReport(db: PgDb): Pick<Store, 'reportWindow'> {
  const { s } = db;
  const SQL = REPORT_AGGREGATES({ audit: `${s}.audit`, feedback: `${s}.feedback`, assignments: `${s}.assignments` });
  return {
    async reportWindow(tenant, since, now) {
      const q = async (sql: string, ...extra: number[]) => (await db.query(sql, [tenant, since, ...extra])).rows as Record<string, unknown>[];
      // pg builds each row object in the select list's order
      const arrays = async (sql: string) => (await q(sql)).map((r) => Object.values(r));
      const [decisions, perOwnerDay, feedback, esc] = await Promise.all([
        arrays(POSTGRES_REPORT_DECISIONS(`${s}.audit`, `${s}.assignments`)),
        q(SQL.perOwnerDay, now),
        q(SQL.feedback),
        q(`SELECT COUNT(*) AS n FROM ${s}.audit WHERE tenant = $1 AND at >= $2 AND escalated`),
      ]);
      return {
        decisions: decisions.map(mapReportDecision),
        ...mapAggregates({ perOwnerDay, feedback }),
        escalations: Number(esc[0]?.n ?? 0),
      };
    },
  };
}
