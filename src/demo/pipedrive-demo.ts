// The Pipedrive demo: the real app (embedded SQLite store, api_token mode) + the Pipedrive sandbox.
// The app creates its lead_router_* fields and registers its own v2 webhooks (Basic auth) in the
// sandbox at start; sample organizations, persons, activities and Leads-Inbox leads are then
// created as users would in the Pipedrive UI, and the app scores, routes and writes back through
// the rate-limited queue (one PATCH per person: Pipedrive has no batch update). The numbers come
// from the sandbox's own call counters, token budget and person records.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { createPipedriveSandbox, type PipedriveSandbox } from '../../connectors/pipedrive/sandbox/index.ts';
import type { LoadedConfig } from '../config/load.ts';
import { readEnv } from '../env.ts';
import { startApp } from '../main.ts';
import { waitFor, waitUntilScored } from './wait-until-scored.ts';
import { pipedriveSandboxSeeds, SANDBOX_ADMIN } from './pipedrive-seeds.ts';
import { createPipedriveSamples } from './pipedrive-samples.ts';
import { generateSampleData, type SampleContact } from './sample-data.ts';
import type { DemoLeadResult, DemoOptions, DemoRun } from './types.ts';

const COMPANY_ID = 8087566;
/** Growth plan: 40 requests per 2 s for an API token (pipedrive.md §4). */
const PLAN = 'growth';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function readResults(sandbox: PipedriveSandbox, ids: number[], contacts: SampleContact[], company: (c: SampleContact) => string, props: LoadedConfig['config']['writeBack']['properties']): DemoLeadResult[] {
  const emailOf = new Map((sandbox.users() as { id: number; email: string }[]).map((u) => [u.id, u.email]));
  return ids.map((id, i) => {
    const f = sandbox.readPersonFields(id) ?? {};
    const owner = (sandbox.getPerson(id) as { owner_id?: number } | undefined)?.owner_id;
    const c = contacts[i]!;
    const score = f[props.score];
    return {
      id: String(id),
      title: c.jobTitle,
      company: company(c),
      score: typeof score === 'number' ? score : null,
      tier: (f[props.priority] as string | null) ?? null,
      grade: (f[props.grade] as string | null) ?? null,
      owner: owner === undefined || emailOf.get(owner) === SANDBOX_ADMIN.email ? null : (emailOf.get(owner) ?? String(owner)),
      reasons: (f[props.reasons] as string | null) ?? '',
    };
  });
}

export async function runPipedriveDemo(opts: DemoOptions): Promise<DemoRun> {
  const { loaded, logger } = opts;
  const config = loaded.config;
  const seeds = pipedriveSandboxSeeds(config);
  const token = randomBytes(20).toString('hex');
  const webhook = { user: 'lead-router-demo', password: randomBytes(24).toString('base64url') };
  const sandbox = createPipedriveSandbox({ companyId: COMPANY_ID, apiToken: token, plan: PLAN, activityTypes: ['webinar', 'form_submission'], ...seeds });
  const { url: sandboxUrl } = await sandbox.listen(0);
  const port = await freePort();
  const app = await startApp({
    env: readEnv({
      PIPEDRIVE_API_TOKEN: token,
      PIPEDRIVE_API_BASE_URL: sandboxUrl,
      PIPEDRIVE_COMPANY_ID: String(COMPANY_ID),
      PIPEDRIVE_WEBHOOK_USER: webhook.user,
      PIPEDRIVE_WEBHOOK_PASSWORD: webhook.password,
      PIPEDRIVE_PLAN: PLAN,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: opts.databaseUrl,
      LEAD_ROUTER_CONFIG: loaded.file,
    }),
    port,
    host: '127.0.0.1',
    logger,
  });
  const close = async () => {
    await app.close();
    await sandbox.close();
  };
  let served = false;
  try {
    await waitFor(async () => (await fetch(`${app.url}/readyz`)).ok, 30_000, 'the app to create its Pipedrive fields and webhooks');
    const before = sandbox.stats();
    const data = generateSampleData({ leads: opts.leads, seed: opts.seed, owners: config.owners.length });
    const userIds = new Map((sandbox.users() as { id: number; email: string }[]).map((u) => [u.email.toLowerCase(), u.id]));
    const { orgs, ids, leadIds } = createPipedriveSamples(sandbox, data, config, seeds);
    opts.note(`created ${orgs.length} organizations, ${ids.length} persons and ${leadIds.length} leads in the Pipedrive sandbox (${PLAN} plan)`);

    const scoreField = config.writeBack.properties.score;
    const done = () => ids.filter((id) => typeof sandbox.readPersonFields(id)?.[scoreField] === 'number').length;
    await waitUntilScored({ total: ids.length, scored: done, sandbox, store: app.store, timeoutMs: opts.timeoutMs, what: 'every person to be scored', step: opts.track('pipedrive: persons written', ids.length), note: opts.note });

    const byKey = new Map(data.companies.map((c) => [c.key, c]));
    const results = readResults(sandbox, ids, data.contacts, (c) => {
      const co = byKey.get(c.companyKey)!;
      return `${co.employees} emp, ${co.industry}, ${co.country}`;
    }, config.writeBack.properties);
    const stats = sandbox.stats();
    const ownerOfPerson = (id: number) => (sandbox.getPerson(id) as { owner_id?: number } | undefined)?.owner_id;
    const leadsRouted = leadIds.filter((l) => sandbox.getLead(l.id)?.['owner_id'] === ownerOfPerson(l.person) && ownerOfPerson(l.person) !== userIds.get(SANDBOX_ADMIN.email)).length;
    served = opts.serve === true;
    return {
      crm: 'pipedrive',
      tenant: `pipedrive:${COMPANY_ID}`,
      ...(served ? { served: { url: app.url, store: app.store, close } } : {}),
      leads: results,
      apiCalls: stats.totalCalls - before.totalCalls,
      rateLimited: stats.rateLimited - before.rateLimited,
      webhooksSent: stats.webhooks.sent - before.webhooks.sent,
      callsByRoute: Object.fromEntries(Object.entries(stats.calls).map(([k, v]) => [k, v - (before.calls[k] ?? 0)]).filter(([, v]) => (v as number) > 0)),
      tokens: stats.tokensSpent - before.tokensSpent,
      notes: [`leads inbox: ${leadsRouted}/${leadIds.length} leads given their person's routed owner`],
    };
  } finally {
    if (!served) await close();
  }
}
