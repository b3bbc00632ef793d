// The Team and Health pages' data on the console bench's store (scripts/bench/console.ts):
// fills assignments (one per decision, owners of config/lead-router.yaml, a quarter still open)
// and inbox rows (one per decision: done, a few failed, a few pending) with plain SQL (seconds,
// not the hours a million routed transactions would take), then times what the two API routes
// run: buildTeamView (loads of 10 reps, absences) and the Health queries.
import { DatabaseSync } from 'node:sqlite';
import { loadConfig } from '../../src/config/load.ts';
import { buildTeamView } from '../../src/server/console/team-view.ts';
import type { Store } from '../../src/store/types.ts';

const CONFIG = loadConfig(new URL('../../config/lead-router.yaml', import.meta.url).pathname);
const OWNERS = CONFIG.config.owners.map((o) => o.email.toLowerCase());

/** `rows` assignments and inbox rows over `tenants` tenants, the newest at `end`, one a second per tenant. */
export function fillTeamHealth(path: string, rows: number, tenants: number, end: number): void {
  const db = new DatabaseSync(path);
  db.exec('BEGIN');
  const seq = `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${rows})`;
  const tenant = `'hubspot:' || (i % ${tenants})`;
  const at = `${end} - (${rows} - i) / ${tenants} * 1000`;
  const owners = `json_extract('${JSON.stringify(OWNERS)}', '$[' || ((i / ${tenants}) % ${OWNERS.length}) || ']')`;
  db.exec(`${seq} INSERT INTO assignments (tenant, lead_id, owner, team, rule, tier, assigned_at, first_touch_at, sla_deadline, round, closed)
    SELECT ${tenant}, 'l' || i, ${owners}, 'sales', 'r', 'hot', ${at}, CASE WHEN i % 4 = 0 THEN NULL ELSE ${at} + 60000 END, NULL, 0, 0 FROM n`);
  db.exec(`${seq} INSERT INTO inbox (tenant, source, dedupe_key, kind, object_id, occurred_at, payload, status, attempts, available_at, received_at, last_error)
    SELECT ${tenant}, 'hubspot-webhook', 'k' || i, 'contact.propertyChange', 'l' || i, ${at}, '{}',
      CASE WHEN i % 997 = 0 THEN 'failed' WHEN i % 1009 = 0 THEN 'pending' ELSE 'done' END, 1, ${at}, ${at},
      CASE WHEN i % 997 = 0 THEN 'HubSpot answered 400: Property values were not valid' END FROM n`);
  db.exec('COMMIT');
  db.close();
}

export function teamHealthCases(store: Store, tenant: string, now: number): [string, () => Promise<unknown>][] {
  return [
    ['team: page data', async () => (await buildTeamView(store, tenant, CONFIG, now)).members],
    ['health: intake (1 h)', () => store.inboxIntake(tenant, now - 3_600_000).then((r) => r.recent)],
    ['health: queue depth', () => store.inboxDepth(tenant).then((s) => [s])],
    ['health: failed rows', () => store.listFailedInbox(tenant, 50)],
    [
      'health: page data',
      () => Promise.all([store.inboxIntake(tenant, now - 3_600_000), store.inboxDepth(tenant), store.listFailedInbox(tenant, 50), store.getInstall(tenant)]),
    ],
  ];
}
