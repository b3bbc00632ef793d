// One rate limit per tenant across every process on this database. A take runs under a
// transaction-scoped advisory lock per (tenant, lane): prune starts that left the window, read
// the rest and the holds, decide (src/store/rate-grant.ts), log the granted starts. Processes
// ask in small batches, so this is a few short transactions per second per busy tenant.
import { expiredBefore, grantStarts } from '../rate-grant.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type RateMethods = Pick<Store, 'rateTake' | 'rateHold'>;

export function createPostgresRateLimit(db: PgDb): RateMethods {
  const { s } = db;
  return {
    async rateTake(req) {
      return db.tx(async (query) => {
        await query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`lead-router:rate:${db.schema}`, `${req.tenant}\n${req.lane}`]);
        await query(`DELETE FROM ${s}.rate_starts WHERE tenant = $1 AND lane = $2 AND at <= $3`, [req.tenant, req.lane, expiredBefore(req)]);
        const starts = await query<{ at: string; n: number }>(`SELECT at, n FROM ${s}.rate_starts WHERE tenant = $1 AND lane = $2`, [req.tenant, req.lane]);
        const hold = await query<{ until: string | null }>(`SELECT max(until) AS until FROM ${s}.rate_holds WHERE tenant = $1 AND lane IN ($2, '*')`, [req.tenant, req.lane]);
        const recent = starts.rows.map((r) => ({ at: Number(r.at), n: Number(r.n) }));
        const grant = grantStarts(recent, Number(hold.rows[0]?.until ?? 0), req);
        if (grant.granted > 0) {
          await query(`INSERT INTO ${s}.rate_starts (tenant, lane, at, n) VALUES ($1, $2, $3, $4)`, [req.tenant, req.lane, req.now, grant.granted]);
        }
        return grant;
      });
    },

    async rateHold(tenant, lane, until) {
      await db.query(
        `INSERT INTO ${s}.rate_holds (tenant, lane, until) VALUES ($1, $2, $3)
         ON CONFLICT (tenant, lane) DO UPDATE SET until = GREATEST(${s}.rate_holds.until, excluded.until)`,
        [tenant, lane, until],
      );
    },
  };
}
