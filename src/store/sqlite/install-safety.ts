// OAuth nonces (single-use install state) and the uninstall record, on SQLite.
import type { CrmKind, Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type Methods = Pick<Store, 'recordUninstall' | 'listUninstalls' | 'saveOAuthNonce' | 'consumeOAuthNonce'>;

export function createSqliteInstallSafety(db: SqliteDb): Methods {
  return {
    async recordUninstall(r) {
      db.stmt('INSERT INTO uninstalls (tenant, crm, at, reason) VALUES (?, ?, ?, ?)').run(r.tenant, r.crm, r.at, r.reason);
    },
    async listUninstalls(crm) {
      const rows = (crm === undefined
        ? db.stmt('SELECT tenant, crm, at, reason FROM uninstalls ORDER BY at, id').all()
        : db.stmt('SELECT tenant, crm, at, reason FROM uninstalls WHERE crm = ? ORDER BY at, id').all(crm)) as { tenant: string; crm: CrmKind; at: number; reason: string }[];
      return rows.map((r) => ({ tenant: r.tenant, crm: r.crm, at: Number(r.at), reason: r.reason }));
    },
    async saveOAuthNonce(nonce, crm, expiresAt, now) {
      db.immediate(() => {
        db.stmt('DELETE FROM oauth_nonces WHERE expires_at <= ?').run(now);
        db.stmt('INSERT INTO oauth_nonces (nonce, crm, expires_at) VALUES (?, ?, ?)').run(nonce, crm, expiresAt);
      });
    },
    async consumeOAuthNonce(nonce, crm, now) {
      // DELETE ... RETURNING: of two callbacks racing with one state, exactly one gets the row.
      const row = db.stmt('DELETE FROM oauth_nonces WHERE nonce = ? RETURNING crm, expires_at').get(nonce) as { crm: string; expires_at: number } | undefined;
      return row !== undefined && row.crm === crm && Number(row.expires_at) > now;
    },
  };
}
