// Console sign-in on SQLite: one-time links and sessions, by hash. Expired rows are kept for a
// day (so a late click hears "expired", not "unknown"), then pruned when new ones are written.
import { ADMIN_PRUNE_AFTER_MS } from '../console-types.ts';
import { linkSignsIn, mapAdminSessionRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type AdminMethods = Pick<Store, 'createAdminLink' | 'consumeAdminLink' | 'createAdminSession' | 'getAdminSession' | 'deleteAdminSession'>;

export function createSqliteAdminSessions(db: SqliteDb): AdminMethods {
  return {
    async createAdminLink(link) {
      db.immediate(() => {
        db.stmt('DELETE FROM admin_links WHERE expires_at < ?').run(link.createdAt - ADMIN_PRUNE_AFTER_MS);
        db.stmt('INSERT INTO admin_links (token_hash, tenant, created_at, expires_at, user_id, user_name) VALUES (?, ?, ?, ?, ?, ?)').run(
          link.tokenHash, link.tenant, link.createdAt, link.expiresAt, link.user?.id ?? null, link.user?.name ?? null,
        );
      });
    },

    async consumeAdminLink(tokenHash, now) {
      return db.immediate(() => {
        const used = db.stmt('UPDATE admin_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING tenant, user_id, user_name').get(now, tokenHash, now);
        if (used) return linkSignsIn(used);
        const row = db.stmt('SELECT used_at FROM admin_links WHERE token_hash = ?').get(tokenHash);
        if (!row) return { status: 'unknown' as const };
        return { status: row.used_at === null ? ('expired' as const) : ('used' as const) };
      });
    },

    async createAdminSession(session) {
      db.immediate(() => {
        db.stmt('DELETE FROM admin_sessions WHERE expires_at < ?').run(session.createdAt - ADMIN_PRUNE_AFTER_MS);
        db.stmt('INSERT INTO admin_sessions (id_hash, tenant, csrf_token, created_at, expires_at, user_id, user_name) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          session.idHash,
          session.tenant,
          session.csrfToken,
          session.createdAt,
          session.expiresAt,
          session.user?.id ?? null,
          session.user?.name ?? null,
        );
      });
    },

    async getAdminSession(idHash) {
      const row = db.stmt('SELECT * FROM admin_sessions WHERE id_hash = ?').get(idHash);
      return row ? mapAdminSessionRow(row) : null;
    },

    async deleteAdminSession(idHash) {
      db.stmt('DELETE FROM admin_sessions WHERE id_hash = ?').run(idHash);
    },
  };
}
