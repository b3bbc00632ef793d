// Installs on SQLite: one row per tenant, replaced as a whole on save.
import { decodeJsonText, encodeJson, mapInstallRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type InstallMethods = Pick<Store, 'saveInstall' | 'getInstall' | 'listInstalls'>;

export function createSqliteInstalls(db: SqliteDb): InstallMethods {
  return {
    async saveInstall(i) {
      db.stmt(
        `INSERT INTO installs (tenant, crm, external_id, credentials, meta, installed_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant) DO UPDATE SET crm = excluded.crm, external_id = excluded.external_id,
           credentials = excluded.credentials, meta = excluded.meta,
           installed_at = excluded.installed_at, updated_at = excluded.updated_at`,
      ).run(i.tenant, i.crm, i.externalId, i.credentials, encodeJson(i.meta ?? {}), i.installedAt, i.updatedAt);
    },

    async getInstall(tenant) {
      const row = db.stmt('SELECT * FROM installs WHERE tenant = ?').get(tenant);
      return row ? mapInstallRow(row, decodeJsonText) : null;
    },

    async listInstalls(crm) {
      const rows =
        crm === undefined
          ? db.stmt('SELECT * FROM installs ORDER BY tenant').all()
          : db.stmt('SELECT * FROM installs WHERE crm = ? ORDER BY tenant').all(crm);
      return rows.map((r) => mapInstallRow(r, decodeJsonText));
    },
  };
}
