// `lead-router sandbox pipedrive`: the Pipedrive emulator on its own, seeded from the config (one
// user per owner, same email, plus a non-rep admin who owns the API token; the custom fields the
// config's `fields:` read). With --webhook-url it subscribes that URL to v2 webhooks with the
// given Basic credentials, as an admin would for a lead-router run without PUBLIC_BASE_URL
// (with PUBLIC_BASE_URL set, lead-router registers its own webhooks and the flag is not needed).
import { startPipedriveSandbox } from '../../../connectors/pipedrive/sandbox/index.ts';
import type { LeadRouterConfig } from '../../config/schema.ts';
import { pipedriveSandboxSeeds } from '../../demo/pipedrive-seeds.ts';
import { InputError } from '../../errors.ts';
import type { CliIo } from '../io.ts';

export async function runPipedriveSandboxCommand(opts: {
  io: CliIo;
  port: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Fixed API token instead of a random one. */
  apiToken?: string;
  config: LeadRouterConfig;
  webhookUrl?: string;
  webhookUser?: string;
  webhookPassword?: string;
  waitForSignal: (close: () => Promise<void>) => Promise<void>;
}): Promise<void> {
  const { io, webhookUrl, webhookUser, webhookPassword } = opts;
  if ((webhookUser === undefined) !== (webhookPassword === undefined)) {
    throw new InputError('--webhook-user and --webhook-password go together: lead-router checks both (PIPEDRIVE_WEBHOOK_USER / PIPEDRIVE_WEBHOOK_PASSWORD)');
  }
  if (!webhookUrl && webhookUser !== undefined) throw new InputError('--webhook-user needs --webhook-url (where to send the webhooks)');
  if (webhookUrl) {
    try {
      new URL(webhookUrl);
    } catch {
      throw new InputError(`--webhook-url must be a full URL such as http://127.0.0.1:3000/webhooks/pipedrive, got "${webhookUrl}"`);
    }
  }
  const started = await startPipedriveSandbox({
    port: opts.port,
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.apiToken ? { apiToken: opts.apiToken } : {}),
    ...pipedriveSandboxSeeds(opts.config),
    print: (line) => io.stdout(`${line}\n`),
    ...(webhookUrl ? { webhooks: { url: webhookUrl, ...(webhookUser !== undefined ? { user: webhookUser, password: webhookPassword } : {}) } } : {}),
  });
  const { sandbox, url } = started;
  const user = webhookUser ?? '<user>';
  const password = webhookPassword ?? '<password>';
  io.stdout(
    [
      '',
      'Run lead-router against it:',
      `  PIPEDRIVE_API_BASE_URL=${url} PIPEDRIVE_API_TOKEN=${sandbox.apiToken} PIPEDRIVE_COMPANY_ID=${sandbox.companyId} \\`,
      `  PIPEDRIVE_WEBHOOK_USER=${user} PIPEDRIVE_WEBHOOK_PASSWORD=${password} lead-router serve`,
      webhookUrl ? '' : '  (add PUBLIC_BASE_URL=<lead-router URL> and lead-router registers its webhooks here itself)',
      '',
    ].join('\n'),
  );
  await opts.waitForSignal(() => sandbox.close());
}
