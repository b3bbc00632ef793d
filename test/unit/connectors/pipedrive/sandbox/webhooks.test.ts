// v2 webhook deliveries to a real local receiver (shared/reference/pipedrive.md §1.1–1.5): Basic
// credentials, body shape with typed custom fields, `previous` holding only what changed,
// change_source api vs app, merges, permissions, retries, the ban and the 3-day deletion.
import { afterEach, describe, expect, it } from '@jest/globals';
import { parsePipedriveEvent } from '../../../../../connectors/pipedrive/events.ts';
import { createPipedriveSandbox, type PipedriveSandbox, type PipedriveSandboxOptions } from '../../../../../connectors/pipedrive/sandbox/index.ts';
import { caller, fakeClock, startReceiver } from './helpers.ts';

const TOKEN = 'hooks-token';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

describe('Pipedrive sandbox webhooks', () => {
  let sandbox: PipedriveSandbox;
  let receiver: Receiver;
  let api: ReturnType<typeof caller>;
  let url: string;
  const clock = fakeClock();
  const users = () => sandbox.users() as { id: number; email: string; is_admin: boolean }[];
  const start = async (opts: PipedriveSandboxOptions = {}) => {
    clock.set(Date.UTC(2026, 10, 2, 9, 0, 0));
    receiver = await startReceiver();
    sandbox = createPipedriveSandbox({ apiToken: TOKEN, now: clock.now, timeScale: 0.001, webhookBatchMs: 1, rateLimit: { max: 500, intervalMs: 2_000 }, ...opts });
    url = (await sandbox.listen()).url;
    api = caller(url, TOKEN);
  };
  const subscribe = async (body: Record<string, unknown> = {}) => {
    const res = await api('POST', '/v1/webhooks', {
      subscription_url: receiver.url, event_action: '*', event_object: 'person', http_auth_user: 'hook-user', http_auth_password: 'hook-pass', ...body,
    });
    expect(res.status).toBe(201);
    return (res.json['data'] as { id: number }).id;
  };
  const bodies = () => receiver.deliveries.map((d) => d.body);
  afterEach(async () => { await sandbox.close(); await receiver.close(); });

  it('POSTs one v2 body per event with Basic credentials and typed custom fields', async () => {
    await start();
    const hookId = await subscribe();
    const interest = sandbox.fields('person').find((f) => f.field_name === 'Product interest')!;
    const [org] = sandbox.createOrganizations([{ name: 'Acme' }]);
    const created = await api('POST', '/api/v2/persons', {
      name: 'Ada Lovelace', org_id: org!['id'], emails: [{ value: 'ada@acme.test', primary: true }],
      custom_fields: { [interest.field_code]: interest.options![1]!.id, [sandbox.fieldCode('person', 'Page views')!]: 7, [sandbox.fieldCode('person', 'Postcode')!]: '110 00' },
    });
    const personId = (created.json['data'] as { id: number }).id;
    await sandbox.flushWebhooks();

    expect(receiver.deliveries).toHaveLength(1);
    const [d] = receiver.deliveries;
    expect(d!.headers['authorization']).toBe(`Basic ${Buffer.from('hook-user:hook-pass').toString('base64')}`);
    expect(d!.headers['content-type']).toMatch(/^application\/json/);
    const admin = users()[0]!;
    expect(d!.body.meta).toEqual({
      action: 'create', entity: 'person', entity_id: String(personId), id: expect.stringMatching(UUID), company_id: '8087566',
      user_id: String(admin.id), webhook_id: String(hookId), webhook_owner_id: String(admin.id), correlation_id: expect.stringMatching(UUID),
      is_bulk_edit: false, timestamp: new Date(clock.now()).toISOString(), type: 'general', version: '2.0', change_source: 'api', attempt: 1,
      host: 'acme.pipedrive.com', permitted_user_ids: users().filter((u) => u.email !== 'dan.former@acme.test').map((u) => String(u.id)),
    });
    expect(d!.body.previous).toBeNull();
    const data = d!.body.data!;
    expect(Object.keys(data).sort()).toEqual(['add_time', 'custom_fields', 'emails', 'first_name', 'id', 'label', 'last_name', 'name', 'org_id', 'owner_id', 'phones', 'update_time', 'visible_to']);
    expect(data).toMatchObject({ id: personId, name: 'Ada Lovelace', first_name: 'Ada', last_name: 'Lovelace', org_id: org!['id'], owner_id: admin.id, visible_to: '3', label: null });
    expect(data['custom_fields']).toMatchObject({
      [interest.field_code]: { type: 'enum', id: interest.options![1]!.id },
      [sandbox.fieldCode('person', 'Page views')!]: { type: 'double', value: 7 },
      [sandbox.fieldCode('person', 'Postcode')!]: { type: 'varchar', value: '110 00' },
      [sandbox.fieldCode('person', 'Email opens')!]: null,
    });
    // The connector's own parser accepts it.
    expect(parsePipedriveEvent(d!.body)).toMatchObject({ companyId: '8087566', event: { kind: 'person.create', objectId: String(personId), dedupeKey: d!.body.meta['id'] } });
  });

  it('sends `previous` with only the changed fields; api vs app change_source; no event for a no-op', async () => {
    await start();
    await subscribe({ event_action: 'change' });
    const [p] = sandbox.createPersons([{ name: 'Grace Hopper', fields: { 'Page views': 3 } }]);
    const id = p!['id'] as number;
    const views = sandbox.fieldCode('person', 'Page views')!;
    const ben = users().find((u) => u.email === 'ben.novak@acme.test')!;
    const addTime = p!['update_time'];
    clock.advance(60_000);
    expect((await api('PATCH', `/api/v2/persons/${id}`, { owner_id: ben.id, custom_fields: { [views]: 4 } })).status).toBe(200);
    expect((await api('PATCH', `/api/v2/persons/${id}`, { owner_id: ben.id, custom_fields: { [views]: 4 } })).status).toBe(200); // no-op
    clock.advance(60_000);
    sandbox.actAs(ben.id);
    sandbox.updatePerson(id, { job_title: 'Rear Admiral' });
    await sandbox.flushWebhooks();

    expect(bodies()).toHaveLength(2);
    const [byApi, byApp] = bodies();
    expect(byApi!.meta).toMatchObject({ action: 'change', change_source: 'api', user_id: String(users()[0]!.id) });
    expect(byApi!.previous).toEqual({ owner_id: users()[0]!.id, custom_fields: { [views]: { type: 'double', value: 3 } }, update_time: addTime });
    expect(byApi!.data).toMatchObject({ owner_id: ben.id, custom_fields: expect.objectContaining({ [views]: { type: 'double', value: 4 } }) });
    expect(byApp!.meta).toMatchObject({ action: 'change', change_source: 'app', user_id: String(ben.id) });
    expect(byApp!.previous).toEqual({ job_title: null, update_time: new Date(clock.now() - 60_000).toISOString().replace('.000Z', 'Z') });

    // lead-router's echo guard recognises its own API write (owner + own field) and not the user's edit.
    expect(parsePipedriveEvent(byApi, { ownFieldCodes: new Set([views]) })).toMatchObject({ ignored: { reason: 'echo', kind: 'person.change' } });
    expect(parsePipedriveEvent(byApp, { ownFieldCodes: new Set([views]) })).toMatchObject({ event: { kind: 'person.change' } });
  });

  it('sends delete with data null and the last state, and a merge as delete(merged_to_id) + change(merged_from_id)', async () => {
    await start();
    await subscribe({ event_action: 'delete' });
    await subscribe({ event_action: 'change' });
    const [a, b, c] = sandbox.createPersons([{ name: 'Keep Me', email: 'keep@x.test' }, { name: 'Merge Me', email: 'dupe@x.test' }, { name: 'Delete Me' }]);
    expect((await api('DELETE', `/api/v2/persons/${String(c!['id'])}`)).status).toBe(200);
    const merged = sandbox.mergePersons(a!['id'] as number, b!['id'] as number);
    await sandbox.flushWebhooks();

    const del = bodies().find((x) => x.meta['entity_id'] === String(c!['id']))!;
    expect(del.meta).toMatchObject({ action: 'delete', change_source: 'api' });
    expect(del.data).toBeNull();
    expect(del.previous).toMatchObject({ id: c!['id'], name: 'Delete Me' });
    const mergeDelete = bodies().find((x) => x.meta['action'] === 'delete' && x.meta['entity_id'] === String(b!['id']))!;
    expect(mergeDelete.meta).toMatchObject({ merged_to_id: String(a!['id']), change_source: 'app' });
    const mergeChange = bodies().find((x) => x.meta['action'] === 'change')!;
    expect(mergeChange.meta).toMatchObject({ entity_id: String(a!['id']), merged_from_id: String(b!['id']) });
    expect((merged['emails'] as { value: string }[]).map((e) => e.value)).toEqual(['keep@x.test', 'dupe@x.test']);
    expect(parsePipedriveEvent(mergeDelete)).toMatchObject({ event: { kind: 'person.merge' } });
    expect(sandbox.getPerson(b!['id'] as number)).toBeUndefined();
    expect((await api('GET', `/api/v2/persons/${String(b!['id'])}`)).status).toBe(404);
  });

  it('delivers only matching subscriptions and only what the webhook user may see', async () => {
    await start();
    const ben = users().find((u) => u.email === 'ben.novak@acme.test')!;
    const cara = users().find((u) => u.email === 'cara.weber@acme.test')!;
    await subscribe({ event_action: 'create', user_id: ben.id });
    await subscribe({ event_object: 'organization', event_action: 'change' }); // never fires here
    sandbox.createPersons([
      { name: 'Private Cara', owner_id: cara.id, visible_to: 1 },
      { name: 'Private Ben', owner_id: ben.id, visible_to: 1 },
      { name: 'Shared Cara', owner_id: cara.id, visible_to: 3 },
    ]);
    sandbox.logActivity({ type: 'webinar', subject: 'Product webinar', person_id: 1, done: true, due_date: '2026-11-02' });
    await sandbox.flushWebhooks();
    expect(bodies().map((b) => b.data?.['name'])).toEqual(['Private Ben', 'Shared Cara']);
    expect(bodies()[0]!.meta['permitted_user_ids']).toEqual([String(users()[0]!.id), String(ben.id)]);
    expect(sandbox.stats().webhooks).toMatchObject({ notPermitted: 1, eventsDelivered: 2 });
  });

  it('sends activity events with the v2 activity fields', async () => {
    await start();
    await subscribe({ event_object: 'activity', event_action: 'create' });
    const [p] = sandbox.createPersons([{ name: 'Webinar Fan' }]);
    sandbox.logActivity({ type: 'webinar', subject: 'Product webinar', person_id: p!['id'], done: true, due_date: '2026-11-02' });
    await sandbox.flushWebhooks();
    expect(bodies()).toHaveLength(1);
    expect(bodies()[0]!.meta).toMatchObject({ entity: 'activity', action: 'create', change_source: 'app' });
    expect(bodies()[0]!.data).toMatchObject({ type: 'webinar', subject: 'Product webinar', person_id: p!['id'], done: true, due_date: '2026-11-02', deal_id: null, lead_id: null, org_id: null });
  });

  it('retries after 3 s, 30 s and 150 s (× timeScale) with attempt 2..4, then gives up', async () => {
    await start();
    await subscribe({ event_action: 'create' });
    receiver.respondWith(() => 500);
    sandbox.createPersons([{ name: 'Never Delivered' }]);
    await sandbox.flushWebhooks();
    expect(bodies().map((b) => b.meta['attempt'])).toEqual([1, 2, 3, 4]);
    expect(new Set(bodies().map((b) => b.meta['id'])).size).toBe(1);
    const gaps = receiver.deliveries.slice(1).map((d, i) => d.at - receiver.deliveries[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(2); // 3 s × 0.001
    expect(gaps[1]).toBeGreaterThanOrEqual(28); // 30 s × 0.001
    expect(gaps[2]).toBeGreaterThanOrEqual(148); // 150 s × 0.001
    expect(sandbox.stats().webhooks).toMatchObject({ sent: 4, failed: 4, retried: 3, gaveUp: 1, eventsDelivered: 0, pendingEvents: 0 });
    expect(sandbox.webhooks()[0]!.sandbox.banCounter).toBe(1); // failed retries do not count

    receiver.respondWith((n) => (n === 5 ? 503 : 200));
    sandbox.createPersons([{ name: 'Second Try' }]);
    await sandbox.flushWebhooks();
    expect(bodies().slice(4).map((b) => b.meta['attempt'])).toEqual([1, 2]);
    expect(sandbox.webhooks()[0]!.sandbox).toMatchObject({ banCounter: 2, failingSince: null });
  });

  it('bans a webhook for 30 min (× timeScale) after 10 first-attempt failures; events meanwhile are lost', async () => {
    await start({ timeScale: 0.01 }); // retries after 30 ms: the ten first attempts fail before any retry
    const hookId = await subscribe({ event_action: 'create' });
    receiver.respondWith(() => 500);
    sandbox.createPersons(Array.from({ length: 10 }, (_, i) => ({ name: `Failing ${i}` })));
    await sandbox.flushWebhooks();
    const state = sandbox.webhooks().find((w) => w.id === hookId)!.sandbox;
    expect(state).toMatchObject({ banCounter: 10, bannedUntil: clock.now() + 30 * 60_000 * 0.01 });
    expect(sandbox.stats().webhooks).toMatchObject({ bans: 1 });
    expect(bodies().filter((b) => b.meta['attempt'] === 1)).toHaveLength(10);

    const lostBefore = sandbox.stats().webhooks.lostDuringBan;
    const seen = receiver.deliveries.length;
    receiver.respondWith(() => 200);
    sandbox.createPersons([{ name: 'Lost In Ban' }]);
    await sandbox.flushWebhooks();
    expect(receiver.deliveries).toHaveLength(seen);
    expect(sandbox.stats().webhooks.lostDuringBan).toBe(lostBefore + 1);

    clock.advance(30 * 60_000 * 0.01); // the ban is over: reactivated, counter reset
    sandbox.createPersons([{ name: 'After Ban' }]);
    await sandbox.flushWebhooks();
    expect(bodies().at(-1)!.data!['name']).toBe('After Ban');
    expect(sandbox.webhooks()[0]!.sandbox).toMatchObject({ banCounter: 0, bannedUntil: null });
  });

  it('deletes a webhook after 3 days without a successful delivery', async () => {
    await start();
    const hookId = await subscribe({ event_action: 'create' });
    receiver.respondWith(() => 500);
    sandbox.createPersons([{ name: 'Fails Once' }]);
    await sandbox.flushWebhooks();
    clock.advance(3 * 86_400_000 - 1);
    expect(sandbox.webhooks().map((w) => w.id)).toEqual([hookId]);
    clock.advance(1);
    expect(sandbox.webhooks()).toEqual([]);
    expect((await api('GET', '/v1/webhooks')).json['data']).toEqual([]);
    expect(sandbox.stats().webhooks.webhooksRemoved).toBe(1);
    sandbox.createPersons([{ name: 'Nobody Listens' }]);
    await sandbox.flushWebhooks();
    expect(receiver.deliveries).toHaveLength(4);
  });

  it('validates subscriptions: event names, version 2.0 only, 40 per user, API-endpoint URLs', async () => {
    await start();
    const bad = await api('POST', '/v1/webhooks', { subscription_url: 'not a url', event_action: 'updated', event_object: 'persons' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json['errors'] as object).sort()).toEqual(['event_action', 'event_object', 'subscription_url']);
    expect((await api('POST', '/v1/webhooks', { subscription_url: receiver.url, event_action: '*', event_object: '*', version: '1.0' })).status).toBe(400);
    const loop = await api('POST', '/v1/webhooks', { subscription_url: `${url}/v1/users`, event_action: '*', event_object: '*' });
    expect(loop.json['errors']).toEqual({ subscription_url: [expect.stringContaining('API endpoints')] });
    for (let i = 0; i < 40; i++) await subscribe({ name: `hook ${i}` });
    const over = await api('POST', '/v1/webhooks', { subscription_url: receiver.url, event_action: '*', event_object: '*' });
    expect(over.status).toBe(400);
    expect(String(over.json['error'])).toContain('40');
    const list = await api('GET', '/v1/webhooks');
    expect(list.json['data']).toHaveLength(40);
    const first = (list.json['data'] as { id: number }[])[0]!.id;
    expect((await api('DELETE', `/v1/webhooks/${first}`)).json).toEqual({ status: 'ok', success: true });
    expect((await api('DELETE', `/v1/webhooks/${first}`)).status).toBe(404);
  });
});
