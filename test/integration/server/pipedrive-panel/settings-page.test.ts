// The Pipedrive app settings extension through the real app: the iframe page, the real SDK
// served from our origin, and the signed-token exchange that yields the company's console link.
// The page's own script is run against the real server with the SDK's host side stubbed (the
// SDK's postMessage handshake needs Pipedrive's window).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import type { RunningApp } from '../../../../src/main.ts';
import { PIPEDRIVE_APP_PATHS } from '../../../../connectors/pipedrive/app-manifest/paths.ts';
import { signHs256 } from '../../../helpers/jwt.ts';
import { COMPANY_A, PANEL_SECRET, startPanelApp } from './panel-app.ts';

const SETTINGS = PIPEDRIVE_APP_PATHS.settings;
let app: RunningApp;
beforeAll(async () => {
  app = await startPanelApp();
});
afterAll(async () => {
  await app?.close();
});

const now = () => Math.floor(Date.now() / 1000);
const sdkToken = (claims: Record<string, unknown> = {}, secret = PANEL_SECRET) => signHs256({ userId: 4711, companyId: Number(COMPANY_A), iat: now(), exp: now() + 300, ...claims }, secret);
const context = (token: string) => fetch(`${app.url}${SETTINGS}/context?token=${encodeURIComponent(token)}`);

describe('Pipedrive app settings page', () => {
  it('serves a static page only Pipedrive may frame, loading the SDK from our origin', async () => {
    const res = await fetch(`${app.url}${SETTINGS}?id=runtime-id-123`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors https://*.pipedrive.com');
    expect(csp).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain(`<script src="${SETTINGS}/sdk.js"></script>`);
    expect(html).toContain(`data-context="${SETTINGS}/context"`);
    expect(html).not.toContain(COMPANY_A);
  });

  it('serves the installed @pipedrive/app-extensions-sdk UMD build unchanged', async () => {
    const res = await fetch(`${app.url}${SETTINGS}/sdk.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const umd = readFileSync(createRequire(import.meta.url).resolve('@pipedrive/app-extensions-sdk/dist/index.umd.js'), 'utf8');
    expect(await res.text()).toBe(umd);
  });

  it('exchanges a signed token for the company and its admin console link', async () => {
    const res = await context(sdkToken());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { companyId: string; adminUrl: string };
    expect(body.companyId).toBe(COMPANY_A);
    // A one-time sign-in link for this company: it opens a session once, then is refused.
    expect(body.adminUrl).toMatch(/^https:\/\/leads\.example\.test\/admin\/login\?token=[\w-]+$/);
    const login = new URL(body.adminUrl);
    const first = await fetch(`${app.url}${login.pathname}${login.search}`, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('set-cookie')).toMatch(/lr_console=/);
    // the session is the token's Pipedrive user (named by id: this company's users cannot be read here)
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    const session = (await (await fetch(`${app.url}/admin/api/session`, { headers: { cookie } })).json()) as { user: unknown };
    expect(session.user).toEqual({ id: 'pipedrive:4711', name: 'Pipedrive user 4711' });
    expect((await fetch(`${app.url}${login.pathname}${login.search}`, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses forged, eternal and expired tokens (401) and companies that did not install (404)', async () => {
    for (const token of [sdkToken({}, 'forged-secret-0123456789-0123456789'), signHs256({ userId: 1, companyId: Number(COMPANY_A) }, PANEL_SECRET), sdkToken({ exp: now() - 120 })]) {
      expect((await context(token)).status).toBe(401);
    }
    const stranger = await context(sdkToken({ companyId: 5550001 }));
    expect(stranger.status).toBe(404);
    expect(((await stranger.json()) as { message: string }).message).toMatch(/not installed for pipedrive:5550001/);
  });

  it('runs its script: SDK initialised, signed token fetched, console link shown', async () => {
    const script = await (await fetch(`${app.url}${SETTINGS}/settings.js`)).text();
    const elements: Record<string, { textContent: string; href?: string; hidden?: boolean }> = { status: { textContent: '' }, console: { textContent: '', hidden: true } };
    const calls: string[] = [];
    class AppExtensionsSDK {
      static Command = { GET_SIGNED_TOKEN: 'get_signed_token' };
      async initialize(): Promise<this> {
        calls.push('initialize');
        return this;
      }
      async execute(command: string): Promise<{ token: string }> {
        calls.push(command);
        return { token: sdkToken() };
      }
    }
    const sandbox = {
      AppExtensionsSDK,
      document: { getElementById: (id: string) => elements[id], body: { dataset: { context: `${SETTINGS}/context` } } },
      fetch: (url: string) => fetch(`${app.url}${url}`),
      encodeURIComponent,
      Error,
    };
    vm.runInNewContext(script, sandbox);
    for (const until = Date.now() + 5000; elements.status!.textContent === '' && Date.now() < until; ) await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual(['initialize', 'get_signed_token']);
    expect(elements.console).toMatchObject({ hidden: false, href: expect.stringMatching(/^https:\/\/leads\.example\.test\/admin\/login\?token=/) });
    expect(elements.status!.textContent).toContain(COMPANY_A);
  });
});
