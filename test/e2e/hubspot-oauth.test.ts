// Marketplace (OAuth) mode end to end: install through /oauth/hubspot/install and the
// sandbox's consent page, tokens stored encrypted, then webhooks for the portal processed.
// Events for a portal that never installed are acknowledged and dropped.
import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../src/env.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { startApp } from '../../src/main.ts';
import { loadConfigVersion } from '../../src/tenants/config-versions.ts';
import { CONFIG, PORTAL, SECRET, sampleContacts, sandboxFor, waitUntil } from './hubspot-harness.ts';
import { freePort } from '../helpers/processes.ts';


let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** The sandbox and the app in marketplace (OAuth) mode, webhooks pointed at the app. */
async function startOAuthPair() {
  const sandbox = sandboxFor({ clientId: 'client-123' });
  const { url: sandboxUrl } = await sandbox.listen(0);
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const app = await startApp({
    env: readEnv({
      HUBSPOT_CLIENT_ID: 'client-123',
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_API_BASE_URL: sandboxUrl,
      HUBSPOT_AUTH_BASE_URL: sandboxUrl,
      PUBLIC_BASE_URL: publicUrl,
      LEAD_ROUTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'lr-oauth-')), 'db.sqlite'),
      LEAD_ROUTER_CONFIG: CONFIG,
    }),
    port,
    host: '127.0.0.1',
    logger: createSilentLogger(),
    worker: { batchWindowMs: 20, pollMs: 100 },
    pipeline: { retryBaseMs: 20, retryMaxMs: 100 },
  });
  cleanup = async () => {
    await app.close();
    await sandbox.close();
  };
  sandbox.setWebhookUrl(`${publicUrl}/webhooks/hubspot`);
  return { sandbox, app, publicUrl, sandboxUrl };
}

