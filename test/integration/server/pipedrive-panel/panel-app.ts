// A real lead-router app in Pipedrive marketplace (OAuth) mode with two installed companies,
// each with one person scored by the real engine on the default config and audited in the store,
// plus a client that calls the panel and the feedback modal exactly as Pipedrive does: the
// documented query parameters and an HS256 token signed with the panel's JWT secret.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../../../src/env.ts';
import { createSilentLogger } from '../../../../src/logger.ts';
import { startApp, type RunningApp } from '../../../../src/main.ts';
import { evaluateLead } from '../../../../src/engine/evaluate.ts';
import { signHs256 } from '../../../helpers/jwt.ts';

export const CLIENT_SECRET = 'pd-panel-test-client-secret-0123456789';
export const PANEL_SECRET = 'pd-panel-test-jwt-secret-0123456789';
export const COMPANY_A = '8087566';
export const COMPANY_B = '9100200';
export const PERSON_A = '101';
export const PERSON_B = '202';
export const SCORED_AT = Date.UTC(2026, 11, 1, 9, 30);

export async function startPanelApp(): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), 'lr-pd-panel-'));
  const app = await startApp({
    env: readEnv({
      PIPEDRIVE_CLIENT_ID: 'client-id',
      PIPEDRIVE_CLIENT_SECRET: CLIENT_SECRET,
      PIPEDRIVE_OAUTH_BASE_URL: 'http://127.0.0.1:9', // the panel never calls Pipedrive
      PIPEDRIVE_PANEL_JWT_SECRET: PANEL_SECRET,
      PUBLIC_BASE_URL: 'https://leads.example.test',
      LEAD_ROUTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: join(dir, 'db.sqlite'),
      LEAD_ROUTER_CONFIG: join(import.meta.dirname, '../../../../config/lead-router.yaml'),
    }),
    port: 0,
    host: '127.0.0.1',
    logger: createSilentLogger(),
  });
  app.worker.stop();
  const compiled = app.config().compiled;
  const state = { loads: {}, rotations: {} };
  for (const [company, person, fields] of [
    [COMPANY_A, PERSON_A, { email: 'jana@pharma.example', job_title: 'Head of Procurement', employees: 1200, industry: 'Pharmaceuticals', country: 'DE', page_views: 14, email_opens: 6 }],
    [COMPANY_B, PERSON_B, { email: 'bob@tiny.example', job_title: 'Student', employees: 3, country: 'US' }],
  ] as const) {
    const tenant = `pipedrive:${company}`;
    await app.store.saveInstall({ tenant, crm: 'pipedrive', externalId: company, credentials: 'v1:unused', meta: {}, installedAt: SCORED_AT, updatedAt: SCORED_AT });
    const evaluation = evaluateLead({ id: person, fields: { ...fields } }, compiled, state, SCORED_AT);
    await app.store.appendAudit([{ tenant, leadId: person, at: SCORED_AT, evaluation }]);
  }
  return app;
}

export interface PanelCallOptions {
  company?: string;
  /** The plain companyId query parameter, when it should differ from the token's. */
  queryCompany?: string;
  user?: number;
  person?: string;
  resource?: string;
  secret?: string;
  /** Token claims replacing the defaults (userId, companyId, iat, exp in 5 minutes). */
  claims?: Record<string, unknown>;
  method?: 'GET' | 'POST';
  body?: unknown;
}

/** A call as Pipedrive sends it to an app extension's API endpoint. */
export async function panelCall(app: RunningApp, path: string, o: PanelCallOptions = {}): Promise<Response> {
  const company = o.company ?? COMPANY_A;
  const user = o.user ?? 4711;
  const now = Math.floor(Date.now() / 1000);
  const claims = o.claims ?? { userId: user, companyId: Number(company), iat: now, exp: now + 300 };
  const params = new URLSearchParams({
    resource: o.resource ?? 'person',
    view: 'details',
    userId: String(user),
    companyId: o.queryCompany ?? company,
    selectedIds: o.person ?? PERSON_A,
    isShared: 'false',
    token: signHs256(claims, o.secret ?? PANEL_SECRET),
  });
  const method = o.method ?? 'GET';
  return fetch(`${app.url}${path}?${params.toString()}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(method === 'POST' ? { body: JSON.stringify(o.body ?? {}) } : {}),
  });
}
