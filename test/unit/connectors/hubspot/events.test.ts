import { describe, it, expect } from '@jest/globals';
import { parseHubspotEvents, ownPropertyNames } from '../../../../connectors/hubspot/events.ts';
import { hubspotEventKind } from '../../../../connectors/hubspot/event-kind.ts';
import { PayloadError } from '../../../../src/errors.ts';
import { testConfig } from './fixtures.ts';

const APP_ID = '54321';
const own = ownPropertyNames(testConfig());

function event(over: Record<string, unknown> = {}) {
  return {
    eventId: 1,
    subscriptionId: 12345,
    portalId: 62515,
    appId: 54321,
    occurredAt: 1564113600000,
    subscriptionType: 'contact.creation',
    attemptNumber: 0,
    objectId: 123,
    changeSource: 'CRM',
    changeFlag: 'NEW',
    ...over,
  };
}

function parse(events: unknown, opts: { appId?: string } = { appId: APP_ID }) {
  const body = Buffer.from(typeof events === 'string' ? events : JSON.stringify(events), 'utf8');
  return parseHubspotEvents(body, { ownProperties: own, ...opts });
}

function payloadError(fn: () => unknown): PayloadError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PayloadError);
    return e as PayloadError;
  }
  throw new Error('expected a PayloadError');
}

describe('parseHubspotEvents: normalization', () => {
  it('normalizes the §2.3 v1 vector body (contact.creation)', () => {
    const r = parse([event()]);
    expect(r.ignored).toEqual([]);
    expect(r.events).toHaveLength(1);
    const e = r.events[0]!;
    expect(e).toMatchObject({
      tenant: 'hubspot:62515',
      source: 'hubspot-webhook',
      kind: 'contact.creation',
      objectId: '123',
      occurredAt: 1564113600000,
    });
    expect(e.payload).toEqual(event());
  });

  it('accepts eventType (2023 docs) as well as subscriptionType, and keeps unknown fields', () => {
    const { subscriptionType: _s, ...rest } = event({ subscriptionType: undefined });
    const r = parse([{ ...rest, eventType: 'contact.propertyChange', propertyName: 'jobtitle', propertyValue: 'CFO', brandNew: { x: 1 } }]);
    expect(r.events[0]?.kind).toBe('contact.propertyChange');
    expect((r.events[0]?.payload as Record<string, unknown>).brandNew).toEqual({ x: 1 });
  });

  it('maps legacy contact/company kinds through unchanged', () => {
    const kinds = [
      'contact.creation', 'contact.propertyChange', 'contact.merge', 'contact.deletion', 'contact.privacyDeletion',
      'contact.restore', 'company.creation', 'company.propertyChange', 'company.deletion', 'company.merge', 'company.restore',
    ];
    const r = parse(kinds.map((k, i) => event({ subscriptionType: k, eventId: i })));
    expect(r.events.map((e) => e.kind)).toEqual(kinds);
  });

  it('uses fromObjectId for association changes', () => {
    const r = parse([
      {
        eventId: 7, portalId: 62515, appId: 54321, occurredAt: 1, subscriptionType: 'contact.associationChange',
        associationType: 'CONTACT_TO_COMPANY', fromObjectId: 11, toObjectId: 22, associationRemoved: false, isPrimaryAssociation: true,
      },
    ]);
    expect(r.events[0]).toMatchObject({ kind: 'contact.associationChange', objectId: '11' });
  });

  it('maps generic object.* events by objectTypeId: contacts, companies, engagements', () => {
    const cases: [string, string, string][] = [
      ['object.creation', '0-1', 'contact.creation'],
      ['object.propertyChange', '0-1', 'contact.propertyChange'],
      ['object.merge', '0-2', 'company.merge'],
      ['object.associationChange', '0-2', 'company.associationChange'],
      ['object.creation', '0-48', 'engagement.call.creation'],
      ['object.creation', '0-49', 'engagement.email.creation'],
      ['object.propertyChange', '0-47', 'engagement.meeting.propertyChange'],
      ['object.deletion', '0-46', 'engagement.note.deletion'],
      ['object.creation', '0-27', 'engagement.task.creation'],
    ];
    const r = parse(cases.map(([type, objectTypeId], i) => event({ subscriptionType: type, objectTypeId, eventId: i })));
    expect(r.events.map((e) => e.kind)).toEqual(cases.map((c) => c[2]));
  });

  it('builds one tenant per portal in a mixed batch', () => {
    const r = parse([event({ portalId: 1 }), event({ portalId: '2' })]);
    expect(r.events.map((e) => e.tenant)).toEqual(['hubspot:1', 'hubspot:2']);
  });
});

