// The console's Reports API (GET /admin/api/report and /report.csv) on SQLite and PostgreSQL:
// the session's tenant only (A never sees B's numbers, a tenant parameter is refused), clear
// 400s for a bad window or grouping, and, on one SQLite file, exactly the numbers
// `lead-router report --format json` / `--format csv` prints for the same tenant and window;
// leads whose routing a manager overrode in the CRM (reassigned there, closed unworked by a
// lead status) are counted per group, per tenant.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createSilentLogger } from '../../../../src/logger.ts';
import { createApp } from '../../../../src/server/app.ts';
import { createConsoleRouters } from '../../../../src/server/console/router.ts';
import { createSqliteStore } from '../../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../../src/store/types.ts';
import { cli } from '../../../unit/cli/run-cli.ts';
import { CONFIG, type ConsoleHarness, LEADS, T0, TENANT_A, TENANT_B, postgresReachable, signIn, startConsole } from './console-app.ts';

const kinds: ('sqlite' | 'postgres')[] = (await postgresReachable()) ? ['sqlite', 'postgres'] : ['sqlite'];
const MIN = 60_000;
const SINCE = new Date(T0 - 60 * MIN).toISOString();

/** Assignments, a touch, a won deal and feedback on top of the harness's decisions (A: 1001, 1002; B: 2001). */
async function seedActivity(store: Store): Promise<void> {
  const route = (tenant: string, leadId: string, owner: string, at: number) =>
    store.routeAtomically(tenant, leadId, [], [], () => ({
      result: null,
      assignment: { tenant, leadId, owner, team: 'pharma', rule: 'pharma', tier: 'hot', assignedAt: at, slaDeadline: at + 10 * MIN },
    }));
  await route(TENANT_A, '1001', 'anna.berg@example.com', T0);
  await store.recordFirstTouch(TENANT_A, '1001', T0 + 3 * MIN);
  await route(TENANT_A, '1002', 'lena.huber@example.com', T0 + MIN);
  await route(TENANT_B, '2001', 'petra.novakova@example.com', T0);
  await store.upsertOutcome({
    tenant: TENANT_A, leadId: '1001', dealId: 'd1', status: 'won', amount: 5000, currency: 'EUR', dealCreatedAt: T0 + 30 * MIN, closedAt: T0 + 50 * MIN, lostReason: null, observedAt: T0 + 50 * MIN,
    decision: null,
  });
  await store.appendFeedback({ tenant: TENANT_A, leadId: '1002', at: T0 + 20 * MIN, userId: '7', kind: 'bad_fit', note: null });
  await store.appendFeedback({ tenant: TENANT_B, leadId: '2001', at: T0 + 20 * MIN, userId: '8', kind: 'wrong_owner', note: null });
}

/** Managers overriding the routing in the CRM: A's 1002 moved from lena to anna, then closed as
 *  unqualified untouched; B's 2001 closed untouched. */
async function seedOverrides(store: Store): Promise<void> {
  const moved = await store.applyCrmOwnerChange({ tenant: TENANT_A, leadId: '1002', owner: 'anna.berg@example.com', at: T0 + 10 * MIN, userId: '99' });
  expect(moved.outcome).toBe('reassigned');
  expect(await store.endAssignment(TENANT_A, '1002', T0 + 15 * MIN, 'lead_status:UNQUALIFIED')).toBe(true);
  expect(await store.endAssignment(TENANT_B, '2001', T0 + 15 * MIN, 'lead_status:UNQUALIFIED')).toBe(true);
}

