// Parse an (already authenticated) HubSpot webhook body into inbox events (reference §1.2,
// §1.3, checklist 3-4). The body is a JSON array of 1..100 events; unknown kinds and our own
// echoes are acknowledged and counted, never rejected (HubSpot retries every 4xx/5xx).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ParsedDelivery } from '../../src/crm/types.ts';
import type { InboxEventInput, TenantKey } from '../../src/store/types.ts';
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import { PayloadError } from '../../src/errors.ts';
import { hubspotEventKind, isContactPropertyChange } from './event-kind.ts';
import { hubspotTenant } from './tenant.ts';
import { writtenProperties } from '../../src/crm/written-properties.ts';

/** §1.3: "Each request can contain up to 100 events". */
export const MAX_EVENTS_PER_DELIVERY = 100;
export const HUBSPOT_WEBHOOK_SOURCE = 'hubspot-webhook';

const numericId = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a numeric id')]);
const anyId = z.union([z.number(), z.string().min(1)]);

// §1.2 fields. Ids arrive as numbers in practice; numeric strings are accepted too.
// Unknown fields pass through untouched (they stay in the stored payload).
export const hubspotEventSchema = z
  .looseObject({
    eventId: anyId.optional(),
    subscriptionId: anyId.optional(),
    portalId: numericId,
    appId: anyId.optional(),
    occurredAt: z.number().int().nonnegative(), // epoch ms (§1.2)
    subscriptionType: z.string().min(1).optional(),
    eventType: z.string().min(1).optional(), // the 2023 doc's name for subscriptionType: accept both
    attemptNumber: z.number().int().nonnegative().optional(),
    objectId: numericId.optional(),
    objectTypeId: z.string().min(1).optional(), // generic object.* events: "0-1", "0-2", ...
    propertyName: z.string().optional(),
    propertyValue: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    changeSource: z.string().optional(),
    changeFlag: z.string().optional(),
    sourceId: z.union([z.string(), z.number()]).optional(),
    primaryObjectId: numericId.optional(),
    newObjectId: numericId.optional(),
    mergedObjectIds: z.array(numericId).optional(),
    associationType: z.string().optional(),
    fromObjectId: numericId.optional(),
    toObjectId: numericId.optional(),
    associationRemoved: z.boolean().optional(),
    isPrimaryAssociation: z.boolean().optional(),
  })
  .refine((e) => e.subscriptionType !== undefined || e.eventType !== undefined, {
    message: 'needs subscriptionType (or eventType)',
    path: ['subscriptionType'],
  });

export type HubspotEvent = z.infer<typeof hubspotEventSchema>;

export interface ParseHubspotEventsOptions {
  /** Our HubSpot app id; defaults to each event's own appId (the app the subscription belongs to). */
  appId?: string;
  /** Contact properties lead-router writes: their change events are our own echoes. */
  ownProperties: ReadonlySet<string> | ((tenant: TenantKey) => ReadonlySet<string>);
}

/** The contact properties lead-router writes (config.writeBack.properties values, the win probability). */
export function ownPropertyNames(config: LeadRouterConfig): Set<string> {
  return new Set(Object.values(writtenProperties(config)));
}

/** Add one skipped event to the ignored counters, grouped by (reason, kind). */
export function countIgnored(ignored: ParsedDelivery['ignored'], reason: string, kind: string): void {
  const row = ignored.find((r) => r.reason === reason && r.kind === kind);
  if (row) row.count += 1;
  else ignored.push({ reason, kind, count: 1 });
}

function decodeBody(rawBody: Buffer): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(rawBody.toString('utf8'));
  } catch (e) {
    throw new PayloadError(`HubSpot webhook body is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new PayloadError('HubSpot webhook body must be a JSON array of events (reference §1.2)');
  if (data.length === 0) throw new PayloadError('HubSpot webhook body is an empty array; expected 1..100 events');
  if (data.length > MAX_EVENTS_PER_DELIVERY) {
    throw new PayloadError(
      `HubSpot webhook body has ${data.length} events; HubSpot sends at most ${MAX_EVENTS_PER_DELIVERY} per request (reference §1.3)`,
      'PAYLOAD_TOO_LARGE',
    );
  }
  return data;
}

function validate(item: unknown, index: number): HubspotEvent {
  const parsed = hubspotEventSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue && issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
  throw new PayloadError(`HubSpot webhook event[${index}]${field}: ${issue?.message ?? 'invalid event'}`);
}

function str(v: string | number | boolean | null | undefined): string | null {
  return v === undefined || v === null ? null : String(v);
}

/**
 * Composite dedupe key (checklist 3): eventId alone is "not guaranteed to be unique" (§1.2),
 * so the key covers what makes two events the same change. Hashed to keep it bounded
 * (property values can be long); the readable prefix helps when debugging the inbox.
 */
function dedupeKeyOf(e: HubspotEvent, type: string, objectId: string): string {
  const parts = [
    String(e.portalId), type, e.objectTypeId ?? null, objectId, e.propertyName ?? null, str(e.propertyValue),
    e.occurredAt, str(e.eventId), str(e.toObjectId), e.associationType ?? null, e.associationRemoved ?? null,
    e.isPrimaryAssociation ?? null, str(e.primaryObjectId),
  ];
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  return `${type}:${objectId}:${e.occurredAt}:${digest}`;
}

/** Echo guard (§1.2, checklist 4): a write made by this very app. */
function isOwnWrite(e: HubspotEvent, appId: string | undefined): boolean {
  const ours = appId ?? str(e.appId);
  return e.changeSource === 'INTEGRATION' && ours !== null && str(e.sourceId) === ours;
}

/** Parse and normalize one delivery. Throws PayloadError for malformed bodies. */
export function parseHubspotEvents(rawBody: Buffer, opts: ParseHubspotEventsOptions): ParsedDelivery {
  const items = decodeBody(rawBody);
  const events: InboxEventInput[] = [];
  const ignored: ParsedDelivery['ignored'] = [];
  items.forEach((item, index) => {
    const e = validate(item, index);
    const type = (e.subscriptionType ?? e.eventType) as string;
    const kind = hubspotEventKind(type, e.objectTypeId);
    if (!kind.known) return countIgnored(ignored, 'unknown_kind', kind.kind);
    // Association changes name the record in fromObjectId (§1.2).
    const objectId = str(e.objectId ?? e.fromObjectId);
    if (objectId === null) throw new PayloadError(`HubSpot webhook event[${index}].objectId: required for ${type}`);
    if (isOwnWrite(e, opts.appId)) return countIgnored(ignored, 'echo', kind.kind);
    const own = typeof opts.ownProperties === 'function' ? opts.ownProperties(hubspotTenant(e.portalId)) : opts.ownProperties;
    if (isContactPropertyChange(kind.kind) && e.propertyName !== undefined && own.has(e.propertyName)) {
      return countIgnored(ignored, 'own_property', kind.kind);
    }
    events.push({
      tenant: hubspotTenant(e.portalId),
      source: HUBSPOT_WEBHOOK_SOURCE,
      dedupeKey: dedupeKeyOf(e, type, objectId),
      kind: kind.kind,
      objectId,
      occurredAt: e.occurredAt,
      payload: item,
    });
  });
  return { events, ignored };
}