describe('parseHubspotEvents: skipped events are acknowledged and counted', () => {
  it('unknown kinds: tickets, generic line items, conversations', () => {
    const r = parse([
      event({ subscriptionType: 'ticket.creation' }),
      event({ subscriptionType: 'ticket.creation', eventId: 2 }),
      event({ subscriptionType: 'object.creation', objectTypeId: '0-8' }),
      event({ subscriptionType: 'conversation.newMessage' }),
      event(),
    ]);
    expect(r.events).toHaveLength(1);
    expect(r.ignored).toEqual([
      { reason: 'unknown_kind', kind: 'ticket.creation', count: 2 },
      { reason: 'unknown_kind', kind: 'object.creation:0-8', count: 1 },
      { reason: 'unknown_kind', kind: 'conversation.newMessage', count: 1 },
    ]);
  });

  it('keeps deal events (outcomes): legacy and generic (0-3), association changes keyed by the deal', () => {
    const r = parse([
      event({ subscriptionType: 'deal.creation', objectId: 4000001 }),
      event({ subscriptionType: 'deal.propertyChange', objectId: 4000001, propertyName: 'dealstage', propertyValue: 'closedwon' }),
      event({ subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: 4000002, propertyName: 'amount', propertyValue: '10' }),
      event({ subscriptionType: 'deal.associationChange', objectId: undefined, fromObjectId: 4000003, toObjectId: 1000001, associationType: 'DEAL_TO_CONTACT' }),
    ]);
    expect(r.events.map((e) => [e.kind, e.objectId])).toEqual([
      ['deal.creation', '4000001'], ['deal.propertyChange', '4000001'], ['deal.propertyChange', '4000002'], ['deal.associationChange', '4000003'],
    ]);
    expect(r.ignored).toEqual([]);
  });

  it('echo guard: INTEGRATION changes made by our app id', () => {
    const ours = event({ subscriptionType: 'contact.propertyChange', propertyName: 'hubspot_owner_id', changeSource: 'INTEGRATION', sourceId: '54321' });
    const otherApp = event({ subscriptionType: 'contact.propertyChange', propertyName: 'hubspot_owner_id', changeSource: 'INTEGRATION', sourceId: '999' });
    const user = event({ subscriptionType: 'contact.propertyChange', propertyName: 'hubspot_owner_id', changeSource: 'CRM_UI', sourceId: 'userId:45678' });
    const r = parse([ours, otherApp, user]);
    expect(r.events).toHaveLength(2);
    expect(r.ignored).toEqual([{ reason: 'echo', kind: 'contact.propertyChange', count: 1 }]);
  });

  it('echo guard falls back to the event appId when no app id is configured', () => {
    const r = parse([event({ changeSource: 'INTEGRATION', sourceId: '54321' })], {});
    expect(r.events).toHaveLength(0);
    expect(r.ignored).toEqual([{ reason: 'echo', kind: 'contact.creation', count: 1 }]);
  });

  it('own_property: changes of the properties lead-router writes', () => {
    const config = testConfig({ writeBack: { properties: { score: 'acme_score' } } });
    const body = Buffer.from(
      JSON.stringify([
        event({ subscriptionType: 'contact.propertyChange', propertyName: 'acme_score', propertyValue: '80' }),
        event({ subscriptionType: 'object.propertyChange', objectTypeId: '0-1', propertyName: 'lead_router_priority', propertyValue: 'hot' }),
        event({ subscriptionType: 'contact.propertyChange', propertyName: 'lead_router_score', propertyValue: '1' }),
        event({ subscriptionType: 'company.propertyChange', propertyName: 'acme_score', propertyValue: '1' }),
      ]),
    );
    const r = parseHubspotEvents(body, { ownProperties: ownPropertyNames(config), appId: APP_ID });
    // lead_router_score is no longer ours (renamed to acme_score); companies carry none of ours.
    expect(r.events.map((e) => [e.kind, (e.payload as { propertyName: string }).propertyName])).toEqual([
      ['contact.propertyChange', 'lead_router_score'],
      ['company.propertyChange', 'acme_score'],
    ]);
    expect(r.ignored).toEqual([{ reason: 'own_property', kind: 'contact.propertyChange', count: 2 }]);
  });
});

