// Marketplace mode end to end against the Pipedrive sandbox: install through /oauth/pipedrive/install
// -> the sandbox's authorize page -> our callback; tokens stored encrypted; webhooks registered by
// the app with per-install Basic credentials; events processed; the JSON panel shows the score
// breakdown to a verified JWT; the uninstall callback deletes the install and the tenant's data.
import { WEBHOOK_EVENTS } from '../../connectors/pipedrive/webhooks.ts';
import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipedriveSandbox } from '../../connectors/pipedrive/sandbox/index.ts';
import type { RunningApp } from '../../src/main.ts';
import { COMPANY, CONFIG, freePort, isScored, sandboxFor, settle, startApp2, TENANT, userId, waitUntil, written } from './pipedrive-harness.ts';
import { signHs256 } from '../helpers/jwt.ts';

const CLIENT_ID = 'e2e-pipedrive-client';
const CLIENT_SECRET = 'e2e-pipedrive-client-secret-0123456789';
const PANEL_SECRET = 'e2e-panel-jwt-secret-0123456789';

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

const jwt = signHs256;

async function startOAuthPair(scopes?: string[]): Promise<{ sandbox: PipedriveSandbox; app: RunningApp }> {
  const sandbox = sandboxFor({ oauth: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...(scopes ? { scopes } : {}) } });
  const { url } = await sandbox.listen(0);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lr-pd-oauth-'));
  const app = await startApp2(
    {
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      PIPEDRIVE_CLIENT_ID: CLIENT_ID,
      PIPEDRIVE_CLIENT_SECRET: CLIENT_SECRET,
      PIPEDRIVE_OAUTH_BASE_URL: url,
      PIPEDRIVE_PANEL_JWT_SECRET: PANEL_SECRET,
      LEAD_ROUTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: join(dir, 'lead-router.db'),
      LEAD_ROUTER_CONFIG: CONFIG,
    },
    port,
  );
  cleanup = async () => {
    await app.close();
    await sandbox.close();
  };
  return { sandbox, app };
}

