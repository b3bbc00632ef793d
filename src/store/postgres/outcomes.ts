// Outcomes (deals linked to leads) on PostgreSQL, and the assignment history reports read.
import { mapAssignmentRow } from '../map-rows.ts';
import { OUTCOME_COLUMNS, OUTCOME_CONFLICT, OUTCOME_SINCE, mapOutcomeRow, outcomeValues } from '../outcome-rows.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type OutcomeMethods = Pick<Store, 'upsertOutcome' | 'listOutcomes' | 'listAssignmentsSince'>;

export function createPostgresOutcomes(db: PgDb): OutcomeMethods {
  const { s } = db;
  const insert = `INSERT INTO ${s}.outcomes AS o (${OUTCOME_COLUMNS.join(', ')}) VALUES (${OUTCOME_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ${OUTCOME_CONFLICT}`;
  return {
    async upsertOutcome(outcome) {
      await db.query(insert, outcomeValues(outcome));
    },

    async listOutcomes(tenant, { since, leadId } = {}) {
      const where = ['tenant = $1'];
      const args: (string | number)[] = [tenant];
      if (since !== undefined) (args.push(since), where.push(`${OUTCOME_SINCE} $${args.length}`));
      if (leadId !== undefined) (args.push(leadId), where.push(`lead_id = $${args.length}`));
      const { rows } = await db.query(
        `SELECT * FROM ${s}.outcomes WHERE ${where.join(' AND ')} ORDER BY COALESCE(deal_created_at, observed_at), deal_id, lead_id`,
        args,
      );
      return rows.map(mapOutcomeRow);
    },

    async listAssignmentsSince(tenant, since) {
      const { rows } = await db.query(`SELECT * FROM ${s}.assignments WHERE tenant = $1 AND assigned_at >= $2 ORDER BY assigned_at, id`, [tenant, since]);
      return rows.map(mapAssignmentRow);
    },
  };
}
