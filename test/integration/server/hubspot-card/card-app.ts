// A real lead-router app in marketplace OAuth mode with two installed HubSpot portals, each
// with one contact scored by the real engine on the default config and audited in the store,
// plus a client that signs calls exactly as HubSpot signs hubspot.fetch (v3 over the public
// URL with portalId / userId / userEmail appended). Shared by the route and card tests.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hubspotV3Headers } from '../../../../connectors/hubspot/signature.ts';
import { readEnv } from '../../../../src/env.ts';
import { createSilentLogger } from '../../../../src/logger.ts';
import { startApp, type RunningApp } from '../../../../src/main.ts';
import { evaluateLead } from '../../../../src/engine/evaluate.ts';

export const SECRET = 'card-test-client-secret-0123456789';
export const PUBLIC_BASE = 'https://leads.example.test';
export const PORTAL_A = '62515';
export const PORTAL_B = '99001';
export const LEAD_A = '1001';
export const LEAD_B = '2002';
export const SCORED_AT = Date.UTC(2026, 11, 1, 9, 30);

export async function startCardApp(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'lr-card-'));
  const app = await startApp({
    env: readEnv({
      HUBSPOT_CLIENT_ID: 'client-id',
      HUBSPOT_CLIENT_SECRET: SECRET,
      HUBSPOT_API_BASE_URL: 'http://127.0.0.1:9', // the card never calls HubSpot
      PUBLIC_BASE_URL: PUBLIC_BASE,
      LEAD_ROUTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: join(dir, 'db.sqlite'),
      LEAD_ROUTER_CONFIG: join(import.meta.dirname, '../../../../config/lead-router.yaml'),
    }),
    port: 0,
    host: '127.0.0.1',
    logger: createSilentLogger(),
  });
  app.worker.stop(); // keep queued rescores visible in the inbox
  const compiled = app.config().compiled;
  const state = { loads: {}, rotations: {} };
  for (const [portal, lead, fields] of [
    [PORTAL_A, LEAD_A, { email: 'jana@pharma.example', job_title: 'Head of Procurement', employees: 1200, industry: 'Pharmaceuticals', country: 'DE', page_views: 14, email_opens: 6 }],
    [PORTAL_B, LEAD_B, { email: 'bob@tiny.example', job_title: 'Student', employees: 3, country: 'US' }],
  ] as const) {
    const tenant = `hubspot:${portal}`;
    await app.store.saveInstall({ tenant, crm: 'hubspot', externalId: portal, credentials: 'v1:unused', meta: {}, installedAt: SCORED_AT, updatedAt: SCORED_AT });
    const evaluation = evaluateLead({ id: lead, fields: { ...fields } }, compiled, state, SCORED_AT);
    await app.store.appendAudit([{ tenant, leadId: lead, at: SCORED_AT, evaluation }]);
  }
  return app;
}

export interface CardCallOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  portalId?: string | null;
  userId?: string;
  userEmail?: string;
  /** Extra query appended before HubSpot's parameters (what a tampered card could add). */
  extraQuery?: string;
  sign?: boolean;
  secret?: string;
  timestamp?: number;
}

/** Call the card backend as HubSpot's proxy does for hubspot.fetch. */
export async function cardCall(app: RunningApp, path: string, o: CardCallOptions = {}): Promise<Response> {
  const method = o.method ?? 'GET';
  const params = new URLSearchParams();
  if (o.portalId !== null) params.set('portalId', o.portalId ?? PORTAL_A);
  params.set('userId', o.userId ?? '4711');
  params.set('userEmail', o.userEmail ?? 'rep@example.com');
  const query = `${o.extraQuery ? `${o.extraQuery}&` : ''}${params.toString()}`;
  const pathAndQuery = `/hubspot/card${path}?${query}`;
  const body = o.body === undefined ? '' : JSON.stringify(o.body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.sign !== false) {
    Object.assign(headers, hubspotV3Headers({ method, url: `${PUBLIC_BASE}${pathAndQuery}`, body, clientSecret: o.secret ?? SECRET, timestamp: o.timestamp ?? Date.now() }));
  }
  return fetch(`${app.url}${pathAndQuery}`, { method, headers, ...(method === 'POST' ? { body } : {}) });
}

/**
 * hubspot.fetch as HubSpot's proxy performs it: the card's URL on lead-router's public base,
 * plus portalId / userId / userEmail, v3-signed with the app's secret, sent to the app.
 */
export function hubspotProxyFetch(app: RunningApp, portalId: string, userId = '4711', userEmail?: string) {
  return async (url: string, options: { method?: 'GET' | 'POST' | 'DELETE'; body?: Record<string, unknown> } = {}): Promise<Response> => {
    if (!url.startsWith(`${PUBLIC_BASE}/hubspot/card`)) throw new Error(`${url} is not in permittedUrls`);
    const path = url.slice(`${PUBLIC_BASE}/hubspot/card`.length);
    return cardCall(app, path, { method: options.method ?? 'GET', body: options.body, portalId, userId, ...(userEmail ? { userEmail } : {}) });
  };
}
