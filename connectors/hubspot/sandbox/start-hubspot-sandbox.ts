// `lead-router sandbox hubspot --port P --webhook-url URL --client-secret S`: starts the sandbox,
// prints what an admin needs to connect lead-router to it, and runs until closed.
import { createHubspotSandbox } from './create-hubspot-sandbox.ts';
import type { HubspotSandbox } from './create-hubspot-sandbox.ts';
import type { HubspotSandboxOptions } from './types.ts';

export interface StartedHubspotSandbox {
  sandbox: HubspotSandbox;
  url: string;
  /** Resolves once sandbox.close() has finished. */
  closed: Promise<void>;
}

export async function startHubspotSandbox(
  opts: HubspotSandboxOptions & { port: number; host?: string; print?: (line: string) => void },
): Promise<StartedHubspotSandbox> {
  const { port, host, print = (line: string) => console.log(line), ...options } = opts;
  const sandbox = createHubspotSandbox(options);
  const { url } = await sandbox.listen(port, host);
  let markClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => { markClosed = resolve; });
  const close = sandbox.close;
  sandbox.close = async () => { await close(); markClosed(); };

  print(`HubSpot sandbox listening on ${url}  (portalId ${sandbox.portalId}, appId ${sandbox.appId})`);
  print(`  API base URL:       ${url}   (new Client({ accessToken, basePath: '${url}' }))`);
  print(`  private-app token:  ${sandbox.privateAppToken}`);
  print(`  OAuth client id:    ${sandbox.clientId}   (authorize: ${url}/oauth/authorize, token: ${url}/oauth/v3/token)`);
  print(`  webhooks:           ${options.webhookUrl ?? '(none: set with PUT /_sandbox/webhook-url)'}`);
  print('  owners (use `id` for hubspot_owner_id, never userId):');
  for (const o of sandbox.owners()) {
    print(`    ${o.id}  userId ${o.userId}  ${o.email}  ${`${o.firstName} ${o.lastName}`.trim()}${o.archived ? '  (archived)' : ''}`);
  }
  print(`  admin: ${url}/_sandbox/stats, POST ${url}/_sandbox/contacts, POST ${url}/_sandbox/outage`);
  return { sandbox, url, closed };
}
