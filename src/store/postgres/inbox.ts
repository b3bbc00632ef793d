// The durable inbox on PostgreSQL. Claims lock their rows with FOR UPDATE SKIP LOCKED, so N
// workers in N processes claim disjoint rows, and never a row about a lead another worker holds
// (claims of one tenant are serialized by an advisory lock for that check).
import { byTimeThenId, clampError, decodeParsedJson, encodeJson, mapInboxRow, mapInboxStats } from '../map-rows.ts';
import type { InboxEventInput, InboxRow, Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type InboxMethods = Pick<
  Store,
  'inboxAppend' | 'inboxClaim' | 'inboxComplete' | 'inboxRetry' | 'inboxFail' | 'inboxStats' | 'inboxTenants' | 'inboxReleaseLeases' | 'inboxRenewLeases'
>;

/** Rows per INSERT statement: one round trip each, all in one transaction. */
const APPEND_CHUNK = 1000;

export function createPostgresInbox(db: PgDb): InboxMethods {
  const { s } = db;
  // One statement per chunk: parallel arrays unnested into rows.
  const insert = `INSERT INTO ${s}.inbox (tenant, source, dedupe_key, kind, object_id, occurred_at, payload, available_at, received_at)
    SELECT t, src, k, kd, o, oc, p::json, $8, $8
    FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[]) AS u (t, src, k, kd, o, oc, p)
    ON CONFLICT (tenant, dedupe_key) DO NOTHING`;
  const claimable = `status IN ('pending', 'processing')
    AND ((status = 'pending' AND available_at <= $1) OR (status = 'processing' AND lease_until <= $1))`;
  // A lead another worker holds (a row about it in processing, its lease live) is not claimed:
  // two processes holding one lead could write a batch read before an update over the values
  // of the batch read after it. Claims of a tenant run under one advisory lock (claimTx), so
  // a claim sees the rows the one before it took.
  const notHeldElsewhere = `(c.object_id = '' OR NOT EXISTS (
      SELECT 1 FROM ${s}.inbox h WHERE h.tenant = c.tenant AND h.object_id = c.object_id
        AND h.status = 'processing' AND h.lease_until > $1 AND h.worker IS DISTINCT FROM $4))`;
  const claim = (byTenant: boolean) => `WITH picked AS (
      SELECT id FROM ${s}.inbox c WHERE ${claimable} ${byTenant ? 'AND tenant = $5' : ''} AND ${notHeldElsewhere}
      ORDER BY occurred_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
    )
    UPDATE ${s}.inbox i SET status = 'processing', lease_until = $3, worker = $4, attempts = i.attempts + 1
    FROM picked WHERE i.id = picked.id
    RETURNING i.*`;
  const claimAny = claim(false);
  const claimTenant = claim(true);

  function chunkParams(events: InboxEventInput[], now: number): unknown[] {
    return [
      events.map((e) => e.tenant),
      events.map((e) => e.source),
      events.map((e) => e.dedupeKey),
      events.map((e) => e.kind),
      events.map((e) => e.objectId),
      events.map((e) => e.occurredAt),
      events.map((e) => encodeJson(e.payload)),
      now,
    ];
  }

  return {
    async inboxAppend(events, now) {
      if (events.length === 0) return { inserted: 0, duplicates: 0 };
      let inserted = 0;
      if (events.length <= APPEND_CHUNK) {
        inserted = (await db.query(insert, chunkParams(events, now))).rowCount ?? 0;
      } else {
        await db.tx(async (query) => {
          for (let i = 0; i < events.length; i += APPEND_CHUNK) {
            inserted += (await query(insert, chunkParams(events.slice(i, i + APPEND_CHUNK), now))).rowCount ?? 0;
          }
        });
      }
      return { inserted, duplicates: events.length - inserted };
    },

    async inboxClaim({ tenant, limit, leaseMs, now, worker }) {
      if (limit <= 0) return [];
      const params: unknown[] = [now, limit, now + leaseMs, worker];
      const { rows } = await db.tx(async (query) => {
        await query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`lead-router:claim:${s}`, tenant ?? '']);
        return tenant === undefined ? query(claimAny, params) : query(claimTenant, [...params, tenant]);
      });
      return rows.map((r) => mapInboxRow(r, decodeParsedJson)).sort(byTimeThenId((r: InboxRow) => r.occurredAt));
    },

    async inboxComplete(ids) {
      if (ids.length === 0) return;
      await db.query(`UPDATE ${s}.inbox SET status = 'done', lease_until = NULL WHERE id = ANY($1::bigint[])`, [ids]);
    },

    async inboxRetry(ids, error, availableAt) {
      if (ids.length === 0) return;
      await db.query(
        `UPDATE ${s}.inbox SET status = 'pending', available_at = $2, last_error = $3, lease_until = NULL, worker = NULL
         WHERE id = ANY($1::bigint[])`,
        [ids, availableAt, clampError(error)],
      );
    },

    async inboxFail(ids, error) {
      if (ids.length === 0) return;
      await db.query(`UPDATE ${s}.inbox SET status = 'failed', last_error = $2, lease_until = NULL WHERE id = ANY($1::bigint[])`, [
        ids,
        clampError(error),
      ]);
    },

    async inboxStats(tenant) {
      const sql = `SELECT status, count(*) AS n, min(received_at) AS oldest FROM ${s}.inbox ${tenant === undefined ? '' : 'WHERE tenant = $1'} GROUP BY status`;
      const { rows } = await db.query(sql, tenant === undefined ? [] : [tenant]);
      return mapInboxStats(rows);
    },

    async inboxReleaseLeases(exceptWorker) {
      const r = await db.query(
        `UPDATE ${s}.inbox SET status = 'pending', lease_until = NULL, worker = NULL WHERE status = 'processing' AND (worker IS NULL OR worker <> $1)`,
        [exceptWorker],
      );
      return r.rowCount ?? 0;
    },

    async inboxRenewLeases(tenant, worker, leaseUntil) {
      const r = await db.query(
        `UPDATE ${s}.inbox SET lease_until = $3 WHERE status = 'processing' AND tenant = $1 AND worker = $2 AND lease_until < $3`,
        [tenant, worker, leaseUntil],
      );
      return r.rowCount ?? 0;
    },

    async inboxTenants(now) {
      const { rows } = await db.query(`SELECT DISTINCT tenant FROM ${s}.inbox WHERE ${claimable} ORDER BY tenant`, [now]);
      return rows.map((r) => String(r.tenant));
    },
  };
}
