// Per-tenant config versions on PostgreSQL: numbered per tenant under the tenant's advisory
// lock, so processes publishing at once get consecutive numbers; one active row per tenant.
import { mapActiveConfigRow, mapConfigVersionRow } from '../map-config-rows.ts';
import { decodeParsedJson, encodeJson } from '../map-rows.ts';
import type { Store } from '../types.ts';
import { lockTenant, type PgDb, type PgQuery } from './open-pg-db.ts';

type ConfigVersionMethods = Pick<
  Store,
  'appendConfigVersion' | 'listConfigVersions' | 'getConfigVersion' | 'activateConfigVersion' | 'discardConfigVersion' | 'getActiveConfigVersion' | 'activeConfigVersions'
>;

export function createPostgresConfigVersions(db: PgDb): ConfigVersionMethods {
  const { s } = db;
  const activate = async (query: PgQuery, tenant: string, version: number, by: string, at: number): Promise<boolean> => {
    const { rowCount } = await query(
      `INSERT INTO ${s}.config_active (tenant, version, activated_at, activated_by)
       SELECT tenant, version, $3, $4 FROM ${s}.config_versions WHERE tenant = $1 AND version = $2 AND valid AND discarded_at IS NULL
       ON CONFLICT (tenant) DO UPDATE SET version = excluded.version, activated_at = excluded.activated_at, activated_by = excluded.activated_by`,
      [tenant, version, at, by],
    );
    if (!rowCount) return false;
    await query(`UPDATE ${s}.config_versions SET draft = false WHERE tenant = $1 AND version = $2 AND draft`, [tenant, version]);
    return true;
  };

  return {
    async appendConfigVersion(input, opts) {
      return db.tx(async (query) => {
        await lockTenant(query, db.schema, `config:${input.tenant}`);
        const { rows } = await query(`SELECT COALESCE(MAX(version), 0) AS v FROM ${s}.config_versions WHERE tenant = $1`, [input.tenant]);
        const version = Number(rows[0]?.v ?? 0) + 1;
        await query(
          `INSERT INTO ${s}.config_versions (tenant, version, yaml, author, comment, created_at, valid, issues, draft)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9)`,
          [input.tenant, version, input.yaml, input.author, input.comment, input.createdAt, input.valid, encodeJson(input.issues), input.draft === true],
        );
        if (opts.activate && !input.draft) await activate(query, input.tenant, version, input.author, input.createdAt);
        return { ...input, version };
      });
    },

    async listConfigVersions(tenant) {
      const { rows } = await db.query(`SELECT * FROM ${s}.config_versions WHERE tenant = $1 ORDER BY version`, [tenant]);
      return rows.map((r) => mapConfigVersionRow(r, decodeParsedJson));
    },

    async getConfigVersion(tenant, version) {
      const { rows } = await db.query(`SELECT * FROM ${s}.config_versions WHERE tenant = $1 AND version = $2`, [tenant, version]);
      return rows[0] ? mapConfigVersionRow(rows[0], decodeParsedJson) : null;
    },

    async activateConfigVersion(tenant, version, by, at) {
      // Two statements (activate, clear the draft flag): one transaction.
      return db.tx((query) => activate(query, tenant, version, by, at));
    },

    async discardConfigVersion(tenant, version, at) {
      const { rowCount } = await db.query(
        `UPDATE ${s}.config_versions SET discarded_at = $3 WHERE tenant = $1 AND version = $2 AND draft AND discarded_at IS NULL`,
        [tenant, version, at],
      );
      return (rowCount ?? 0) > 0;
    },

    async getActiveConfigVersion(tenant) {
      const { rows } = await db.query(
        `SELECT v.*, a.activated_at, a.activated_by FROM ${s}.config_active a
         JOIN ${s}.config_versions v ON v.tenant = a.tenant AND v.version = a.version WHERE a.tenant = $1`,
        [tenant],
      );
      return rows[0] ? mapActiveConfigRow(rows[0], decodeParsedJson) : null;
    },

    async activeConfigVersions() {
      const { rows } = await db.query(`SELECT tenant, version FROM ${s}.config_active ORDER BY tenant`);
      return new Map(rows.map((r) => [String(r.tenant), Number(r.version)]));
    },
  };
}
