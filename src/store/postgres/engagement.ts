// Engagement ledger on PostgreSQL: append-only, deduplicated per lead (see engagement-key.ts).
import type { EngagementEvent } from '../../engine/types.ts';
import { computeEngagementKey } from '../engagement-key.ts';
import { decodeParsedJson, mapEngagementRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type EngagementMethods = Pick<Store, 'appendEngagement' | 'getEngagement'>;

export function createPostgresEngagement(db: PgDb): EngagementMethods {
  const { s } = db;
  return {
    async appendEngagement(tenant, leadId, events) {
      if (events.length === 0) return 0;
      const r = await db.query(
        `INSERT INTO ${s}.engagement (tenant, lead_id, dedupe_key, type, at, props, event_id)
         SELECT $1, $2, k, t, a, p::json, i
         FROM unnest($3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[]) WITH ORDINALITY AS u (k, t, a, p, i, n)
         ORDER BY n
         ON CONFLICT (tenant, lead_id, dedupe_key) DO NOTHING`,
        [
          tenant,
          leadId,
          events.map(computeEngagementKey),
          events.map((e) => e.type),
          events.map((e) => e.at),
          events.map((e) => (e.props === undefined ? null : JSON.stringify(e.props))),
          events.map((e) => (e.id === undefined || e.id === '' ? null : e.id)),
        ],
      );
      return r.rowCount ?? 0;
    },

    async getEngagement(tenant, leadIds) {
      const byLead = new Map<string, EngagementEvent[]>();
      for (const id of leadIds) byLead.set(id, []);
      if (byLead.size === 0) return byLead;
      const { rows } = await db.query(
        `SELECT lead_id, type, at, props, event_id FROM ${s}.engagement
         WHERE tenant = $1 AND lead_id = ANY($2::text[]) ORDER BY lead_id, at, id`,
        [tenant, [...byLead.keys()]],
      );
      for (const r of rows) byLead.get(String(r.lead_id))?.push(mapEngagementRow(r, decodeParsedJson));
      return byLead;
    },
  };
}
