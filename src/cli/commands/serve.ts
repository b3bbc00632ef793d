// lead-router serve: the service (what `npm start` runs). Reads the environment through
// src/env.ts; a missing or contradictory setting fails here with the variable's name.
import type { Command } from 'commander';
import { readEnv } from '../../env.ts';
import { createLogger } from '../../logger.ts';
import { startApp } from '../../main.ts';
import type { CliIo } from '../io.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Run the webhook server and the pipeline (HubSpot and/or Pipedrive, from the environment).')
    .option('-p, --port <port>', 'port to listen on (default: $PORT or 3000)')
    .addHelpText(
      'after',
      `
Environment (see README "Configuration"):
  PORT, PUBLIC_BASE_URL, DATABASE_URL (default ./data/lead-router.db; postgres://... to scale out),
  LEAD_ROUTER_CONFIG, LOG_LEVEL,
  HubSpot private app: HUBSPOT_ACCESS_TOKEN, HUBSPOT_CLIENT_SECRET [, HUBSPOT_PORTAL_ID, HUBSPOT_API_BASE_URL]
  HubSpot marketplace: HUBSPOT_CLIENT_ID, HUBSPOT_CLIENT_SECRET, PUBLIC_BASE_URL, LEAD_ROUTER_ENCRYPTION_KEY
  Pipedrive API token: PIPEDRIVE_API_TOKEN, PIPEDRIVE_COMPANY_DOMAIN, PIPEDRIVE_WEBHOOK_USER, PIPEDRIVE_WEBHOOK_PASSWORD
  Pipedrive marketplace: PIPEDRIVE_CLIENT_ID, PIPEDRIVE_CLIENT_SECRET, PUBLIC_BASE_URL, LEAD_ROUTER_ENCRYPTION_KEY
  /metrics (off by default): METRICS_TOKEN (bearer on the public port) and/or METRICS_PORT [, METRICS_HOST]
  HUBSPOT_ALLOW_LEGACY_SIGNATURES=true also accepts v1/v2 webhook signatures (replayable: see README)

Signals: SIGTERM/SIGINT stop accepting webhooks, finish the running batch and exit;
SIGHUP reloads the config file (a broken file keeps the running config).

Examples:
  $ HUBSPOT_ACCESS_TOKEN=pat-... HUBSPOT_CLIENT_SECRET=... lead-router serve
  $ HUBSPOT_API_BASE_URL=http://127.0.0.1:4010 HUBSPOT_ACCESS_TOKEN=... HUBSPOT_CLIENT_SECRET=s lead-router serve --port 3000`,
    )
    .action(async (opts: { port?: string }, command: Command) => {
      const globals = command.optsWithGlobals<{ config?: string }>();
      const env = readEnv({ ...io.env, ...(opts.port ? { PORT: opts.port } : {}), ...(globals.config ? { LEAD_ROUTER_CONFIG: globals.config } : {}) });
      const logger = createLogger({ level: env.logLevel });
      const app = await startApp({ env, cwd: io.cwd, logger });
      io.stderr(`lead-router listening on ${app.url} (store: ${app.store.kind})\n`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          logger.info('shutting down', { signal });
          app.close().then(resolve, (err: unknown) => {
            logger.error('shutdown failed', { error: (err as Error).message });
            resolve();
          });
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
        process.on('SIGHUP', () => app.reload());
      });
    });
}
