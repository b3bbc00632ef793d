// lead-router sandbox hubspot|pipedrive: run a CRM emulator on its own, so a developer can point
// a local lead-router (or anything else) at it and watch signed webhooks arrive.
import type { Command } from 'commander';
import { startHubspotSandbox } from '../../../connectors/hubspot/sandbox/index.ts';
import { InputError } from '../../errors.ts';
import type { CliIo } from '../io.ts';
import { configPathFor, loadConfigForCli } from '../config-option.ts';
import { withListenHint } from '../port-in-use.ts';

const PORT_HINT = 'pass --port with a free port (--port 0 picks any free one and prints it)';

export function register(program: Command, io: CliIo): void {
  program
    .command('sandbox')
    .description('Run a local CRM emulator (same API paths, batch limits, 207s, 429s) that sends signed webhooks.')
    .argument('<crm>', 'hubspot or pipedrive')
    .option('--port <port>', 'port to listen on', '4010')
    .option('--host <host>', 'address to bind (0.0.0.0 in a container, so other containers reach it)', '127.0.0.1')
    .option('--token <token>', 'fixed credential instead of a random one: HubSpot private-app token, Pipedrive API token (compose.yaml)')
    .option('--webhook-url <url>', 'where to send webhooks (e.g. http://127.0.0.1:3000/webhooks/hubspot)')
    .option('--client-secret <secret>', 'HubSpot: app client secret used to sign webhooks')
    .option('--webhook-user <user>', 'Pipedrive: Basic user for webhook deliveries')
    .option('--webhook-password <password>', 'Pipedrive: Basic password for webhook deliveries')
    .addHelpText(
      'after',
      `
Owners / users are created from the config's owners, so routing resolves them.

Examples:
  $ lead-router sandbox hubspot --port 4010 --webhook-url http://127.0.0.1:3000/webhooks/hubspot --client-secret s3cret
  $ HUBSPOT_API_BASE_URL=http://127.0.0.1:4010 HUBSPOT_ACCESS_TOKEN=<printed token> HUBSPOT_CLIENT_SECRET=s3cret lead-router serve
  $ lead-router sandbox pipedrive --port 4020 --webhook-url http://127.0.0.1:3000/webhooks/pipedrive --webhook-user lr --webhook-password s3cret
  $ PIPEDRIVE_API_BASE_URL=http://127.0.0.1:4020 PIPEDRIVE_API_TOKEN=<printed token> PIPEDRIVE_COMPANY_ID=8087566 \
    PIPEDRIVE_WEBHOOK_USER=lr PIPEDRIVE_WEBHOOK_PASSWORD=s3cret lead-router serve`,
    )
    .action(async (crm: string, opts: { port: string; host: string; token?: string; webhookUrl?: string; clientSecret?: string; webhookUser?: string; webhookPassword?: string }, command: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port must be 0-65535, got "${opts.port}"`);
      const config = loadConfigForCli(configPathFor(command, io), io).config;
      const owners = config.owners.map((o) => {
        const [firstName = '', ...rest] = (o.name ?? o.email.split('@')[0]!).split(' ');
        return { email: o.email, firstName, lastName: rest.join(' '), name: o.name ?? o.email };
      });
      if (crm === 'hubspot') {
        if (!opts.clientSecret) throw new InputError('--client-secret is required: webhooks are signed with it (use the same value as HUBSPOT_CLIENT_SECRET)');
        const started = await withListenHint(
          () => startHubspotSandbox({ port, host: opts.host, ...(opts.token ? { privateAppToken: opts.token } : {}), clientSecret: opts.clientSecret!, webhookUrl: opts.webhookUrl, owners, print: (s: string) => io.stdout(`${s}\n`) }),
          PORT_HINT,
        );
        await waitForSignal(() => started.sandbox.close());
        return;
      }
      if (crm === 'pipedrive') {
        const { runPipedriveSandboxCommand } = await import('./sandbox-pipedrive.ts');
        await withListenHint(
          () => runPipedriveSandboxCommand({ io, port, host: opts.host, apiToken: opts.token, config, webhookUrl: opts.webhookUrl, webhookUser: opts.webhookUser, webhookPassword: opts.webhookPassword, waitForSignal }),
          PORT_HINT,
        );
        return;
      }
      throw new InputError(`unknown CRM "${crm}": use hubspot or pipedrive`);
    });
}

export function waitForSignal(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => void close().then(resolve, resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
