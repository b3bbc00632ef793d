// Console sign-in on PostgreSQL: one-time links and sessions, by hash. The link is used by one
// conditional UPDATE, so two processes opening the same link sign in at most once.
import { ADMIN_PRUNE_AFTER_MS } from '../console-types.ts';
import { linkSignsIn, mapAdminSessionRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type AdminMethods = Pick<Store, 'createAdminLink' | 'consumeAdminLink' | 'createAdminSession' | 'getAdminSession' | 'deleteAdminSession'>;

export function createPostgresAdminSessions(db: PgDb): AdminMethods {
  const { s } = db;
  return {
    async createAdminLink(link) {
      await db.query(`DELETE FROM ${s}.admin_links WHERE expires_at < $1`, [link.createdAt - ADMIN_PRUNE_AFTER_MS]);
      await db.query(`INSERT INTO ${s}.admin_links (token_hash, tenant, created_at, expires_at, user_id, user_name) VALUES ($1, $2, $3, $4, $5, $6)`, [
        link.tokenHash,
        link.tenant,
        link.createdAt,
        link.expiresAt,
        link.user?.id ?? null,
        link.user?.name ?? null,
      ]);
    },

    async consumeAdminLink(tokenHash, now) {
      const { rows } = await db.query(
        `UPDATE ${s}.admin_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING tenant, user_id, user_name`,
        [tokenHash, now],
      );
      if (rows[0]) return linkSignsIn(rows[0]);
      const found = await db.query(`SELECT used_at FROM ${s}.admin_links WHERE token_hash = $1`, [tokenHash]);
      if (!found.rows[0]) return { status: 'unknown' };
      return { status: found.rows[0].used_at === null ? 'expired' : 'used' };
    },

    async createAdminSession(session) {
      await db.query(`DELETE FROM ${s}.admin_sessions WHERE expires_at < $1`, [session.createdAt - ADMIN_PRUNE_AFTER_MS]);
      await db.query(`INSERT INTO ${s}.admin_sessions (id_hash, tenant, csrf_token, created_at, expires_at, user_id, user_name) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        session.idHash,
        session.tenant,
        session.csrfToken,
        session.createdAt,
        session.expiresAt,
        session.user?.id ?? null,
        session.user?.name ?? null,
      ]);
    },

    async getAdminSession(idHash) {
      const { rows } = await db.query(`SELECT * FROM ${s}.admin_sessions WHERE id_hash = $1`, [idHash]);
      return rows[0] ? mapAdminSessionRow(rows[0]) : null;
    },

    async deleteAdminSession(idHash) {
      await db.query(`DELETE FROM ${s}.admin_sessions WHERE id_hash = $1`, [idHash]);
    },
  };
}