describe('parseHubspotEvents: dedupe keys', () => {
  it('the same event delivered twice (a retry) gets the same key', () => {
    const a = parse([event({ attemptNumber: 0 })]).events[0]!;
    const b = parse([event({ attemptNumber: 3 })]).events[0]!;
    expect(a.dedupeKey).toBe(b.dedupeKey);
  });

  it('events sharing an eventId but differing in what changed get different keys', () => {
    const base = { subscriptionType: 'contact.propertyChange', eventId: 42, propertyName: 'jobtitle' };
    const keys = new Set(
      parse([
        event({ ...base, propertyValue: 'CFO' }),
        event({ ...base, propertyValue: 'CEO' }),
        event({ ...base, propertyValue: 'CEO', propertyName: 'lifecyclestage' }),
        event({ ...base, propertyValue: 'CEO', objectId: 124 }),
        event({ ...base, propertyValue: 'CEO', occurredAt: 1564113600001 }),
        event({ ...base, propertyValue: 'CEO', portalId: 1 }),
        event({ ...base, propertyValue: 'CEO', subscriptionType: 'company.propertyChange' }),
      ]).events.map((e) => e.dedupeKey),
    );
    expect(keys.size).toBe(7);
  });

  it('keeps keys bounded for long property values', () => {
    const e = parse([event({ subscriptionType: 'contact.propertyChange', propertyName: 'notes', propertyValue: 'x'.repeat(10_000) })]).events[0]!;
    expect(e.dedupeKey.length).toBeLessThan(120);
  });
});

describe('parseHubspotEvents: malformed deliveries', () => {
  it('invalid JSON', () => {
    expect(payloadError(() => parse('[{"eventId":1,')).message).toMatch(/not valid JSON/);
  });

  it('not an array, or empty', () => {
    expect(payloadError(() => parse(event())).message).toMatch(/must be a JSON array/);
    expect(payloadError(() => parse([])).message).toMatch(/empty array/);
  });

  it('more than 100 events: too large (413)', () => {
    const err = payloadError(() => parse(Array.from({ length: 101 }, (_, i) => event({ eventId: i }))));
    expect(err.code).toBe('PAYLOAD_TOO_LARGE');
    expect(err.status).toBe(413);
    expect(err.message).toMatch(/101 events/);
    expect(parse(Array.from({ length: 100 }, (_, i) => event({ eventId: i }))).events).toHaveLength(100);
  });

  it('names the index and field of a bad event', () => {
    const err = payloadError(() => parse([event(), event(), event({ occurredAt: 'yesterday' })]));
    expect(err.code).toBe('PAYLOAD_INVALID');
    expect(err.message).toMatch(/event\[2\]\.occurredAt/);
    expect(payloadError(() => parse([event({ portalId: undefined })])).message).toMatch(/event\[0\]\.portalId/);
    expect(payloadError(() => parse([event({ portalId: 'abc' })])).message).toMatch(/event\[0\]\.portalId/);
  });

  it('requires subscriptionType or eventType', () => {
    expect(payloadError(() => parse([event({ subscriptionType: undefined })])).message).toMatch(/event\[0\]\.subscriptionType.*eventType/);
  });

  it('requires an object id for known kinds, not for unknown ones', () => {
    expect(payloadError(() => parse([event({ objectId: undefined })])).message).toMatch(/event\[0\]\.objectId/);
    expect(parse([event({ objectId: undefined, subscriptionType: 'conversation.creation' })]).ignored).toHaveLength(1);
  });

  it('an array of non-objects', () => {
    expect(payloadError(() => parse([event(), 42])).message).toMatch(/event\[1\]/);
  });
});

describe('hubspotEventKind', () => {
  it('generic events without objectTypeId are unknown', () => {
    expect(hubspotEventKind('object.creation')).toEqual({ known: false, kind: 'object.creation' });
    expect(hubspotEventKind('object.explode', '0-1')).toEqual({ known: false, kind: 'object.explode:0-1' });
  });
});
