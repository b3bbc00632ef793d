import { describe, expect, it } from '@jest/globals';
import { parsePipedriveEvent, readWebhookJson } from '../../../../connectors/pipedrive/events.ts';
import { PayloadError } from '../../../../src/errors.ts';

const SCORE = '1'.repeat(40);
const PRIORITY = '4'.repeat(40);
const INDUSTRY = 'a'.repeat(40);
const own = new Set([SCORE, PRIORITY]);

function v2(meta: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) {
  return {
    meta: {
      action: 'change',
      entity: 'person',
      entity_id: '8',
      id: '2f1e7c2a-6a57-4d4b-9d0e-8b2f0b8f3c11',
      company_id: '8087566',
      user_id: '12415231',
      webhook_id: '4710827',
      timestamp: '2022-11-24T13:18:55.665Z',
      type: 'general',
      version: '2.0',
      change_source: 'app',
      attempt: 1,
      ...meta,
    },
    data: { id: 8, name: 'Ann Smith', owner_id: 5, custom_fields: { [INDUSTRY]: { type: 'enum', id: 11 } } },
    previous: { name: 'Ann' },
    ...rest,
  };
}

function v1(meta: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) {
  return {
    v: 1,
    matches_filters: { current: [] },
    meta: {
      v: 1,
      action: 'updated',
      object: 'person',
      id: 8,
      company_id: 8087566,
      user_id: 12415231,
      host: 'acme.pipedrive.com',
      timestamp: 1669295935,
      timestamp_micro: 1669295935665000,
      webhook_id: '4710827',
      change_source: 'app',
      ...meta,
    },
    retry: 0,
    current: { id: 8, name: 'Ann Smith', owner_id: 5, update_time: '2022-11-24 13:18:55' },
    previous: { id: 8, name: 'Ann', owner_id: 5, update_time: '2022-11-24 13:00:00' },
    event: 'updated.person',
    ...rest,
  };
}

const eventOf = (r: ReturnType<typeof parsePipedriveEvent>) => {
  if (!('event' in r)) throw new Error(`expected an event, got ignored ${JSON.stringify(r.ignored)}`);
  return r.event;
};

