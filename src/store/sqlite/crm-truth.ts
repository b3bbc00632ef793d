// Open leads follow the CRM, on SQLite (Store contract: CrmTruthStore in crm-truth-types.ts).
// An owner change is applied in one BEGIN IMMEDIATE transaction: the routing lock, so it never
// interleaves with a routing decision of the same tenant.
import { CRM_OWNER_CHANGE, LEAD_STATUS_COLUMNS, LEAD_STATUS_CONFLICT, classifyOwnerChange, leadStatusValues, mapLeadStatusRow, mapRoutingOverrides, routingOverridesSql, wrongOwnerNote } from '../crm-truth-rows.ts';
import { mapAssignmentRow } from '../map-rows.ts';
import type { CrmTruthStore } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

const CURRENT = 'SELECT * FROM assignments WHERE tenant = ? AND lead_id = ? AND closed = 0 ORDER BY id DESC LIMIT 1';

export function createSqliteCrmTruth(db: SqliteDb): CrmTruthStore {
  const insertStatus = `INSERT INTO lead_statuses AS l (${LEAD_STATUS_COLUMNS.join(', ')}) VALUES (${LEAD_STATUS_COLUMNS.map(() => '?').join(', ')}) ${LEAD_STATUS_CONFLICT}`;
  return {
    async applyCrmOwnerChange(change) {
      return db.immediate(() => {
        const row = db.stmt(CURRENT).get(change.tenant, change.leadId);
        const current = row ? mapAssignmentRow(row) : null;
        const outcome = classifyOwnerChange(current, change);
        if (outcome !== 'reassigned' || !current) return { outcome, previousOwner: current?.owner ?? null };
        db.stmt('UPDATE assignments SET closed = 1, ended_at = COALESCE(ended_at, ?), end_reason = COALESCE(end_reason, ?) WHERE tenant = ? AND lead_id = ? AND closed = 0').run(
          change.at, CRM_OWNER_CHANGE, change.tenant, change.leadId,
        );
        db.stmt(
          `INSERT INTO assignments (tenant, lead_id, owner, team, rule, tier, assigned_at, sla_deadline, round, origin)
           VALUES (?, ?, ?, NULL, NULL, ?, ?, NULL, ?, 'crm')`,
        ).run(change.tenant, change.leadId, change.owner, current.tier, change.at, current.round);
        // Implicit wrong-owner feedback on the decision the manager overrode (the superseded assignment).
        db.stmt(
          `INSERT INTO feedback (tenant, lead_id, at, user_id, kind, note, source, decided_at, decision_owner, decision_rule, decision_tier)
           VALUES (?, ?, ?, ?, 'wrong_owner', ?, 'owner_change', ?, ?, ?, ?)`,
        ).run(change.tenant, change.leadId, change.at, change.userId, wrongOwnerNote(current.owner, change.owner), current.assignedAt, current.owner, current.rule, current.tier);
        return { outcome, previousOwner: current.owner };
      });
    },

    async endAssignment(tenant, leadId, at, reason) {
      const r = db
        .stmt(
          `UPDATE assignments SET ended_at = ?, end_reason = ?
           WHERE id = (SELECT id FROM assignments WHERE tenant = ? AND lead_id = ? AND closed = 0 ORDER BY id DESC LIMIT 1)
             AND ended_at IS NULL AND assigned_at <= ?`,
        )
        .run(at, reason, tenant, leadId, at);
      return Number(r.changes) > 0;
    },

    async upsertLeadStatus(status) {
      db.stmt(insertStatus).run(...leadStatusValues(status));
    },

    async listLeadStatuses(tenant, { since, leadId } = {}) {
      const where = ['tenant = ?'];
      const args: (string | number)[] = [tenant];
      if (since !== undefined) (where.push('observed_at >= ?'), args.push(since));
      if (leadId !== undefined) (where.push('lead_id = ?'), args.push(leadId));
      return db.stmt(`SELECT * FROM lead_statuses WHERE ${where.join(' AND ')} ORDER BY observed_at, lead_id, kind, record_id`).all(...args).map(mapLeadStatusRow);
    },

    async listRoutingOverrides(tenant, since) {
      return mapRoutingOverrides(db.stmt(routingOverridesSql('assignments', () => '?')).all(tenant, since));
    },
  };
}
