// Engagement ledger on SQLite: append-only, deduplicated per lead (see engagement-key.ts).
import type { EngagementEvent } from '../../engine/types.ts';
import { computeEngagementKey } from '../engagement-key.ts';
import { decodeJsonText, mapEngagementRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import { jsonList, type SqliteDb } from './open-sqlite-db.ts';

type EngagementMethods = Pick<Store, 'appendEngagement' | 'getEngagement'>;

export function createSqliteEngagement(db: SqliteDb): EngagementMethods {
  return {
    async appendEngagement(tenant, leadId, events) {
      if (events.length === 0) return 0;
      return db.immediate(() => {
        const insert = db.stmt(
          `INSERT INTO engagement (tenant, lead_id, dedupe_key, type, at, props, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (tenant, lead_id, dedupe_key) DO NOTHING`,
        );
        let inserted = 0;
        for (const e of events) {
          const props = e.props === undefined ? null : JSON.stringify(e.props);
          const id = e.id === undefined || e.id === '' ? null : e.id;
          inserted += Number(insert.run(tenant, leadId, computeEngagementKey(e), e.type, e.at, props, id).changes);
        }
        return inserted;
      });
    },

    async getEngagement(tenant, leadIds) {
      const byLead = new Map<string, EngagementEvent[]>();
      for (const id of leadIds) byLead.set(id, []);
      if (byLead.size === 0) return byLead;
      const rows = db
        .stmt(
          `SELECT lead_id, type, at, props, event_id FROM engagement
           WHERE tenant = ? AND lead_id IN (SELECT value FROM json_each(?)) ORDER BY lead_id, at, id`,
        )
        .all(tenant, jsonList([...byLead.keys()]));
      for (const r of rows) byLead.get(String(r.lead_id))?.push(mapEngagementRow(r, decodeJsonText));
      return byLead;
    },
  };
}
