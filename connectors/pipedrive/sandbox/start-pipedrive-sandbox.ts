// `lead-router sandbox pipedrive --port P`: starts the sandbox, prints what an admin needs to
// connect lead-router to it (base URL, API token, users, field keys), and runs until closed.
import { createPipedriveSandbox, type PipedriveSandbox } from './create-pipedrive-sandbox.ts';
import type { PipedriveSandboxOptions } from './types.ts';

export interface StartedPipedriveSandbox {
  sandbox: PipedriveSandbox;
  url: string;
  /** Resolves once sandbox.close() has finished. */
  closed: Promise<void>;
}

/** Webhook subscriptions to create at start, as the first admin would in Pipedrive (§1.1). */
export interface StartWebhooks {
  url: string;
  user?: string;
  password?: string;
  /** default: every create / change / delete of persons, organizations, activities and leads */
  events?: { object: string; action: string }[];
}

const DEFAULT_EVENTS = ['person', 'organization', 'activity', 'lead'].flatMap((object) => ['create', 'change', 'delete'].map((action) => ({ object, action })));

/** POST /v1/webhooks through the sandbox's own API (version 2.0, Basic credentials). */
async function registerWebhooks(url: string, token: string, w: StartWebhooks): Promise<void> {
  for (const e of w.events ?? DEFAULT_EVENTS) {
    const res = await fetch(`${url}/v1/webhooks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-token': token },
      body: JSON.stringify({
        subscription_url: w.url, event_object: e.object, event_action: e.action, version: '2.0', name: `sandbox ${e.action}.${e.object}`,
        ...(w.user !== undefined ? { http_auth_user: w.user, http_auth_password: w.password ?? '' } : {}),
      }),
    });
    if (!res.ok) throw new Error(`registering the ${e.action}.${e.object} webhook failed (${res.status}): ${(await res.text()).slice(0, 200)}`);
  }
}

export async function startPipedriveSandbox(
  opts: PipedriveSandboxOptions & { port: number; host?: string; print?: (line: string) => void; webhooks?: StartWebhooks },
): Promise<StartedPipedriveSandbox> {
  const { port, host, print = (line: string) => console.log(line), webhooks, ...options } = opts;
  const sandbox = createPipedriveSandbox(options);
  const { url } = await sandbox.listen(port, host);
  if (webhooks) await registerWebhooks(url, sandbox.apiToken, webhooks);
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => { markClosed = resolve; });
  const close = sandbox.close;
  sandbox.close = async () => { await close(); markClosed(); };

  print(`Pipedrive sandbox listening on ${url}  (company ${sandbox.companyId}, domain ${sandbox.companyDomain}, plan ${options.plan ?? 'lite'})`);
  print(`  API base URL:  ${url}   (the connector's apiBase; v2 under /api/v2, v1 under /v1)`);
  print(`  API token:     ${sandbox.apiToken}   (header x-api-token, or ?api_token=)`);
  if (options.oauth) print(`  OAuth client:  ${options.oauth.clientId}   (authorize: ${url}/oauth/authorize, token: ${url}/oauth/token)`);
  print('  users (owner_id = id; inactive users cannot own records):');
  for (const u of sandbox.users()) {
    print(`    ${String(u['id'])}  ${String(u['email'])}  ${String(u['name'])}${u['is_admin'] ? '  (admin)' : ''}${u['active_flag'] ? '' : '  (inactive)'}`);
  }
  print('  custom fields (key = 40-character hash):');
  for (const entity of ['person', 'organization'] as const) {
    for (const f of sandbox.fields(entity).filter((x) => x.is_custom_field)) print(`    ${entity.padEnd(12)} ${f.field_code}  ${f.field_name} (${f.field_type})`);
  }
  const hooks = sandbox.webhooks();
  if (hooks.length) print(`  webhooks:      ${hooks.length} v2 subscriptions -> ${hooks[0]!.subscription_url}${hooks[0]!.http_auth_user ? ` (Basic user ${hooks[0]!.http_auth_user})` : ' (no auth)'}`);
  print(`  admin: ${url}/_sandbox/stats, POST ${url}/_sandbox/persons, POST ${url}/_sandbox/outage, GET ${url}/_sandbox/webhooks`);
  return { sandbox, url, closed };
}
