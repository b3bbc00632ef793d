// The connector's own client (connectors/pipedrive/client.ts) pointed at the sandbox by base
// URL: proves the sandbox accepts exactly the calls lead-router makes and answers in shapes it reads.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPipedriveClient, type PipedriveTenantClient } from '../../../../../connectors/pipedrive/client.ts';
import { fetchCurrentUser } from '../../../../../connectors/pipedrive/current-user.ts';
import { WEBHOOK_EVENTS } from '../../../../../connectors/pipedrive/webhooks.ts';
import type { WrittenKey } from '../../../../../src/crm/types.ts';
import { createPipedriveSandbox, type PipedriveSandbox } from '../../../../../connectors/pipedrive/sandbox/index.ts';
import { caller, passThroughScheduler, sandboxConfig } from './helpers.ts';

describe('Pipedrive sandbox with the lead-router connector', () => {
  let sandbox: PipedriveSandbox;
  let url: string;
  let client: PipedriveTenantClient;
  let codes: Partial<Record<WrittenKey, string>> | undefined;
  const users = () => sandbox.users() as { id: number; email: string; active_flag: boolean }[];

  beforeAll(async () => {
    // The pass-through scheduler does not pace calls; a roomy burst limit keeps 429s out of these tests.
    sandbox = createPipedriveSandbox({ apiToken: 'compat-token', rateLimit: { max: 1_000, intervalMs: 2_000 } });
    url = (await sandbox.listen()).url;
    client = createPipedriveClient({
      tenant: 'pipedrive:8087566', apiBase: url, auth: { kind: 'api_token', token: 'compat-token' }, scheduler: passThroughScheduler(),
      config: sandboxConfig(), onFieldCodes: (c) => { codes = c; },
    });
  });
  afterAll(async () => { await sandbox.close(); });

  it('learns the company from /v1/users/me', async () => {
    const me = await fetchCurrentUser({ apiBase: url, auth: { kind: 'api_token', token: 'compat-token' } });
    expect(me).toEqual({ userId: String(users()[0]!.id), companyId: '8087566', companyDomain: 'acme' });
  });

  it('ensureProperties creates the written fields and the rep feedback fields once (40-char keys, options), then is a no-op', async () => {
    const before = sandbox.fields('person').length;
    await client.ensureProperties();
    const created = sandbox.fields('person').slice(before);
    expect(created.map((f) => [f.field_name, f.field_type])).toEqual([
      ['lead_router_score', 'double'], ['lead_router_fit', 'double'], ['lead_router_engagement', 'double'],
      ['lead_router_priority', 'enum'], ['lead_router_grade', 'varchar'], ['lead_router_reasons', 'text'],
      ['Lead Router feedback', 'enum'], ['Lead Router feedback note', 'text'],
    ]);
    for (const f of created) expect(f.field_code).toMatch(/^[0-9a-f]{40}$/);
    expect(created[3]!.options!.map((o) => o.label)).toEqual(['hot', 'warm', 'cold']);
    expect(codes?.priority).toBe(created[3]!.field_code);
    expect(created[6]!.options!.map((o) => o.label)).toEqual(['Good lead', 'Bad fit', 'Wrong owner', 'Duplicate']);

    const callsBefore = sandbox.stats().calls['POST /api/v2/personFields'];
    await client.ensureProperties();
    expect(sandbox.fields('person')).toHaveLength(before + 8);
    expect(sandbox.stats().calls['POST /api/v2/personFields']).toBe(callsBefore);
  });

  it('readLeads batches persons and their organizations, typed per field', async () => {
    const [org] = sandbox.createOrganizations([{ name: 'Acme s.r.o.', fields: { Employees: 250, Country: 'CZ' } }]);
    const persons = sandbox.createPersons([
      { name: 'Ada Lovelace', email: 'ada@acme.test', org_id: org!['id'], fields: { Postcode: '110 00', 'Product interest': 'analytics', 'Page views': 12 } },
      { name: 'Bob Loner', email: 'bob@solo.test' },
    ]);
    const ids = persons.map((p) => String(p['id']));
    const read = await client.readLeads([...ids, '999999']);
    expect([...read.keys()]).toEqual(ids);
    // The admin (the API token's user, not a config owner) created them: they read as unowned.
    expect(read.get(ids[0]!)).toMatchObject({
      id: ids[0], ownerId: null, companyId: String(org!['id']), companyOwnerId: null,
      fields: { email: 'ada@acme.test', postcode: '110 00', product_interest: 'analytics', page_views: 12, employees: 250, country: 'CZ' },
    });
    expect(read.get(ids[1]!)?.fields).toMatchObject({ email: 'bob@solo.test', employees: null, product_interest: null });
    expect(sandbox.stats().calls['GET /api/v2/persons']).toBeGreaterThanOrEqual(1);
  });

  it("readLeads reads where a person came from on its first Leads-Inbox lead: open first, else archived, else nothing", async () => {
    const [web, manual, api, archived, none] = sandbox.createPersons([{ name: 'Web Form' }, { name: 'Man Ual' }, { name: 'Api Lead' }, { name: 'Arch Ived' }, { name: 'No Lead' }]).map((p) => p['id'] as number);
    sandbox.createLeads([{ title: 'quote request', person_id: web, source_name: 'Web forms' }]);
    sandbox.createLeads([{ title: 'second request', person_id: web }]); // later: the first one is the person's source
    sandbox.createLeads([{ title: 'met at a fair', person_id: manual }]);
    await caller(url, 'compat-token')('POST', '/v1/leads', { title: 'from an integration', person_id: api });
    const [old] = sandbox.createLeads([{ title: 'imported', person_id: archived, source_name: 'Import' }]);
    sandbox.archiveLead(old!['id'] as string);
    const calls = (path: string) => sandbox.stats().calls[`GET ${path}`] ?? 0;
    const [open0, archived0] = [calls('/v1/leads'), calls('/v1/leads/archived')];
    const read = await client.readLeads([web, manual, api, archived, none].map(String));
    expect([web, manual, api, archived, none].map((id) => read.get(String(id))!.fields)).toEqual([
      expect.objectContaining({ source: 'Web forms', origin: 'WebForms' }),
      expect.objectContaining({ source: 'Manually created', origin: 'ManuallyCreated' }),
      expect.objectContaining({ source: 'API', origin: 'API' }),
      expect.objectContaining({ source: 'Import', origin: 'Import' }),
      expect.objectContaining({ source: null, origin: null }),
    ]);
    // one list call per person; the archived list only for the two without an open lead
    expect([calls('/v1/leads') - open0, calls('/v1/leads/archived') - archived0]).toEqual([5, 2]);
    // a first lead found is kept (Pipedrive fixes where a lead came from); a person without one is asked again
    sandbox.createLeads([{ title: 'finally', person_id: none, source_name: 'Live chat' }]);
    const again = await client.readLeads([web, none].map(String));
    expect([again.get(String(web))!.fields.source, again.get(String(none))!.fields.source]).toEqual(['Web forms', 'Live chat']);
    expect([calls('/v1/leads') - open0, calls('/v1/leads/archived') - archived0]).toEqual([6, 2]);
  });

  it('writeLeads PATCHes owner_id and custom_fields; GET shows them; bad rows fail alone', async () => {
    const ben = users().find((u) => u.email === 'ben.novak@acme.test')!;
    const dan = users().find((u) => !u.active_flag)!;
    const [p, q] = sandbox.createPersons([{ name: 'Write Me' }, { name: 'Keep Me' }]);
    const results = await client.writeLeads([
      { id: String(p!['id']), ownerId: String(ben.id), values: { score: 82, priority: 'hot', reasons: '+30 size 1000+' } },
      { id: String(q!['id']), ownerId: String(dan.id), values: { score: 10 } },
      { id: '424242', values: { score: 1 } },
    ]);
    expect(results[0]).toEqual({ id: String(p!['id']), ok: true });
    expect(results[1]).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('deactivated') });
    expect(results[2]).toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('not found') });

    const api = caller(url, 'compat-token');
    const got = await api('GET', `/api/v2/persons/${String(p!['id'])}`);
    const data = got.json['data'] as { owner_id: number; custom_fields: Record<string, unknown> };
    const priority = sandbox.fields('person').find((f) => f.field_code === codes!.priority)!;
    expect(data.owner_id).toBe(ben.id);
    expect(data.custom_fields[codes!.score!]).toBe(82);
    expect(data.custom_fields[codes!.priority!]).toBe(priority.options!.find((o) => o.label === 'hot')!.id);
    expect(sandbox.readPersonFields(Number(p!['id']))).toMatchObject({ lead_router_priority: 'hot', lead_router_reasons: '+30 size 1000+' });
    expect((sandbox.getPerson(Number(q!['id'])) as { custom_fields: Record<string, unknown> }).custom_fields[codes!.score!]).toBeNull();
  });

  it('listOwners reads /v1/users with active flags', async () => {
    const owners = await client.listOwners();
    expect(owners.map((o) => [o.email, o.active])).toEqual([
      ['anna.admin@acme.test', true], ['ben.novak@acme.test', true], ['cara.weber@acme.test', true], ['dan.former@acme.test', false],
    ]);
  });

  it('listLeadIds pages by cursor in id order and by update_time with updated_since', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { ids: string[]; next: string | null } = await client.listLeadIds({ cursor, limit: 2 });
      expect(page.ids.length).toBeLessThanOrEqual(2);
      all.push(...page.ids);
      cursor = page.next;
    } while (cursor);
    expect(all).toEqual(sandbox.listPersons().map((p) => String(p['id'])));
    const recent = await client.listLeadIds({ cursor: null, since: Date.now() + 60_000, limit: 10 });
    expect(recent).toEqual({ ids: [], next: null });
  });

  it('registerWebhooks creates v2 subscriptions once; a second sync keeps them', async () => {
    const reg = { subscriptionUrl: 'https://lead-router.example/webhooks/pipedrive', httpAuthUser: 'lr-8087566', httpAuthPassword: 's3cret', userId: users()[0]!.id };
    const first = await client.registerWebhooks(reg);
    expect(first.created).toHaveLength(WEBHOOK_EVENTS.length);
    expect(first.created.every((c) => typeof c.id === 'number')).toBe(true);
    const second = await client.ensureWebhooks(reg);
    expect(second).toMatchObject({ created: [], replaced: [] });
    expect(second.kept).toHaveLength(WEBHOOK_EVENTS.length);
    const hooks = sandbox.webhooks();
    expect(hooks).toHaveLength(WEBHOOK_EVENTS.length);
    expect(hooks[0]).toMatchObject({ version: '2.0', type: 'general', is_active: 1, http_auth_user: 'lr-8087566', user_id: users()[0]!.id });
  });

  it('adds a missing tier option to an existing priority field through the bulk options endpoint', async () => {
    const seeded = createPipedriveSandbox({
      apiToken: 'seeded', rateLimit: { max: 1_000, intervalMs: 2_000 },
      personFields: [
        { name: 'Postcode', type: 'varchar' }, { name: 'Product interest', type: 'enum', options: ['analytics'] }, { name: 'Page views', type: 'double' },
        { name: 'lead_router_priority', type: 'enum', options: ['hot', 'warm'] }, { name: 'lead_router_score', type: 'double' },
      ],
    });
    const { url: seededUrl } = await seeded.listen();
    try {
      const c = createPipedriveClient({ tenant: 'pipedrive:8087566', apiBase: seededUrl, auth: { kind: 'api_token', token: 'seeded' }, scheduler: passThroughScheduler(), config: sandboxConfig() });
      const [p] = seeded.createPersons([{ name: 'Cold Lead' }]);
      expect(await c.writeLeads([{ id: String(p!['id']), values: { priority: 'cold', score: 5 } }])).toEqual([{ id: String(p!['id']), ok: true }]);
      expect(seeded.stats().calls['POST /api/v2/personFields/:code/options']).toBe(1);
      expect(seeded.fields('person').find((f) => f.field_name === 'lead_router_priority')!.options!.map((o) => o.label)).toEqual(['hot', 'warm', 'cold']);
      expect(seeded.readPersonFields(p!['id'] as number)).toMatchObject({ lead_router_priority: 'cold', lead_router_score: 5 });
    } finally {
      await seeded.close();
    }
  });
});
