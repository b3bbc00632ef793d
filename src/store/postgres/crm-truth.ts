// Open leads follow the CRM, on PostgreSQL (Store contract: CrmTruthStore in crm-truth-types.ts).
// An owner change is applied under the tenant's routing advisory lock, in one transaction.
import { CRM_OWNER_CHANGE, LEAD_STATUS_COLUMNS, LEAD_STATUS_CONFLICT, classifyOwnerChange, leadStatusValues, mapLeadStatusRow, mapRoutingOverrides, routingOverridesSql, wrongOwnerNote } from '../crm-truth-rows.ts';
import { mapAssignmentRow } from '../map-rows.ts';
import type { CrmTruthStore } from '../types.ts';
import { lockTenant, type PgDb } from './open-pg-db.ts';

export function createPostgresCrmTruth(db: PgDb): CrmTruthStore {
  const { s } = db;
  const insertStatus = `INSERT INTO ${s}.lead_statuses AS l (${LEAD_STATUS_COLUMNS.join(', ')}) VALUES (${LEAD_STATUS_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ${LEAD_STATUS_CONFLICT}`;
  return {
    async applyCrmOwnerChange(change) {
      return db.tx(async (query) => {
        await lockTenant(query, db.schema, change.tenant);
        const { rows } = await query(`SELECT * FROM ${s}.assignments WHERE tenant = $1 AND lead_id = $2 AND NOT closed ORDER BY id DESC LIMIT 1`, [change.tenant, change.leadId]);
        const current = rows[0] ? mapAssignmentRow(rows[0]) : null;
        const outcome = classifyOwnerChange(current, change);
        if (outcome !== 'reassigned' || !current) return { outcome, previousOwner: current?.owner ?? null };
        await query(
          `UPDATE ${s}.assignments SET closed = true, ended_at = COALESCE(ended_at, $1), end_reason = COALESCE(end_reason, $2) WHERE tenant = $3 AND lead_id = $4 AND NOT closed`,
          [change.at, CRM_OWNER_CHANGE, change.tenant, change.leadId],
        );
        await query(
          `INSERT INTO ${s}.assignments (tenant, lead_id, owner, team, rule, tier, assigned_at, sla_deadline, round, origin)
           VALUES ($1, $2, $3, NULL, NULL, $4, $5, NULL, $6, 'crm')`,
          [change.tenant, change.leadId, change.owner, current.tier, change.at, current.round],
        );
        // Implicit wrong-owner feedback on the decision the manager overrode (the superseded assignment).
        await query(
          `INSERT INTO ${s}.feedback (tenant, lead_id, at, user_id, kind, note, source, decided_at, decision_owner, decision_rule, decision_tier)
           VALUES ($1, $2, $3, $4, 'wrong_owner', $5, 'owner_change', $6, $7, $8, $9)`,
          [change.tenant, change.leadId, change.at, change.userId, wrongOwnerNote(current.owner, change.owner), current.assignedAt, current.owner, current.rule, current.tier],
        );
        return { outcome, previousOwner: current.owner };
      });
    },

    async endAssignment(tenant, leadId, at, reason) {
      const r = await db.query(
        `UPDATE ${s}.assignments SET ended_at = $1, end_reason = $2
         WHERE id = (SELECT id FROM ${s}.assignments WHERE tenant = $3 AND lead_id = $4 AND NOT closed ORDER BY id DESC LIMIT 1)
           AND ended_at IS NULL AND assigned_at <= $1`,
        [at, reason, tenant, leadId],
      );
      return (r.rowCount ?? 0) > 0;
    },

    async upsertLeadStatus(status) {
      await db.query(insertStatus, leadStatusValues(status));
    },

    async listLeadStatuses(tenant, { since, leadId } = {}) {
      const where = ['tenant = $1'];
      const args: (string | number)[] = [tenant];
      if (since !== undefined) (args.push(since), where.push(`observed_at >= $${args.length}`));
      if (leadId !== undefined) (args.push(leadId), where.push(`lead_id = $${args.length}`));
      const { rows } = await db.query(`SELECT * FROM ${s}.lead_statuses WHERE ${where.join(' AND ')} ORDER BY observed_at, lead_id, kind, record_id`, args);
      return rows.map(mapLeadStatusRow);
    },

    async listRoutingOverrides(tenant, since) {
      const { rows } = await db.query(routingOverridesSql(`${s}.assignments`, (n) => `$${n}${n === 2 ? '::bigint' : ''}`), [tenant, since]);
      return mapRoutingOverrides(rows);
    },
  };
}
