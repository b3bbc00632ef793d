// The HubSpot settings page's console hand-off through the real app: HubSpot signs the
// hubspot.fetch call (v3 over the URL with portalId / userId / userEmail appended); the one-time
// link it answers with opens a session of that portal signed in as that HubSpot user, which the
// console shows and names as the author of what it publishes. A tampered user is refused.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hubspotV3Headers } from '../../../../connectors/hubspot/signature.ts';
import { HUBSPOT_APP_PATHS } from '../../../../connectors/hubspot/app-project/manifest.ts';
import type { RunningApp } from '../../../../src/main.ts';
import { PORTAL_A, PUBLIC_BASE, SECRET, startCardApp } from './card-app.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startCardApp();
});
afterAll(async () => {
  await app?.close();
});

/** POST the hand-off as HubSpot's proxy does; `tamper` rewrites the query after signing. */
function handoff(query: string, o: { tamper?: (q: string) => string; secret?: string } = {}): Promise<Response> {
  const path = `${HUBSPOT_APP_PATHS.consoleHandoff}?${query}`;
  const headers = hubspotV3Headers({ method: 'POST', url: `${PUBLIC_BASE}${path}`, body: '', clientSecret: o.secret ?? SECRET, timestamp: Date.now() });
  return fetch(`${app.url}${HUBSPOT_APP_PATHS.consoleHandoff}?${o.tamper ? o.tamper(query) : query}`, { method: 'POST', headers });
}

async function signInWith(res: Response): Promise<{ user: unknown; tenant: string; cookie: string }> {
  expect(res.status).toBe(200);
  const link = new URL(((await res.json()) as { url: string }).url);
  const login = await fetch(`${app.url}${link.pathname}${link.search}`, { redirect: 'manual' });
  expect(login.status).toBe(303);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const session = (await (await fetch(`${app.url}/admin/api/session`, { headers: { cookie } })).json()) as { user: unknown; tenant: string };
  return { ...session, cookie };
}

describe('HubSpot console hand-off', () => {
  it('signs in the HubSpot user HubSpot appended to the signed URL', async () => {
    const s = await signInWith(await handoff(`portalId=${PORTAL_A}&userId=4711&userEmail=Jana%40Pharma.example`));
    expect(s).toMatchObject({ tenant: `hubspot:${PORTAL_A}`, user: { id: 'hubspot:4711', name: 'jana@pharma.example' } });
    const noEmail = await signInWith(await handoff(`portalId=${PORTAL_A}&userId=4712`));
    expect(noEmail.user).toEqual({ id: 'hubspot:4712', name: 'HubSpot user 4712' });
    // what the session publishes names that user
    const csrf = ((await (await fetch(`${app.url}/admin/api/session`, { headers: { cookie: s.cookie } })).json()) as { csrfToken: string }).csrfToken;
    const publish = await fetch(`${app.url}/admin/api/rules/publish`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ yaml: readFileSync(join(import.meta.dirname, '../../../../config/lead-router.yaml'), 'utf8'), comment: 'from HubSpot' }),
    });
    expect(publish.status).toBe(201);
    expect((await app.store.getActiveConfigVersion(`hubspot:${PORTAL_A}`))!.author).toBe('jana@pharma.example (hubspot:4711)');
  });

  it('refuses a tampered or forged identity: another user or e-mail after signing, a second userId, a wrong secret', async () => {
    const query = `portalId=${PORTAL_A}&userId=4711&userEmail=jana%40pharma.example`;
    for (const res of [
      await handoff(query, { tamper: (q) => q.replace('userId=4711', 'userId=1') }),
      await handoff(query, { tamper: (q) => q.replace('jana%40pharma.example', 'ceo%40pharma.example') }),
      await handoff(query, { secret: 'forged-secret-0123456789-0123456789' }),
    ]) {
      expect(res.status).toBe(401);
    }
    const twice = await handoff(`${query}&userId=1`);
    expect(twice.status).toBe(401);
    expect(((await twice.json()) as { message: string }).message).toMatch(/carries userId 2 times/);
  });
});
