// Installs on PostgreSQL: one row per tenant, replaced as a whole on save.
import { decodeParsedJson, encodeJson, mapInstallRow } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type InstallMethods = Pick<Store, 'saveInstall' | 'getInstall' | 'listInstalls'>;

export function createPostgresInstalls(db: PgDb): InstallMethods {
  const { s } = db;
  return {
    async saveInstall(i) {
      await db.query(
        `INSERT INTO ${s}.installs (tenant, crm, external_id, credentials, meta, installed_at, updated_at)
         VALUES ($1, $2, $3, $4, $5::json, $6, $7)
         ON CONFLICT (tenant) DO UPDATE SET crm = excluded.crm, external_id = excluded.external_id,
           credentials = excluded.credentials, meta = excluded.meta,
           installed_at = excluded.installed_at, updated_at = excluded.updated_at`,
        [i.tenant, i.crm, i.externalId, i.credentials, encodeJson(i.meta ?? {}), i.installedAt, i.updatedAt],
      );
    },

    async getInstall(tenant) {
      const { rows } = await db.query(`SELECT * FROM ${s}.installs WHERE tenant = $1`, [tenant]);
      return rows[0] ? mapInstallRow(rows[0], decodeParsedJson) : null;
    },

    async listInstalls(crm) {
      const { rows } =
        crm === undefined
          ? await db.query(`SELECT * FROM ${s}.installs ORDER BY tenant`)
          : await db.query(`SELECT * FROM ${s}.installs WHERE crm = $1 ORDER BY tenant`, [crm]);
      return rows.map((r) => mapInstallRow(r, decodeParsedJson));
    },
  };
}
