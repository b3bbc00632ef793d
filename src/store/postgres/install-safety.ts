// OAuth nonces (single-use install state) and the uninstall record, on PostgreSQL.
import type { CrmKind, Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type Methods = Pick<Store, 'recordUninstall' | 'listUninstalls' | 'saveOAuthNonce' | 'consumeOAuthNonce'>;

export function createPostgresInstallSafety(db: PgDb): Methods {
  const { s } = db;
  return {
    async recordUninstall(r) {
      await db.query(`INSERT INTO ${s}.uninstalls (tenant, crm, at, reason) VALUES ($1, $2, $3, $4)`, [r.tenant, r.crm, r.at, r.reason]);
    },
    async listUninstalls(crm) {
      const { rows } =
        crm === undefined
          ? await db.query(`SELECT tenant, crm, at, reason FROM ${s}.uninstalls ORDER BY at, id`)
          : await db.query(`SELECT tenant, crm, at, reason FROM ${s}.uninstalls WHERE crm = $1 ORDER BY at, id`, [crm]);
      return (rows as { tenant: string; crm: CrmKind; at: string | number; reason: string }[]).map((r) => ({ tenant: r.tenant, crm: r.crm, at: Number(r.at), reason: r.reason }));
    },
    async saveOAuthNonce(nonce, crm, expiresAt, now) {
      await db.query(`DELETE FROM ${s}.oauth_nonces WHERE expires_at <= $1`, [now]);
      await db.query(`INSERT INTO ${s}.oauth_nonces (nonce, crm, expires_at) VALUES ($1, $2, $3)`, [nonce, crm, expiresAt]);
    },
    async consumeOAuthNonce(nonce, crm, now) {
      // DELETE ... RETURNING: of two callbacks racing with one state, exactly one gets the row.
      const { rows } = await db.query(`DELETE FROM ${s}.oauth_nonces WHERE nonce = $1 RETURNING crm, expires_at`, [nonce]);
      const row = rows[0] as { crm: string; expires_at: string | number } | undefined;
      return row !== undefined && row.crm === crm && Number(row.expires_at) > now;
    },
  };
}
