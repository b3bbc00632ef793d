// Outcomes (deals linked to leads) on SQLite, and the assignment history reports read.
import { mapAssignmentRow } from '../map-rows.ts';
import { OUTCOME_COLUMNS, OUTCOME_CONFLICT, OUTCOME_SINCE, mapOutcomeRow, outcomeValues } from '../outcome-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type OutcomeMethods = Pick<Store, 'upsertOutcome' | 'listOutcomes' | 'listAssignmentsSince'>;

export function createSqliteOutcomes(db: SqliteDb): OutcomeMethods {
  const insert = `INSERT INTO outcomes AS o (${OUTCOME_COLUMNS.join(', ')}) VALUES (${OUTCOME_COLUMNS.map(() => '?').join(', ')}) ${OUTCOME_CONFLICT}`;
  return {
    async upsertOutcome(outcome) {
      db.stmt(insert).run(...outcomeValues(outcome));
    },

    async listOutcomes(tenant, { since, leadId } = {}) {
      const where = ['tenant = ?'];
      const args: (string | number)[] = [tenant];
      if (since !== undefined) (where.push(`${OUTCOME_SINCE} ?`), args.push(since));
      if (leadId !== undefined) (where.push('lead_id = ?'), args.push(leadId));
      return db
        .stmt(`SELECT * FROM outcomes WHERE ${where.join(' AND ')} ORDER BY COALESCE(deal_created_at, observed_at), deal_id, lead_id`)
        .all(...args)
        .map(mapOutcomeRow);
    },

    async listAssignmentsSince(tenant, since) {
      return db.stmt('SELECT * FROM assignments WHERE tenant = ? AND assigned_at >= ? ORDER BY assigned_at, id').all(tenant, since).map(mapAssignmentRow);
    },
  };
}
