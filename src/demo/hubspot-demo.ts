// The HubSpot demo: the real app (embedded SQLite store) + the HubSpot sandbox. Sample
// companies and contacts are created in the sandbox as a user would in the HubSpot UI; the
// sandbox sends v3-signed webhooks to the app, which scores, routes and writes back through
// the rate-limited queue. Nothing is faked between the two: the numbers come from the
// sandbox's own API call counters and contact records.
import { randomBytes } from 'node:crypto';
import { createHubspotSandbox } from '../../connectors/hubspot/sandbox/index.ts';
import type { LoadedConfig } from '../config/load.ts';
import { readEnv } from '../env.ts';
import { startApp } from '../main.ts';
import { generateSampleData } from './sample-data.ts';
import type { DemoLeadResult, DemoOptions, DemoRun } from './types.ts';
import { waitFor, waitUntilScored } from './wait-until-scored.ts';

const DAY = 86_400_000;
const PORTAL_ID = 62515;
const APP_ID = 54321;

function hubspotProps(config: LoadedConfig['config']): { contact: Map<string, string>; company: Map<string, string> } {
  const contact = new Map<string, string>();
  const company = new Map<string, string>();
  for (const src of Object.values(config.fields)) {
    const name = typeof src === 'string' ? src : src.hubspot;
    if (!name) continue;
    const type = typeof src === 'string' ? 'string' : (src.type ?? 'string');
    if (name.startsWith('company.')) company.set(name.slice('company.'.length), type);
    else contact.set(name, type);
  }
  return { contact, company };
}

