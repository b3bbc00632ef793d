// The shared-rate-limit contract on SQLite. The server keeps its in-process scheduler here (one
// process owns the file); these methods exist so both stores keep one contract, and they are
// correct for several processes too: BEGIN IMMEDIATE serialises the takes.
import { grantStarts } from '../rate-grant.ts';
import type { Store } from '../types.ts';
import type { SqliteDb } from './open-sqlite-db.ts';

type RateMethods = Pick<Store, 'rateTake' | 'rateHold'>;

export function createSqliteRateLimit(db: SqliteDb): RateMethods {
  return {
    async rateTake(req) {
      return db.immediate(() => {
        const now = req.now();
        db.stmt('DELETE FROM rate_starts WHERE tenant = ? AND lane = ? AND at <= ?').run(req.tenant, req.lane, now - req.intervalMs);
        const recent = db
          .stmt('SELECT at, n FROM rate_starts WHERE tenant = ? AND lane = ?')
          .all(req.tenant, req.lane)
          .map((r) => ({ at: Number(r.at), n: Number(r.n) }));
        const hold = db.stmt(`SELECT max(until) AS until FROM rate_holds WHERE tenant = ? AND lane IN (?, '*')`).get(req.tenant, req.lane);
        const grant = grantStarts(recent, Number(hold?.until ?? 0), req, now);
        if (grant.granted > 0) {
          db.stmt('INSERT INTO rate_starts (tenant, lane, at, n) VALUES (?, ?, ?, ?)').run(req.tenant, req.lane, now, grant.granted);
        }
        return grant;
      });
    },

    async rateHold(tenant, lane, until) {
      db.stmt(
        `INSERT INTO rate_holds (tenant, lane, until) VALUES (?, ?, ?)
         ON CONFLICT (tenant, lane) DO UPDATE SET until = max(until, excluded.until)`,
      ).run(tenant, lane, until);
    },
  };
}
