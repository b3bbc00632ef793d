// Per-tenant config versions on SQLite: numbered per tenant inside BEGIN IMMEDIATE, so two
// processes publishing at once get consecutive numbers; the active pointer is one row per tenant.
import { mapActiveConfigRow, mapConfigVersionRow } from '../map-config-rows.ts';
import { decodeJsonText, encodeJson } from '../map-rows.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type ConfigVersionMethods = Pick<
  Store,
  'appendConfigVersion' | 'listConfigVersions' | 'getConfigVersion' | 'activateConfigVersion' | 'discardConfigVersion' | 'getActiveConfigVersion' | 'activeConfigVersions'
>;

export function createSqliteConfigVersions(db: SqliteDb): ConfigVersionMethods {
  const activate = (tenant: string, version: number, by: string, at: number): boolean => {
    const row = db.stmt('SELECT valid, discarded_at FROM config_versions WHERE tenant = ? AND version = ?').get(tenant, version);
    if (!row || Number(row.valid) !== 1 || row.discarded_at !== null) return false;
    db.stmt('UPDATE config_versions SET draft = 0 WHERE tenant = ? AND version = ? AND draft = 1').run(tenant, version);
    db.stmt(
      `INSERT INTO config_active (tenant, version, activated_at, activated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (tenant) DO UPDATE SET version = excluded.version, activated_at = excluded.activated_at, activated_by = excluded.activated_by`,
    ).run(tenant, version, at, by);
    return true;
  };

  return {
    async appendConfigVersion(input, opts) {
      return db.immediate(() => {
        const max = db.stmt('SELECT COALESCE(MAX(version), 0) AS v FROM config_versions WHERE tenant = ?').get(input.tenant);
        const version = Number(max?.v ?? 0) + 1;
        db.stmt(
          `INSERT INTO config_versions (tenant, version, yaml, author, comment, created_at, valid, issues, draft)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(input.tenant, version, input.yaml, input.author, input.comment, input.createdAt, input.valid ? 1 : 0, encodeJson(input.issues), input.draft ? 1 : 0);
        if (opts.activate && !input.draft) activate(input.tenant, version, input.author, input.createdAt);
        return { ...input, version };
      });
    },

    async listConfigVersions(tenant) {
      return db
        .stmt('SELECT * FROM config_versions WHERE tenant = ? ORDER BY version')
        .all(tenant)
        .map((r) => mapConfigVersionRow(r, decodeJsonText));
    },

    async getConfigVersion(tenant, version) {
      const row = db.stmt('SELECT * FROM config_versions WHERE tenant = ? AND version = ?').get(tenant, version);
      return row ? mapConfigVersionRow(row, decodeJsonText) : null;
    },

    async activateConfigVersion(tenant, version, by, at) {
      return db.immediate(() => activate(tenant, version, by, at));
    },

    async discardConfigVersion(tenant, version, at) {
      const r = db.stmt('UPDATE config_versions SET discarded_at = ? WHERE tenant = ? AND version = ? AND draft = 1 AND discarded_at IS NULL').run(at, tenant, version);
      return Number(r.changes) > 0;
    },

    async getActiveConfigVersion(tenant) {
      const row = db
        .stmt(
          `SELECT v.*, a.activated_at, a.activated_by FROM config_active a
           JOIN config_versions v ON v.tenant = a.tenant AND v.version = a.version WHERE a.tenant = ?`,
        )
        .get(tenant);
      return row ? mapActiveConfigRow(row, decodeJsonText) : null;
    },

    async activeConfigVersions() {
      const rows = db.stmt('SELECT tenant, version FROM config_active ORDER BY tenant').all();
      return new Map(rows.map((r) => [String(r.tenant), Number(r.version)]));
    },
  };
}
