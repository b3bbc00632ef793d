// One rate limit per tenant across every process on this database. A take runs under a
// transaction-scoped advisory lock per (tenant, lane): prune the starts that left the window
// while reading the rest and the holds (one statement), decide (src/store/rate-grant.ts), log
// the granted starts. Five round trips; processes take several starts at once.
import { grantStarts } from '../rate-grant.ts';
import type { Store } from '../types.ts';
import type { PgDb } from './open-pg-db.ts';

type RateMethods = Pick<Store, 'rateTake' | 'rateHold'>;

export function createPostgresRateLimit(db: PgDb): RateMethods {
  const { s } = db;
  return {
    async rateTake(req) {
      return db.tx(async (query) => {
        await query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [`lead-router:rate:${db.schema}`, `${req.tenant}\n${req.lane}`]);
        const now = req.now();
        // The CTE's DELETE and the SELECTs see the same snapshot: the SELECT filters what it deletes.
        const { rows } = await query<{ at: string | null; n: number }>(
          `WITH pruned AS (DELETE FROM ${s}.rate_starts WHERE tenant = $1 AND lane = $2 AND at <= $3)
           SELECT at, n FROM ${s}.rate_starts WHERE tenant = $1 AND lane = $2 AND at > $3
           UNION ALL
           SELECT max(until), 0 FROM ${s}.rate_holds WHERE tenant = $1 AND lane IN ($2, '*')`,
          [req.tenant, req.lane, now - req.intervalMs],
        );
        const recent = rows.filter((r) => r.n > 0).map((r) => ({ at: Number(r.at), n: Number(r.n) }));
        const hold = rows.find((r) => Number(r.n) === 0)?.at;
        const grant = grantStarts(recent, Number(hold ?? 0), req, now);
        if (grant.granted > 0) {
          await query(`INSERT INTO ${s}.rate_starts (tenant, lane, at, n) VALUES ($1, $2, $3, $4)`, [req.tenant, req.lane, now, grant.granted]);
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