describe('HubSpot marketplace install (OAuth)', () => {
  it('installs a portal, stores its tokens encrypted, and processes its webhooks', async () => {
    const sandbox = sandboxFor({ clientId: 'client-123' });
    const { url: sandboxUrl } = await sandbox.listen(0);
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const app = await startApp({
      env: readEnv({
        HUBSPOT_CLIENT_ID: 'client-123',
        HUBSPOT_CLIENT_SECRET: SECRET,
        HUBSPOT_API_BASE_URL: sandboxUrl,
        HUBSPOT_AUTH_BASE_URL: sandboxUrl,
        PUBLIC_BASE_URL: publicUrl,
        LEAD_ROUTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        DATABASE_URL: join(mkdtempSync(join(tmpdir(), 'lr-oauth-')), 'db.sqlite'),
        LEAD_ROUTER_CONFIG: CONFIG,
      }),
      port,
      host: '127.0.0.1',
      logger: createSilentLogger(),
      worker: { batchWindowMs: 20, pollMs: 100 },
    });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    sandbox.setWebhookUrl(`${publicUrl}/webhooks/hubspot`);

    // Before the install, the portal's events are acknowledged and dropped.
    const early = sandbox.createContacts(sampleContacts(1, 500));
    await sandbox.flushWebhooks();
    expect((await app.store.inboxStats()).pending).toBe(0);

    // The install: our redirect -> the (sandbox) consent page -> our callback with the code.
    const install = await fetch(`${publicUrl}/oauth/hubspot/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const authorize = new URL(install.headers.get('location')!);
    expect(authorize.searchParams.get('scope')).toContain('crm.objects.contacts.write');
    const consent = await fetch(authorize, { redirect: 'manual' });
    const callback = await fetch(consent.headers.get('location')!);
    expect(callback.status).toBe(200);
    expect(await callback.json()).toEqual({ installed: true, tenant: `hubspot:${PORTAL}` });

    const record = await app.store.getInstall(`hubspot:${PORTAL}`);
    expect(record).not.toBeNull();
    expect(record!.credentials).not.toMatch(/access|refresh|token/i);

    // A forged callback state is refused.
    const forged = await fetch(`${publicUrl}/oauth/hubspot/callback?code=x&state=forged`);
    expect(forged.status).toBe(401);

    // The used state again, with a fresh code (issue 9): refused, the working install untouched.
    const replay = await fetch(authorize, { redirect: 'manual' });
    const replayed = await fetch(replay.headers.get('location')!);
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as { message: string }).message).toMatch(/already used/);
    expect((await app.store.getInstall(`hubspot:${PORTAL}`))!.credentials).toBe(record!.credentials);

    // A fresh state, but the consent grants less than the app requires: refused, install kept.
    const again = await fetch(`${publicUrl}/oauth/hubspot/install`, { redirect: 'manual' });
    const lesser = new URL(again.headers.get('location')!);
    lesser.searchParams.set('scope', 'oauth crm.objects.contacts.read');
    const lesserConsent = await fetch(lesser, { redirect: 'manual' });
    const lesserCallback = await fetch(lesserConsent.headers.get('location')!);
    expect(lesserCallback.status).toBe(401);
    expect(((await lesserCallback.json()) as { message: string }).message).toMatch(/missing the required scopes .*crm\.objects\.contacts\.write/);
    expect((await app.store.getInstall(`hubspot:${PORTAL}`))!.credentials).toBe(record!.credentials);

    const created = sandbox.createContacts(sampleContacts(10, 600));
    await waitUntil(() => created.every((c) => sandbox.getContact(c.id)?.properties['lead_router_score'] !== undefined), 20_000, 'write-back after install');
    expect(sandbox.getContact(early[0]!.id)?.properties['lead_router_score']).toBeUndefined();
  }, 60_000);

  it('an uninstall in HubSpot stops processing, deletes the portal tokens and data, and is recorded (issue 9)', async () => {
    const { sandbox, app, publicUrl, sandboxUrl } = await startOAuthPair();
    const tenant = `hubspot:${PORTAL}`;
    expect((await fetch(`${publicUrl}/oauth/hubspot/install`)).status).toBe(200);
    const property = `${sandboxUrl}/crm/v3/properties/contacts/lead_router_reasons`;
    await waitUntil(async () => (await fetch(property, { headers: { authorization: `Bearer ${sandbox.privateAppToken}` } })).ok, 10_000, 'the properties');
    const [lead] = sandbox.createContacts(sampleContacts(1, 700));
    await waitUntil(() => sandbox.getContact(lead!.id)?.properties['lead_router_score'] !== undefined, 20_000, 'the lead written back');

    // The admin uninstalls the app in HubSpot: tokens revoked, no call to us. Work still queued
    // for the portal meets a 401, the forced refresh is refused as revoked: that is the uninstall.
    expect(sandbox.uninstallApp()).toBe(1);
    const at = Date.now();
    await app.store.inboxAppend([{ tenant, source: 'lead-router', dedupeKey: `queued:${at}`, kind: 'lead.rescore', objectId: lead!.id, occurredAt: at, payload: {} }], at);
    await waitUntil(async () => (await app.store.listUninstalls('hubspot')).length === 1, 20_000, 'the uninstall recorded');
    expect((await app.store.listUninstalls('hubspot'))[0]).toMatchObject({ tenant, crm: 'hubspot', reason: expect.stringMatching(/revoked/) });
    expect(await app.store.getInstall(tenant)).toBeNull();
    expect(await app.store.getAudit(tenant, lead!.id)).toHaveLength(0);
    expect(await app.store.getAssignment(tenant, lead!.id)).toBeNull();
    expect((await app.store.inboxStats(tenant)).pending).toBe(0);
    // Its events are no longer accepted (not installed), and the card answers 404.
    sandbox.setWebhookUrl(`${publicUrl}/webhooks/hubspot`);
    sandbox.createContacts(sampleContacts(1, 800));
    await sandbox.flushWebhooks();
    expect((await app.store.inboxStats(tenant)).pending).toBe(0);
  }, 60_000);

  it('starts a new portal from the template chosen at install, owners from HubSpot, not yet reviewed (issue 9)', async () => {
    const { sandbox, app, publicUrl } = await startOAuthPair();
    expect((await fetch(`${publicUrl}/oauth/hubspot/install?template=no-such-template`)).status).toBe(400);
    const res = await fetch(`${publicUrl}/oauth/hubspot/install?template=vertical-teams`);
    expect(await res.json()).toEqual({ installed: true, tenant: `hubspot:${PORTAL}`, config: 'v1 from template vertical-teams, not yet reviewed' });
    const active = await app.store.getActiveConfigVersion(`hubspot:${PORTAL}`);
    expect(active).toMatchObject({ version: 1, author: 'lead-router install' });
    const emails = new Set(sandbox.owners().map((o) => o.email));
    const owners = loadConfigVersion(active!).config.owners.map((o) => o.email);
    expect(owners.slice(0, Math.min(owners.length, emails.size)).every((e) => emails.has(e))).toBe(true);
  }, 60_000);
});
