// Properties API in the HubSpot sandbox over raw HTTP: groups, single and batch create, batch read.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import type { HubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import { sandboxCaller } from './helpers.ts';

describe('HubSpot sandbox properties', () => {
  let sandbox: HubspotSandbox;
  let url: string;
  const call = sandboxCaller(() => ({ url, token: sandbox.privateAppToken }));
  const def = (name: string, extra: Record<string, unknown> = {}) => ({ name, label: name, type: 'string', fieldType: 'text', groupName: 'acme', ...extra });
  beforeAll(async () => {
    sandbox = createHubspotSandbox({ clientSecret: 's', rateLimit: { max: 10_000, intervalMs: 10_000 } });
    url = (await sandbox.listen()).url;
    expect((await call('POST', '/crm/v3/properties/contacts/groups', { name: 'acme', label: 'Acme' })).status).toBe(201);
  });
  afterAll(async () => { await sandbox.close(); });

  it('batch create: 201 with the created definitions; a name that exists is a 207 error row, the others are created', async () => {
    const first = await call('POST', '/crm/v3/properties/contacts/batch/create', { inputs: [def('acme_a'), def('acme_b')] });
    expect(first.status).toBe(201);
    expect(first.body['results'].map((p: { name: string }) => p.name)).toEqual(['acme_a', 'acme_b']);
    const again = await call('POST', '/crm/v3/properties/contacts/batch/create', { inputs: [def('acme_a'), def('acme_c')] });
    expect(again.status).toBe(207);
    expect(again.body).toMatchObject({ numErrors: 1, errors: [{ category: 'OBJECT_ALREADY_EXISTS' }] });
    expect(again.body['results'].map((p: { name: string }) => p.name)).toEqual(['acme_c']);
  });

  it('batch create validates every input first: one bad input is a 400 and nothing is created', async () => {
    const bad = await call('POST', '/crm/v3/properties/contacts/batch/create', { inputs: [def('acme_d'), def('acme_e', { groupName: 'nope' })] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ category: 'VALIDATION_ERROR' });
    expect((await call('GET', '/crm/v3/properties/contacts/acme_d')).status).toBe(404);
    expect((await call('POST', '/crm/v3/properties/contacts/batch/create', { inputs: [] })).status).toBe(400);
  });

  it('batch read returns the properties that exist, with their options, and leaves out the rest', async () => {
    await call('POST', '/crm/v3/properties/contacts/batch/create', {
      inputs: [def('acme_tier', { type: 'enumeration', fieldType: 'select', options: [{ label: 'Hot', value: 'hot' }] })],
    });
    const read = await call('POST', '/crm/v3/properties/contacts/batch/read', { archived: false, inputs: [{ name: 'acme_a' }, { name: 'acme_missing' }, { name: 'acme_tier' }] });
    expect(read.status).toBe(200);
    expect(read.body['results'].map((p: { name: string }) => p.name)).toEqual(['acme_a', 'acme_tier']);
    expect(read.body['results'][1].options).toEqual([expect.objectContaining({ label: 'Hot', value: 'hot' })]);
    expect((await call('POST', '/crm/v3/properties/contacts/batch/read', { inputs: [{ id: 1 }] })).status).toBe(400);
  });
});
