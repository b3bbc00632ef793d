// The settings page's hand-off into the admin console, rendered with @hubspot/ui-extensions'
// test renderer against the real backend (card-app.ts: OAuth mode, two installed portals),
// called the way HubSpot's proxy runs hubspot.fetch: v3-signed, portal appended. The link it
// shows signs in once, to the calling portal only.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { Alert, Button, Link } from '@hubspot/ui-extensions';
import { hubspotV3Headers } from '../../connectors/hubspot/signature.ts';
import type { RunningApp } from '../../src/main.ts';
import { PORTAL_A, PORTAL_B, PUBLIC_BASE, SECRET, startCardApp } from '../integration/server/hubspot-card/card-app.ts';
import { SettingsView } from '../../connectors/hubspot/app/src/app/settings/SettingsView.tsx';
import { requestConsoleLink, type SettingsFetch } from '../../connectors/hubspot/app/src/app/settings/console-link.ts';
import { HANDOFF_PATH } from '../../connectors/hubspot/app/src/app/settings/backend.ts';

let app: RunningApp;
beforeAll(async () => {
  app = await startCardApp();
});
afterAll(async () => {
  await app.close();
});

/** hubspot.fetch through HubSpot's proxy: signs method + public URL (portal appended) + body. */
function proxyFetch(portalId: string | null, o: { secret?: string } = {}): SettingsFetch {
  return async (url, options = {}) => {
    if (!url.startsWith(PUBLIC_BASE)) throw new Error(`${url} is not in permittedUrls`);
    const method = options.method ?? 'GET';
    const query = new URLSearchParams({ ...(portalId === null ? {} : { portalId }), userId: '4711', userEmail: 'admin@example.com' });
    const path = `${url.slice(PUBLIC_BASE.length)}?${query.toString()}`;
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    const headers = { 'content-type': 'application/json', ...hubspotV3Headers({ method, url: `${PUBLIC_BASE}${path}`, body, clientSecret: o.secret ?? SECRET, timestamp: Date.now() }) };
    return fetch(`${app.url}${path}`, { method, headers, ...(method === 'GET' ? {} : { body }) });
  };
}

/** Open the console link as the browser would (on the app's local address). */
async function openLink(url: string): Promise<{ status: number; cookie: string | null }> {
  const local = new URL(url);
  const res = await fetch(`${app.url}${local.pathname}${local.search}`, { redirect: 'manual' });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null };
}

describe('settings page: signed hand-off into the admin console', () => {
  it('asks for a link on click and shows it; the link signs in to the calling portal, once', async () => {
    const { render, waitFor, findByTestId, maybeFind } = createRenderer('settings');
    render(<SettingsView requestLink={() => requestConsoleLink(proxyFetch(PORTAL_A), PUBLIC_BASE)} />);
    expect(maybeFind(Link)).toBeNull();
    findByTestId(Button, 'open-console').trigger('onClick');
    await waitFor(() => expect(maybeFind(Link, { testId: 'admin-console' })).not.toBeNull());
    const link = findByTestId(Link, 'admin-console');
    const href = (link.props.href as { url: string; external: boolean });
    expect(href.external).toBe(true);
    expect(href.url).toMatch(new RegExp(`^${PUBLIC_BASE}/admin/login\\?token=[\\w-]{43}$`));

    const first = await openLink(href.url);
    expect(first.status).toBe(303);
    const session = await fetch(`${app.url}/admin/api/session`, { headers: { cookie: first.cookie! } });
    expect(((await session.json()) as { tenant: string }).tenant).toBe(`hubspot:${PORTAL_A}`);
    expect((await openLink(href.url)).status).toBe(401);
  });

  it('binds each link to the portal HubSpot signed for', async () => {
    const link = await requestConsoleLink(proxyFetch(PORTAL_B), PUBLIC_BASE);
    if (!link.ok) throw new Error(link.message);
    const opened = await openLink(link.url);
    const session = await fetch(`${app.url}/admin/api/session`, { headers: { cookie: opened.cookie! } });
    expect(((await session.json()) as { tenant: string }).tenant).toBe(`hubspot:${PORTAL_B}`);
  });

  it('expires links after 2 minutes', async () => {
    const link = await requestConsoleLink(proxyFetch(PORTAL_A), PUBLIC_BASE);
    if (!link.ok) throw new Error(link.message);
    const token = new URL(link.url).searchParams.get('token')!;
    const { hashSecret } = await import('../../src/server/console/tokens.ts');
    expect(await app.store.consumeAdminLink(hashSecret(token), Date.now() + 2 * 60_000 + 1000)).toEqual({ status: 'expired' });
  });

  it.each([
    ['unsigned', async () => fetch(`${app.url}${HANDOFF_PATH}?portalId=${PORTAL_A}`, { method: 'POST' }), 401],
    ['signed with another secret', () => proxyFetch(PORTAL_A, { secret: 'not-our-secret-000000000000' })(`${PUBLIC_BASE}${HANDOFF_PATH}`, { method: 'POST', body: {} }), 401],
    ['signed without a portal', () => proxyFetch(null)(`${PUBLIC_BASE}${HANDOFF_PATH}`, { method: 'POST', body: {} }), 401],
    ['for a portal that is not installed', () => proxyFetch('31337')(`${PUBLIC_BASE}${HANDOFF_PATH}`, { method: 'POST', body: {} }), 404],
  ])('refuses a hand-off %s and issues no link', async (_name, call, status) => {
    const res = await call();
    expect(res.status).toBe(status);
    expect(((await res.json()) as { url?: string }).url).toBeUndefined();
  });

  it('shows the reason when no link can be prepared', async () => {
    const { render, waitFor, findByTestId, maybeFind } = createRenderer('settings');
    render(<SettingsView requestLink={() => requestConsoleLink(proxyFetch('31337'), PUBLIC_BASE)} />);
    findByTestId(Button, 'open-console').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'error' })).not.toBeNull());
    expect(findByTestId(Alert, 'error').text).toMatch(/not installed for HubSpot portal 31337/);
    expect(maybeFind(Link)).toBeNull();
  });
});