describe('Pipedrive Marketplace (OAuth) end to end', () => {
  it('installs, processes events, serves the panel and uninstalls', async () => {
    const { sandbox, app } = await startOAuthPair();

    // Install: our install URL -> the sandbox's consent (302 with code + state) -> our callback.
    const res = await fetch(`${app.url}/oauth/pipedrive/install`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ installed: true, tenant: TENANT });
    const install = await app.store.getInstall(TENANT);
    expect(install).toMatchObject({ crm: 'pipedrive', externalId: String(COMPANY) });
    expect(install!.meta['api_domain']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(install!.credentials).not.toMatch(new RegExp(`${COMPANY}:\\d+:`)); // no token in clear text
    expect(install!.credentials).not.toContain('lead-router-');

    // The app registers its webhooks in the background, with this install's own Basic user.
    await waitUntil(() => sandbox.webhooks().length === WEBHOOK_EVENTS.length, 10_000, 'the webhooks');
    const hooks = sandbox.webhooks();
    expect(hooks.every((h) => h.type === 'application' && h.http_auth_user === `lead-router-${COMPANY}` && h.http_auth_password!.length >= 40)).toBe(true);
    expect(hooks.every((h) => h.user_id === userId(sandbox, 'admin@acme.test'))).toBe(true);

    // Events flow: a person created in Pipedrive is scored, routed and written back.
    const [org] = sandbox.createOrganizations([{ name: 'Pharma Big', fields: { Employees: 5000, Industry: 'pharmaceuticals', Country: 'CZ' } }]);
    const [p] = sandbox.createPersons([{ name: 'Cora CFO', email: 'cora@pharmabig.example.com', job_title: 'CFO', org_id: org!['id'] as number }]);
    const id = p!['id'] as number;
    await waitUntil(() => isScored(sandbox, id), 20_000, 'write-back');
    await settle(sandbox, app);
    expect(written(sandbox, id)).toMatchObject({ ownerId: userId(sandbox, 'eva.svobodova@example.com'), priority: 'hot', score: 70 });
    expect(sandbox.stats().rateLimited).toBe(0);

    // The JSON panel: a verified JWT names the company; the breakdown of the person's score.
    const token = jwt({ userId: userId(sandbox, 'eva.svobodova@example.com'), companyId: COMPANY, exp: Math.floor(Date.now() / 1000) + 300 }, PANEL_SECRET);
    const panel = await fetch(`${app.url}/panels/pipedrive?resource=person&view=details&selectedIds=${id}&companyId=${COMPANY}&token=${token}`);
    expect(panel.status).toBe(200);
    const body = (await panel.json()) as { data: Record<string, unknown>[] };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ id, header: 'Lead score', score: { color: 'red', label: 'Score 70 – hot' }, fit: 70, grade: 'A3', rule: 'urgent-escalation', owner: 'Eva Svobodová' });
    expect(body.data[0]!['reasons']).toContain('company size 1000+');
    for (const bad of [jwt({ userId: 1, companyId: COMPANY }, 'not-the-secret'), 'not-a-jwt', '']) {
      const r = await fetch(`${app.url}/panels/pipedrive?selectedIds=${id}&token=${bad}`);
      expect(r.status).toBe(401);
      expect(((await r.json()) as { error: { title: string } }).error.title).toBe('Not authorized');
    }

    // Uninstall: Pipedrive revokes the tokens, drops the app's webhooks and calls our callback.
    const callback = `${app.url}/oauth/pipedrive/callback`;
    const forged = await fetch(callback, { method: 'DELETE', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${CLIENT_ID}:wrong`).toString('base64')}` }, body: JSON.stringify({ client_id: CLIENT_ID, company_id: COMPANY, user_id: 1 }) });
    expect(forged.status).toBe(401);
    expect(await app.store.getInstall(TENANT)).not.toBeNull();

    expect(await sandbox.uninstall(callback)).toEqual({ status: 200 });
    expect(await app.store.getInstall(TENANT)).toBeNull();
    expect(await app.store.listUninstalls('pipedrive')).toEqual([{ tenant: TENANT, crm: 'pipedrive', at: expect.any(Number), reason: 'uninstall callback from Pipedrive' }]);
    expect(await app.store.getAssignment(TENANT, String(id))).toBeNull();
    expect(await app.store.getAudit(TENANT, String(id))).toHaveLength(0);
    expect(sandbox.webhooks()).toHaveLength(0);
    // Deliveries for the uninstalled company are refused (no credentials left), nothing stored.
    const after = await fetch(`${app.url}/webhooks/pipedrive`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: hooks[0]!.http_auth_user ? `Basic ${Buffer.from(`${hooks[0]!.http_auth_user}:${hooks[0]!.http_auth_password}`).toString('base64')}` : '' },
      body: JSON.stringify({ meta: { action: 'change', entity: 'person', entity_id: String(id), id: 'after-uninstall', company_id: String(COMPANY), timestamp: new Date().toISOString(), version: '2.0' }, data: { id }, previous: { name: 'x' } }),
    });
    expect(after.status).toBe(401);
    const panelAfter = await fetch(`${app.url}/panels/pipedrive?selectedIds=${id}&token=${token}`);
    expect(panelAfter.status).toBe(404);
  }, 60_000);

  it('an install state works once; a reinstall that lacks scopes never replaces the working install (issue 9)', async () => {
    // The app's scopes as set in Developer Hub; the test edits this very list later.
    const scopes = ['base', 'contacts:full', 'activities:full', 'users:read', 'admin', 'leads:full', 'search:read'];
    const { app } = await startOAuthPair(scopes);
    const start = await fetch(`${app.url}/oauth/pipedrive/install`, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location')!);
    const consent = await fetch(authorize, { redirect: 'manual' });
    expect((await fetch(consent.headers.get('location')!)).status).toBe(200);
    const working = await app.store.getInstall(TENANT);
    expect(working).not.toBeNull();

    // The same state with a fresh code (the sandbox issues one per consent): refused.
    const replay = await fetch(authorize, { redirect: 'manual' });
    const replayed = await fetch(replay.headers.get('location')!);
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as { message: string }).message).toMatch(/already used/);
    expect((await app.store.getInstall(TENANT))!.credentials).toBe(working!.credentials);

    // The app loses `admin` in Developer Hub; a fresh install is refused and changes nothing.
    scopes.splice(scopes.indexOf('admin'), 1);
    const lesser = await fetch(`${app.url}/oauth/pipedrive/install`);
    expect(lesser.status).toBe(401);
    expect(((await lesser.json()) as { message: string }).message).toMatch(/missing the required scopes admin/);
    expect((await app.store.getInstall(TENANT))!.credentials).toBe(working!.credentials);
  }, 60_000);
});
