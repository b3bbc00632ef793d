// The predictive score's person field against the Pipedrive sandbox, through the connector's own
// client: with scoring.predictive on, ensureProperties creates the "double" field, the win
// probability is written and read back as a number, and an empty value clears it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPipedriveClient, type PipedriveTenantClient } from '../../../../../connectors/pipedrive/client.ts';
import { createPipedriveSandbox, type PipedriveSandbox } from '../../../../../connectors/pipedrive/sandbox/index.ts';
import { configSchema } from '../../../../../src/config/schema.ts';
import type { WrittenKey } from '../../../../../src/crm/types.ts';
import { passThroughScheduler, sandboxConfig } from './helpers.ts';

describe('Pipedrive sandbox: win probability field', () => {
  let sandbox: PipedriveSandbox;
  let client: PipedriveTenantClient;
  let codes: Partial<Record<WrittenKey, string>> = {};

  beforeAll(async () => {
    sandbox = createPipedriveSandbox({ apiToken: 'wp-token', rateLimit: { max: 1_000, intervalMs: 2_000 } });
    const { url } = await sandbox.listen();
    const base = sandboxConfig();
    const config = configSchema.parse({ ...base, scoring: { ...base.scoring, predictive: { enabled: true } } });
    client = createPipedriveClient({
      tenant: 'pipedrive:8087566', apiBase: url, auth: { kind: 'api_token', token: 'wp-token' }, scheduler: passThroughScheduler(), config,
      onFieldCodes: (c) => { codes = c; },
    });
  });
  afterAll(async () => { await sandbox.close(); });

  it('creates the double field, writes and reads the probability, clears it', async () => {
    await client.ensureProperties();
    const field = sandbox.fields('person').find((f) => f.field_name === 'lead_router_win_probability')!;
    expect(field).toMatchObject({ field_type: 'double', field_code: codes.winProbability });
    const [p] = sandbox.createPersons([{ name: 'Predicted' }]);
    const id = String(p!['id']);
    expect(await client.writeLeads([{ id, values: { score: 30, winProbability: '23' } }])).toEqual([{ id, ok: true }]);
    expect(sandbox.readPersonFields(Number(id))).toMatchObject({ lead_router_win_probability: 23 });
    expect((await client.readLeads([id])).get(id)!.written.winProbability).toBe('23');
    expect(await client.writeLeads([{ id, values: { winProbability: '' } }])).toEqual([{ id, ok: true }]);
    expect(sandbox.readPersonFields(Number(id))!['lead_router_win_probability'] ?? null).toBeNull();
  });
});