describe('webhooks v2 (pipedrive.md §1.2)', () => {
  it('normalizes a person change into an inbox event', () => {
    const body = v2();
    const r = parsePipedriveEvent(body);
    expect(r.companyId).toBe('8087566');
    expect(eventOf(r)).toEqual({
      tenant: 'pipedrive:8087566',
      source: 'pipedrive-webhook',
      dedupeKey: '2f1e7c2a-6a57-4d4b-9d0e-8b2f0b8f3c11',
      kind: 'person.change',
      objectId: '8',
      occurredAt: Date.parse('2022-11-24T13:18:55.665Z'),
      payload: body,
    });
  });

  it.each([
    ['person', 'create', 'person.create'],
    ['person', 'delete', 'person.delete'],
    ['organization', 'change', 'organization.change'],
    ['activity', 'create', 'activity.create'],
    ['lead', 'change', 'lead.change'],
  ])('%s %s -> %s', (entity, action, kind) => {
    const data = action === 'delete' ? null : { id: 3 };
    const previous = action === 'create' ? null : { id: 3 };
    expect(eventOf(parsePipedriveEvent(v2({ entity, action, entity_id: '3' }, { data, previous }))).kind).toBe(kind);
  });

  it('keys Leads-Inbox lead rows by their person (the lead is routed through it); the lead id stays in meta', () => {
    const lead = '7b6c9a3e-0d1f-4c2a-9e8b-1a2b3c4d5e6f';
    const create = eventOf(parsePipedriveEvent(v2({ entity: 'lead', action: 'create', entity_id: lead }, { data: { id: lead, person_id: 8, owner_id: 5 }, previous: null })));
    expect(create).toMatchObject({ kind: 'lead.create', objectId: '8' });
    expect((create.payload as { meta: { entity_id: string } }).meta.entity_id).toBe(lead);
    const orgOnly = eventOf(parsePipedriveEvent(v2({ entity: 'lead', action: 'create', entity_id: lead }, { data: { id: lead, person_id: null, organization_id: 3 }, previous: null })));
    expect(orgOnly.objectId).toBe(lead);
    const deleted = eventOf(parsePipedriveEvent(v2({ entity: 'lead', action: 'delete', entity_id: lead }, { data: null, previous: { id: lead, person_id: 8 } })));
    expect(deleted.objectId).toBe(lead);
  });

  it('reads epoch-second and epoch-ms timestamps', () => {
    expect(eventOf(parsePipedriveEvent(v2({ timestamp: 1669304389 }))).occurredAt).toBe(1669304389000);
    expect(eventOf(parsePipedriveEvent(v2({ timestamp: '1669304389123' }))).occurredAt).toBe(1669304389123);
  });

  it('turns a delete with merged_to_id into person.merge, keeping merged_to_id in the payload', () => {
    const body = v2({ action: 'delete', merged_to_id: '9' }, { data: null, previous: { id: 8, name: 'Ann' } });
    const e = eventOf(parsePipedriveEvent(body));
    expect(e.kind).toBe('person.merge');
    expect(e.objectId).toBe('8');
    expect((e.payload as { meta: { merged_to_id?: string } }).meta.merged_to_id).toBe('9');
  });

  it('ignores entities lead-router does not process as unknown_kind', () => {
    expect(parsePipedriveEvent(v2({ entity: 'note' }))).toEqual({ companyId: '8087566', ignored: { reason: 'unknown_kind', kind: 'note.change' } });
    expect(parsePipedriveEvent(v2({ entity: 'user', entity_id: '1' }, { data: [{ id: 1 }] }))).toMatchObject({ ignored: { reason: 'unknown_kind' } });
  });

  describe('echo guard ("must do" 5)', () => {
    const echo = (previous: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
      parsePipedriveEvent(v2({ change_source: 'api', ...meta }, { previous }), { ownFieldCodes: own });

    it('ignores an API change of only owner_id, our fields and update_time', () => {
      expect(echo({ owner_id: 4, update_time: '2022-11-24T13:00:00Z', custom_fields: { [SCORE]: { type: 'double', value: 40 }, [PRIORITY]: null } })).toEqual({
        companyId: '8087566',
        ignored: { reason: 'echo', kind: 'person.change' },
      });
    });

    it('keeps the event when another field changed too', () => {
      expect('event' in echo({ owner_id: 4, name: 'Ann' })).toBe(true);
      expect('event' in echo({ custom_fields: { [SCORE]: { type: 'double', value: 1 }, [INDUSTRY]: { type: 'enum', id: 12 } } })).toBe(true);
    });

    it('keeps changes made in the app, and changes to entities lead-router never writes', () => {
      expect('event' in echo({ owner_id: 4 }, { change_source: 'app' })).toBe(true);
      expect('event' in echo({ owner_id: 4 }, { entity: 'organization' })).toBe(true);
    });

    it('without our field hashes, only owner/update_time changes are echoes', () => {
      const r = parsePipedriveEvent(v2({ change_source: 'api' }, { previous: { custom_fields: { [SCORE]: { type: 'double', value: 1 } } } }));
      expect('event' in r).toBe(true);
    });
  });

  describe('malformed payloads', () => {
    it.each([
      ['not an object', [1, 2], 'must be a JSON object'],
      ['no meta', { data: {} }, 'no "meta" object'],
      ['a missing event id', v2({ id: undefined }), 'Pipedrive webhook v2: meta.id'],
      ['a missing entity_id', v2({ entity_id: undefined }), 'meta.entity_id'],
      ['a non-numeric company id', v2({ company_id: 'acme' }), 'meta.company_id: must be a numeric company id'],
      ['an unreadable timestamp', v2({ timestamp: 'yesterday' }), 'meta.timestamp "yesterday" is neither ISO 8601 nor epoch'],
      ['data that is not an object', v2({}, { data: 'x' }), 'Pipedrive webhook v2 person.change: data'],
      ['an unsupported version', v2({ version: '3.0' }), 'meta.version "3.0" is not supported'],
    ])('%s -> PayloadError naming the problem', (_what, body, message) => {
      expect(() => parsePipedriveEvent(body)).toThrow(PayloadError);
      expect(() => parsePipedriveEvent(body)).toThrow(message);
    });

    it('rejects bodies that are not JSON', () => {
      expect(() => readWebhookJson(Buffer.from('{"meta":'))).toThrow(/not valid JSON/);
      expect(() => readWebhookJson(Buffer.from('  '))).toThrow(/empty/);
      expect(readWebhookJson(Buffer.from('{"a":1}'))).toEqual({ a: 1 });
    });
  });
});

describe('webhooks v1 (legacy, pipedrive.md §1.3)', () => {
  it('normalizes updated.person to person.change with a composite dedupe key', () => {
    const body = v1();
    expect(eventOf(parsePipedriveEvent(body))).toEqual({
      tenant: 'pipedrive:8087566',
      source: 'pipedrive-webhook',
      dedupeKey: 'v1:person:8:updated:1669295935:4710827',
      kind: 'person.change',
      objectId: '8',
      occurredAt: 1669295935000,
      payload: body,
    });
  });

  it.each([
    ['added', 'person.create'],
    ['deleted', 'person.delete'],
    ['merged', 'person.merge'],
  ])('maps %s to %s', (action, kind) => {
    expect(eventOf(parsePipedriveEvent(v1({ action }))).kind).toBe(kind);
  });

  it('gives retries of the same delivery the same dedupe key, other deliveries other keys', () => {
    const a = eventOf(parsePipedriveEvent(v1({}, { retry: 0 }))).dedupeKey;
    expect(eventOf(parsePipedriveEvent(v1({}, { retry: 2 }))).dedupeKey).toBe(a);
    expect(eventOf(parsePipedriveEvent(v1({ timestamp: 1669295999 }))).dedupeKey).not.toBe(a);
    expect(eventOf(parsePipedriveEvent(v1({ action: 'added' }))).dedupeKey).not.toBe(a);
  });

  it('treats an API update that changed only owner and our fields as an echo (full objects are diffed)', () => {
    const body = v1(
      { change_source: 'api' },
      {
        current: { id: 8, name: 'Ann', owner_id: { id: 6 }, owner_name: 'Bob', [SCORE]: 80, update_time: 'b' },
        previous: { id: 8, name: 'Ann', owner_id: { id: 5 }, owner_name: 'Anna', [SCORE]: 40, update_time: 'a' },
      },
    );
    expect(parsePipedriveEvent(body, { ownFieldCodes: own })).toMatchObject({ ignored: { reason: 'echo', kind: 'person.change' } });
    const changedName = v1({ change_source: 'api' });
    expect('event' in parsePipedriveEvent(changedName, { ownFieldCodes: own })).toBe(true);
  });

  it('keeps deal events (outcomes), keyed by the deal, whoever made them', () => {
    const e = eventOf(parsePipedriveEvent(v2({ entity: 'deal', entity_id: '1000001', change_source: 'api' }, { data: { id: 1000001, status: 'won', person_id: 8 }, previous: { status: 'open' } }), { ownFieldCodes: own }));
    expect([e.kind, e.objectId]).toEqual(['deal.change', '1000001']);
  });

  it('ignores v1 objects lead-router does not process', () => {
    expect(parsePipedriveEvent(v1({ object: 'note' }, { event: 'updated.note' }))).toMatchObject({ ignored: { reason: 'unknown_kind', kind: 'note.change' } });
  });

  it('rejects a malformed v1 body with the field named', () => {
    expect(() => parsePipedriveEvent(v1({ id: undefined }))).toThrow('Pipedrive webhook v1: meta.id');
    expect(() => parsePipedriveEvent({ ...v1(), event: undefined })).toThrow('Pipedrive webhook v1: event');
    expect(() => parsePipedriveEvent(v1({}, { current: 'x' }))).toThrow('Pipedrive webhook v1 person.change: current');
  });
});