async function api(base: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok && res.status !== 409) throw new Error(`sandbox ${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

/** Create the custom properties the admin's config reads, as a HubSpot admin would. */
async function ensureSandboxProperties(base: string, token: string, props: Map<string, string>, objectType: string): Promise<void> {
  const existing = (await api(base, token, 'GET', `/crm/v3/properties/${objectType}`)) as { results: { name: string }[] };
  const have = new Set(existing.results.map((p) => p.name));
  for (const [name, type] of props) {
    if (have.has(name)) continue;
    const t = type === 'number' ? { type: 'number', fieldType: 'number' } : type === 'boolean' ? { type: 'bool', fieldType: 'booleancheckbox', options: [{ label: 'Yes', value: 'true' }, { label: 'No', value: 'false' }] } : { type: 'string', fieldType: 'text' };
    await api(base, token, 'POST', `/crm/v3/properties/${objectType}`, { name, label: name, groupName: 'contactinformation', ...t });
  }
}

export async function runHubspotDemo(opts: DemoOptions): Promise<DemoRun> {
  const { loaded, logger } = opts;
  const config = loaded.config;
  const secret = randomBytes(16).toString('hex');
  const { contact, company } = hubspotProps(config);
  const counters = ['hs_email_open', 'hs_email_click', 'hs_analytics_num_page_views', 'num_conversion_events'];
  const sandbox = createHubspotSandbox({
    portalId: PORTAL_ID,
    appId: APP_ID,
    clientSecret: secret,
    owners: config.owners.map((o) => {
      const [firstName = '', ...rest] = (o.name ?? o.email.split('@')[0]!).split(' ');
      return { email: o.email, firstName, lastName: rest.join(' ') };
    }),
    subscriptions: { contactProperties: [...new Set([...contact.keys(), ...counters])], companyProperties: [...company.keys()] },
  });
  const { url: sandboxUrl } = await sandbox.listen(0);
  const token = sandbox.privateAppToken;
  await ensureSandboxProperties(sandboxUrl, token, contact, 'contacts');
  await ensureSandboxProperties(sandboxUrl, token, company, 'companies');

  const app = await startApp({
    env: readEnv({
      HUBSPOT_ACCESS_TOKEN: token,
      HUBSPOT_CLIENT_SECRET: secret,
      HUBSPOT_PORTAL_ID: String(PORTAL_ID),
      HUBSPOT_APP_ID: String(APP_ID),
      HUBSPOT_API_BASE_URL: sandboxUrl,
      DATABASE_URL: opts.databaseUrl,
      LEAD_ROUTER_CONFIG: loaded.file,
    }),
    port: 0,
    host: '127.0.0.1',
    logger,
  });
  sandbox.setWebhookUrl(`${app.url}/webhooks/hubspot`);
  const close = async () => {
    await app.close();
    await sandbox.close();
  };
  let served = false;
  try {
    await waitFor(async () => (await fetch(`${app.url}/readyz`)).ok, 30_000, 'the app to create its HubSpot properties');
    const callsBefore = sandbox.stats().totalCalls;
    const routesBefore = { ...sandbox.stats().calls };
    const rateLimitedBefore = sandbox.stats().rateLimited;

    const data = generateSampleData({ leads: opts.leads, seed: opts.seed, owners: config.owners.length });
    const ownerIds = sandbox.owners().map((o) => o.id);
    const companyIds = new Map<string, string>();
    const created = sandbox.createCompanies(
      data.companies.map((c) => ({
        name: c.name,
        domain: c.domain,
        industry: c.industry,
        numberofemployees: String(c.employees),
        country: c.country,
        ...(c.ownerIndex !== null && ownerIds[c.ownerIndex] ? { hubspot_owner_id: ownerIds[c.ownerIndex] } : {}),
      })),
    );
    data.companies.forEach((c, i) => companyIds.set(c.key, created[i]!.id));

    const now = Date.now();
    const contactIds: string[] = [];
    for (const c of data.contacts) {
      const props: Record<string, string> = { email: c.email, firstname: c.firstName, lastname: c.lastName, jobtitle: c.jobTitle, country: c.country, zip: c.postcode };
      if (contact.has('product_interest') && c.productInterest) props['product_interest'] = c.productInterest;
      const [view] = sandbox.createContacts([{ properties: props, companyId: companyIds.get(c.companyKey) }]);
      contactIds.push(view!.id);
    }
    opts.note(`created ${data.companies.length} companies and ${contactIds.length} contacts in the HubSpot sandbox`);
    data.contacts.forEach((c, i) => {
      for (const a of c.activity) sandbox.trackEvents(contactIds[i]!, [{ type: a.type, at: now - a.daysAgo * DAY, ...(a.url ? { props: { url: a.url } } : {}) }]);
    });

    const scoreProp = config.writeBack.properties.score;
    const done = () => contactIds.filter((id) => sandbox.getContact(id)?.properties[scoreProp] !== undefined).length;
    await waitUntilScored({ total: contactIds.length, scored: done, sandbox, store: app.store, timeoutMs: opts.timeoutMs, what: 'every contact to be scored', step: opts.track('hubspot: contacts written', contactIds.length), note: opts.note });

    const ownerEmail = new Map(sandbox.owners().map((o) => [o.id, o.email]));
    const props = config.writeBack.properties;
    const results: DemoLeadResult[] = contactIds.map((id, i) => {
      const p = sandbox.getContact(id)?.properties ?? {};
      const c = data.contacts[i]!;
      const co = data.companies.find((x) => x.key === c.companyKey)!;
      return {
        id,
        title: c.jobTitle,
        company: `${co.employees} emp, ${co.industry}, ${co.country}`,
        score: p[props.score] === undefined ? null : Number(p[props.score]),
        tier: p[props.priority] ?? null,
        grade: p[props.grade] ?? null,
        owner: p['hubspot_owner_id'] ? (ownerEmail.get(p['hubspot_owner_id']) ?? p['hubspot_owner_id']) : null,
        reasons: p[props.reasons] ?? '',
      };
    });
    const stats = sandbox.stats();
    served = opts.serve === true;
    return {
      crm: 'hubspot',
      tenant: `hubspot:${PORTAL_ID}`,
      ...(served ? { served: { url: app.url, store: app.store, close } } : {}),
      leads: results,
      apiCalls: stats.totalCalls - callsBefore,
      rateLimited: stats.rateLimited - rateLimitedBefore,
      webhooksSent: stats.webhooks.sent,
      callsByRoute: Object.fromEntries(Object.entries(stats.calls).map(([k, v]) => [k, v - (routesBefore[k] ?? 0)]).filter(([, v]) => (v as number) > 0)),
    };
  } finally {
    if (!served) await close();
  }
}
