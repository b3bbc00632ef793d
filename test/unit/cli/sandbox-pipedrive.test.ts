// `lead-router sandbox pipedrive`: the emulator seeded from the config, optionally subscribing a
// lead-router URL to v2 webhooks with Basic credentials.
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { runPipedriveSandboxCommand } from '../../../src/cli/commands/sandbox-pipedrive.ts';
import { memoryIo } from '../../../src/cli/io.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { repoRoot } from './run-cli.ts';

const config = loadConfig(join(repoRoot, 'config/lead-router.yaml')).config;

describe('lead-router sandbox pipedrive', () => {
  it('starts the sandbox with the config owners as users, registers the webhooks and prints how to connect', async () => {
    const io = memoryIo();
    let hooks: unknown[] = [];
    await runPipedriveSandboxCommand({
      io,
      port: 0,
      config,
      webhookUrl: 'http://127.0.0.1:3999/webhooks/pipedrive',
      webhookUser: 'lr',
      webhookPassword: 's3cret',
      waitForSignal: async (close) => {
        const url = /listening on (http:\/\/\S+)/.exec(io.out())![1]!;
        hooks = ((await (await fetch(`${url}/_sandbox/webhooks`)).json()) as { data: unknown[] }).data;
        await close();
      },
    });
    const out = io.out();
    for (const o of config.owners) expect(out).toContain(o.email);
    expect(out).toContain('admin@acme.test');
    expect(out).toMatch(/person\s+[0-9a-f]{40}\s+Postcode/);
    expect(out).toMatch(/organization\s+[0-9a-f]{40}\s+Employees \(double\)/);
    expect(out).toContain('webhooks:      12 v2 subscriptions -> http://127.0.0.1:3999/webhooks/pipedrive (Basic user lr)');
    expect(out).toMatch(/PIPEDRIVE_API_TOKEN=[0-9a-f]{40} PIPEDRIVE_COMPANY_ID=8087566/);
    expect(out).toContain('PIPEDRIVE_WEBHOOK_USER=lr PIPEDRIVE_WEBHOOK_PASSWORD=s3cret lead-router serve');
    expect(hooks).toHaveLength(12);
    expect(hooks).toContainEqual(expect.objectContaining({ event_action: 'create', event_object: 'person', version: '2.0', http_auth_user: 'lr', http_auth_password: 's3cret' }));
  });

  it('takes a fixed API token and bind address (--token, --host: compose.yaml)', async () => {
    const io = memoryIo();
    const token = '0000000000000000000000000000000000c0a1e5';
    let status = 0;
    await runPipedriveSandboxCommand({
      io,
      port: 0,
      host: '127.0.0.2', // compose.yaml binds 0.0.0.0, printed as 127.0.0.1; another loopback address shows the flag is used
      apiToken: token,
      config,
      waitForSignal: async (close) => {
        const url = /listening on (http:\/\/\S+)/.exec(io.out())![1]!;
        status = (await fetch(`${url}/api/v2/persons?api_token=${token}`)).status;
        await close();
      },
    });
    expect(io.out()).toContain(`PIPEDRIVE_API_TOKEN=${token} `);
    expect(io.out()).toMatch(/listening on http:\/\/127\.0\.0\.2:\d+/);
    expect(status).toBe(200);
  });

  it('names the missing flag when the Basic credentials are incomplete', async () => {
    const base = { io: memoryIo(), port: 0, config, webhookUrl: 'http://127.0.0.1:3999/webhooks/pipedrive', waitForSignal: async () => undefined };
    await expect(runPipedriveSandboxCommand({ ...base, webhookUser: 'lr' })).rejects.toThrow('--webhook-user and --webhook-password go together');
    await expect(runPipedriveSandboxCommand({ ...base, webhookUrl: 'not a url' })).rejects.toThrow('--webhook-url must be a full URL');
  });
});