describe.each(kinds)('console Reports API (%s)', (kind) => {
  let h: ConsoleHarness;
  let a: { cookie: string };
  let b: { cookie: string };
  beforeAll(async () => {
    h = await startConsole(kind);
    await seedActivity(h.store);
    h.clock.now = T0 + 2 * 60 * MIN;
    a = await signIn(h, TENANT_A);
    b = await signIn(h, TENANT_B);
  });
  afterAll(async () => {
    await h.close();
  });
  const get = (path: string, s: { cookie: string }) => request(h.app).get(path).set('Cookie', s.cookie);

  it("reports the session tenant's numbers only", async () => {
    const ra = await get(`/admin/api/report?since=${SINCE}&by=rep`, a);
    expect(ra.status).toBe(200);
    expect(ra.body).toMatchObject({ tenant: TENANT_A, by: 'rep', total: { leads: LEADS[TENANT_A].length, won: { successes: 1 } } });
    expect(ra.body.feedback).toEqual({ kinds: ['bad_fit'], rows: [expect.objectContaining({ counts: { bad_fit: 1 }, total: 1 })] });
    // B's lead, feedback and assignment (to petra, a member of the shared config's cz-sales) stay out.
    expect(JSON.stringify(ra.body)).not.toMatch(/2001|wrong_owner/);
    expect(ra.body.fairness.find((r: { owner: string }) => r.owner === 'petra.novakova@example.com')).toMatchObject({ leads: 0 });
    expect(ra.body.assignedOverTime.reps.map((r: { owner: string }) => r.owner)).toEqual(['anna.berg@example.com', 'lena.huber@example.com']);
    const rb = await get(`/admin/api/report?since=${SINCE}&by=tier`, b);
    expect(rb.body).toMatchObject({ tenant: TENANT_B, total: { leads: 1, won: { successes: 0 } } });
    expect(rb.body.feedback.kinds).toEqual(['wrong_owner']);
    expect(JSON.stringify(rb.body)).not.toMatch(/1001|1002|bad_fit/);
    expect(rb.body.assignedOverTime.reps.map((r: { owner: string }) => r.owner)).toEqual(['petra.novakova@example.com']);
  });

  it('refuses a tenant parameter naming another tenant (403)', async () => {
    const res = await get(`/admin/api/report?tenant=${TENANT_B}`, a);
    expect(res.status).toBe(403);
  });

  it('answers 400 with the accepted forms for a bad window or grouping, and 401 without a session', async () => {
    const badSince = await get('/admin/api/report?since=yesterday', a);
    expect(badSince.status).toBe(400);
    expect(badSince.body.message).toMatch(/expected a duration such as 30d/);
    const badBy = await get('/admin/api/report?by=colour', a);
    expect(badBy.status).toBe(400);
    expect(badBy.body.message).toMatch(/by.*rep.*segment/);
    expect((await get('/admin/api/report?since=2999-01-01', a)).status).toBe(400);
    expect((await request(h.app).get('/admin/api/report')).status).toBe(401);
  });

  it('exports the funnel as CSV, one row per group plus the total', async () => {
    const res = await get(`/admin/api/report.csv?since=${SINCE}&by=tier`, a);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="lead-router-report-tier-/);
    expect(res.text.split('\r\n')[0]).toMatch(/^group,leads,assigned,.*,reassigned_in_crm,closed_unworked$/);
  });

  it('counts the leads managers reassigned in the CRM or closed unworked, per group and tenant', async () => {
    const before = await get(`/admin/api/report?since=${SINCE}&by=rep`, a);
    expect(before.body.total).toMatchObject({ reassignedInCrm: 0, closedUnworked: 0 });
    await seedOverrides(h.store);
    const ra = await get(`/admin/api/report?since=${SINCE}&by=rep`, a);
    expect(ra.body.total).toMatchObject({ leads: LEADS[TENANT_A].length, reassignedInCrm: 1, closedUnworked: 1 });
    const rows = ra.body.rows as { group: string; reassignedInCrm: number; closedUnworked: number }[];
    expect(rows.filter((r) => r.reassignedInCrm > 0)).toEqual([expect.objectContaining({ reassignedInCrm: 1, closedUnworked: 1 })]);
    const rb = await get(`/admin/api/report?since=${SINCE}&by=tier`, b);
    expect(rb.body.total).toMatchObject({ leads: 1, reassignedInCrm: 0, closedUnworked: 1 });
    const csv = await get(`/admin/api/report.csv?since=${SINCE}&by=tier`, b);
    expect(csv.text.trim().split('\r\n').at(-1)).toMatch(/^\(all\),1,.*,0,1$/);
  });
});

describe('console Reports API and lead-router report', () => {
  it('give the same numbers for the same tenant and window (json and csv)', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lr-report-same-')), 'x.db');
    const h = await startConsole('sqlite');
    // The harness's decisions, copied onto a file both the CLI and the API read.
    const store = createSqliteStore(db);
    await store.migrate();
    for (const tenant of [TENANT_A, TENANT_B] as const) {
      for (const lead of LEADS[tenant]) await store.appendAudit((await h.store.getAudit(tenant, lead.id)).map((r) => ({ ...r, tenant })));
    }
    await h.close();
    await seedActivity(store);
    await seedOverrides(store);
    const app = createApp({ logger: createSilentLogger(), routers: createConsoleRouters({ store, now: () => Date.now(), config: () => CONFIG, assetsDir: '/nonexistent' }) });
    const session = await signIn({ app, store, clock: { now: Date.now() }, configChanges: 0, close: async () => undefined }, TENANT_A);
    const env = { DATABASE_URL: db, HUBSPOT_PORTAL_ID: '62515', HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 'secret-0123456789abcdef' };
    try {
      for (const by of ['rep', 'source', 'tier', 'rule', 'grade', 'segment']) {
        const api = await request(app).get(`/admin/api/report?since=${SINCE}&by=${by}`).set('Cookie', session.cookie);
        const run = await cli(['report', '--tenant', TENANT_A, '--since', SINCE, '--by', by, '--format', 'json'], { env });
        expect(run.stderr).toBe('');
        const fromCli = JSON.parse(run.stdout) as Record<string, unknown>;
        const { until: _apiUntil, ...fromApi } = api.body as Record<string, unknown>;
        const { until: _cliUntil, ...cliRest } = fromCli;
        expect(fromApi).toEqual(cliRest);
        expect(fromApi).toMatchObject({ tenant: TENANT_A, total: { leads: 2, reassignedInCrm: 1, closedUnworked: 1 } });
      }
      const csvApi = await request(app).get(`/admin/api/report.csv?since=${SINCE}&by=rep`).set('Cookie', session.cookie);
      const csvCli = await cli(['report', '--tenant', TENANT_A, '--since', SINCE, '--by', 'rep', '--format', 'csv'], { env });
      expect(csvApi.text).toBe(csvCli.stdout);
    } finally {
      await store.close();
    }
  });
});
