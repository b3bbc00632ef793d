// API behaviour over raw HTTP (shared/reference/pipedrive.md §3): v2 persons / organizations with
// Pipedrive-like 400s, plain custom-field values, cursors, fields endpoints, leads, activities,
// and the /_sandbox admin routes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPipedriveSandbox, type PipedriveSandbox } from '../../../../../connectors/pipedrive/sandbox/index.ts';
import { caller, fakeClock } from './helpers.ts';

type Obj = Record<string, unknown>;

describe('Pipedrive sandbox API', () => {
  let sandbox: PipedriveSandbox;
  let url: string;
  let api: ReturnType<typeof caller>;
  const clock = fakeClock();
  const user = (email: string) => (sandbox.users() as { id: number; email: string }[]).find((u) => u.email === email)!.id;
  const data = (res: { json: Obj }) => res.json['data'] as Obj;

  beforeAll(async () => {
    sandbox = createPipedriveSandbox({ apiToken: 'api-token', now: clock.now, rateLimit: { max: 1_000, intervalMs: 2_000 } });
    url = (await sandbox.listen()).url;
    api = caller(url, 'api-token');
  });
  afterAll(async () => { await sandbox.close(); });

  it('validates person writes like Pipedrive: owners, custom-field keys, types and options, unknown parameters', async () => {
    const interest = sandbox.fields('person').find((f) => f.field_name === 'Product interest')!;
    const views = sandbox.fieldCode('person', 'Page views')!;
    const cases: [Obj, string][] = [
      [{}, 'name is required'],
      [{ name: 'X', owner_id: user('dan.former@acme.test') }, 'deactivated'],
      [{ name: 'X', owner_id: 1 }, 'does not exist'],
      [{ name: 'X', custom_fields: { ['f'.repeat(40)]: 1 } }, 'is not a person custom field key'],
      [{ name: 'X', custom_fields: { [interest.field_code]: 999_999 } }, 'option 999999 does not exist'],
      [{ name: 'X', custom_fields: { [interest.field_code]: 'analytics' } }, 'expected an option id'],
      [{ name: 'X', custom_fields: { [views]: '12' } }, 'expected a number'],
      [{ name: 'X', org_id: 10_999 }, 'organization 10999 does not exist'],
      [{ name: 'X', ownerId: 1 }, 'Unknown parameter(s) for POST /api/v2/persons: ownerId'],
      [{ name: 'X', visible_to: 2 }, 'visible_to'],
    ];
    for (const [body, message] of cases) {
      const res = await api('POST', '/api/v2/persons', body);
      expect([res.status, res.json['success'], res.json['errorCode']]).toEqual([400, false, 400]);
      expect(String(res.json['error'])).toContain(message);
    }
    expect((await api('GET', '/api/v2/persons')).json['data']).toEqual([]); // nothing was created
  });

  it('stores plain custom-field values, slims them with custom_fields=, clears with null, counts with include_fields=', async () => {
    const interest = sandbox.fields('person').find((f) => f.field_name === 'Product interest')!;
    const views = sandbox.fieldCode('person', 'Page views')!;
    const created = data(await api('POST', '/api/v2/persons', { name: 'Plain Values', custom_fields: { [interest.field_code]: interest.options![0]!.id, [views]: 5 } }));
    const id = created['id'] as number;
    expect(created['custom_fields']).toMatchObject({ [interest.field_code]: interest.options![0]!.id, [views]: 5 });
    expect(Object.keys(created['custom_fields'] as Obj)).toHaveLength(sandbox.fields('person').filter((f) => f.is_custom_field).length);
    const slim = data(await api('GET', `/api/v2/persons/${id}?custom_fields=${views}`));
    expect(slim['custom_fields']).toEqual({ [views]: 5 });
    await api('PATCH', `/api/v2/persons/${id}`, { custom_fields: { [views]: null } });
    expect((data(await api('GET', `/api/v2/persons/${id}`))['custom_fields'] as Obj)[views]).toBeNull();
    sandbox.logActivity({ type: 'call', person_id: id, done: true });
    sandbox.logActivity({ type: 'meeting', person_id: id });
    const counted = data(await api('GET', `/api/v2/persons/${id}?include_fields=activities_count,done_activities_count,marketing_status`));
    expect(counted).toMatchObject({ activities_count: 2, done_activities_count: 1, marketing_status: 'no_consent' });
    expect((await api('GET', `/api/v2/persons/${id}?include_fields=nope`)).status).toBe(400);
  });

  it('lists with filters and cursors in the requested order', async () => {
    const ben = user('ben.novak@acme.test');
    const [org] = sandbox.createOrganizations([{ name: 'Filter Org', address: { value: 'Vodičkova 1, Praha', country: 'CZ', postal_code: '110 00' } }]);
    const made = sandbox.createPersons([1, 2, 3, 4, 5].map((i) => ({ name: `Paged ${i}`, org_id: org!['id'], owner_id: ben })));
    clock.advance(1_000);
    sandbox.updatePerson(made[0]!['id'] as number, { job_title: 'Touched' });
    const pages: number[][] = [];
    let cursor: string | null = null;
    do {
      const res = await api('GET', `/api/v2/persons?org_id=${String(org!['id'])}&sort_by=update_time&sort_direction=desc&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push((res.json['data'] as Obj[]).map((p) => p['id'] as number));
      cursor = (res.json['additional_data'] as { next_cursor: string | null }).next_cursor;
    } while (cursor);
    const ids = made.map((p) => p['id'] as number);
    expect(pages).toEqual([[ids[0], ids[4]], [ids[3], ids[2]], [ids[1]]]);
    const since = new Date(clock.now()).toISOString().replace('.000Z', 'Z');
    expect((await api('GET', `/api/v2/persons?updated_since=${since}`)).json['data']).toHaveLength(1);
    expect((await api('GET', `/api/v2/persons?owner_id=${ben}&ids=${ids[1]},${ids[2]}`)).json['data']).toHaveLength(2);
    const orgRead = data(await api('GET', `/api/v2/organizations/${String(org!['id'])}`));
    expect(orgRead).toMatchObject({ name: 'Filter Org', address: { value: 'Vodičkova 1, Praha', country: 'CZ', postal_code: '110 00' }, visible_to: 3 });
    expect((await api('GET', `/api/v2/organizations/${String(ids[0])}`)).status).toBe(404); // a person id is not an organization id
  });

  it('serves field metadata, creates custom fields with fresh 40-char keys and edits options in bulk', async () => {
    const list = await api('GET', '/api/v2/personFields?limit=5');
    expect(list.json['data']).toHaveLength(5);
    expect((list.json['additional_data'] as Obj)['next_cursor']).toEqual(expect.any(String));
    const builtin = data(await api('GET', '/api/v2/personFields/owner_id'));
    expect(builtin).toMatchObject({ field_code: 'owner_id', field_type: 'user', is_custom_field: false });
    const created = data(await api('POST', '/api/v2/personFields', { field_name: 'Channels', field_type: 'set', options: [{ label: 'Web' }, { label: 'Events' }] }));
    expect(created['field_code']).toMatch(/^[0-9a-f]{40}$/);
    const code = created['field_code'] as string;
    expect((await api('POST', '/api/v2/personFields', { field_name: 'Bad', field_type: 'enum' })).status).toBe(400);
    expect((await api('POST', '/api/v2/personFields', { field_name: 'Bad', field_type: 'bool' })).status).toBe(400);
    const options = (await api('POST', `/api/v2/personFields/${code}/options`, [{ label: 'Partners' }])).json['data'] as { id: number; label: string }[];
    expect(options.map((o) => o.label)).toEqual(['Web', 'Events', 'Partners']);
    const p = data(await api('POST', '/api/v2/persons', { name: 'Set Person', custom_fields: { [code]: [options[0]!.id, options[2]!.id] } }));
    expect((p['custom_fields'] as Obj)[code]).toEqual([options[0]!.id, options[2]!.id]);
    expect((await api('POST', '/api/v2/persons', { name: 'Empty Set', custom_fields: { [code]: [] } })).status).toBe(400);
    expect((await api('GET', `/api/v2/organizationFields/${code}`)).status).toBe(404);
  });

  it('handles Leads Inbox leads (v1): link required, owner and label changes, archived leads hidden and frozen', async () => {
    const [p] = sandbox.createPersons([{ name: 'Lead Person' }]);
    const labels = (await api('GET', '/v1/leadLabels')).json['data'] as { id: string; name: string }[];
    expect(labels.map((l) => l.name)).toEqual(['Hot', 'Warm', 'Cold']);
    expect((await api('POST', '/v1/leads', { title: 'Orphan' })).status).toBe(400);
    const created = await api('POST', '/v1/leads', { title: 'Inbound demo request', person_id: p!['id'] });
    expect(created.status).toBe(201);
    const lead = data(created);
    expect(lead).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), owner_id: user('anna.admin@acme.test'), source_name: 'API', label_ids: [], is_archived: false });
    const cara = user('cara.weber@acme.test');
    const patched = data(await api('PATCH', `/v1/leads/${String(lead['id'])}`, { owner_id: cara, label_ids: [labels[0]!.id] }));
    expect(patched).toMatchObject({ owner_id: cara, label_ids: [labels[0]!.id] });
    expect((await api('PATCH', `/v1/leads/${String(lead['id'])}`, { label_ids: ['no-such-label'] })).status).toBe(400);
    await api('PATCH', `/v1/leads/${String(lead['id'])}`, { is_archived: true });
    expect(((await api('GET', '/v1/leads')).json['data'] as Obj[]).map((l) => l['id'])).not.toContain(lead['id']);
    expect((await api('PATCH', `/v1/leads/${String(lead['id'])}`, { title: 'Edited' })).status).toBe(400);
    expect((await api('PATCH', `/v1/leads/${String(lead['id'])}`, { is_archived: false })).status).toBe(200);
    expect((await api('GET', '/v1/leads/00000000-0000-4000-a000-000000000000')).status).toBe(404);
  });

  it('tells where a lead came from (source_name, origin), lists archived leads apart, sorts v1 lists', async () => {
    const [p] = sandbox.createPersons([{ name: 'Source Person' }]);
    const person = p!['id'] as number;
    const viaApi = data(await api('POST', '/v1/leads', { title: 'via API', person_id: person, origin_id: 'crm-sync-7' }));
    expect(viaApi).toMatchObject({ source_name: 'API', origin: 'API', origin_id: 'crm-sync-7', channel: null });
    // made in the UI: "Manually created" unless the simulated user says which lead source
    const [manual, form] = sandbox.createLeads([{ title: 'typed in', person_id: person }, { title: 'web form', person_id: person, source_name: 'Web forms' }]);
    expect(manual).toMatchObject({ source_name: 'Manually created', origin: 'ManuallyCreated' });
    expect(form).toMatchObject({ source_name: 'Web forms', origin: 'WebForms' });
    expect(() => sandbox.createLeads([{ title: 'x', person_id: person, source_name: 'Carrier pigeon' }])).toThrow(/source_name must be one of/);
    // origin is set by Pipedrive: the API cannot send it
    expect((await api('POST', '/v1/leads', { title: 'x', person_id: person, origin: 'WebForms' })).status).toBe(400);

    const ids = async (path: string) => ((await api('GET', path)).json['data'] as Obj[]).map((l) => l['title']);
    expect(await ids(`/v1/leads?person_id=${person}&sort=add_time%20DESC,id%20ASC&limit=2`)).toHaveLength(2);
    expect(await ids(`/v1/leads?person_id=${person}&sort=title%20DESC`)).toEqual(['web form', 'via API', 'typed in']);
    expect((await api('GET', '/v1/leads?sort=colour%20ASC')).status).toBe(400);
    sandbox.archiveLead(form!['id'] as string);
    expect(await ids(`/v1/leads?person_id=${person}&sort=title%20ASC`)).toEqual(['typed in', 'via API']);
    expect(await ids(`/v1/leads/archived?person_id=${person}`)).toEqual(['web form']);
  });

  it('handles activities: known types only, person filter, the person organization linked', async () => {
    const [org] = sandbox.createOrganizations([{ name: 'Activity Org' }]);
    const [p] = sandbox.createPersons([{ name: 'Busy Person', org_id: org!['id'] }]);
    const types = ((await api('GET', '/v1/activityTypes')).json['data'] as { key_string: string }[]).map((t) => t.key_string);
    expect(types).toEqual(['call', 'meeting', 'task', 'deadline', 'email', 'lunch', 'webinar']);
    expect((await api('POST', '/api/v2/activities', { type: 'coffee', person_id: p!['id'] })).status).toBe(400);
    const made = data(await api('POST', '/api/v2/activities', { type: 'webinar', person_id: p!['id'], done: true, due_date: '2026-11-01' }));
    expect(made).toMatchObject({ subject: 'Webinar', org_id: org!['id'], done: true, participants: [{ person_id: p!['id'], primary: true }], marked_as_done_time: expect.any(String) });
    const listed = (await api('GET', `/api/v2/activities?person_id=${String(p!['id'])}&done=true`)).json['data'] as Obj[];
    expect(listed.map((a) => a['id'])).toEqual([made['id']]);
  });

  it('offers /_sandbox admin routes for simulated users and introspection', async () => {
    const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const made = (await (await post('/_sandbox/persons', [{ name: 'Admin Made', email: 'admin@made.test', fields: { 'Product interest': 'platform', 'Email opt-out': 'Yes' } }])).json()) as { data: Obj[] };
    const id = made.data[0]!['id'] as number;
    const view = (await (await fetch(`${url}/_sandbox/persons/${id}`)).json()) as { data: Obj; fields: Obj };
    expect(view.fields).toMatchObject({ 'Product interest': 'platform', 'Email opt-out': 'Yes', 'Page views': null });
    expect((await post('/_sandbox/persons', [{ name: 'Bad', fields: { 'Product interest': 'hardware' } }])).status).toBe(400);
    const stats = (await (await fetch(`${url}/_sandbox/stats`)).json()) as { calls: Obj; totalCalls: number };
    expect(stats.calls['GET /api/v2/persons/:id']).toBeGreaterThan(0);
    expect((await fetch(`${url}/_sandbox/stats`)).status).toBe(200);
    expect(sandbox.stats().totalCalls).toBe(stats.totalCalls); // admin routes are not API calls
  });
});
