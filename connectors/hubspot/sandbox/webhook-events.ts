// Turns store changes into webhook events for the app's subscriptions (payload fields:
// shared/reference/hubspot.md §1.2; generic object.* events and objectTypeIds: §1.1).
import { OBJECT_TYPE_IDS } from './association-store.ts';
import type { CrmChange } from './crm-store.ts';
import type { SubscriptionOptions, SubscriptionType } from './types.ts';

export interface WebhookEvent {
  eventId: number;
  subscriptionId: number;
  portalId: number;
  appId: number;
  occurredAt: number;
  subscriptionType: string;
  attemptNumber: number;
  objectId: number;
  changeSource: string;
  sourceId: string;
  changeFlag?: string;
  objectTypeId?: string;
  propertyName?: string;
  propertyValue?: string;
  associationType?: string;
  fromObjectId?: number;
  toObjectId?: number;
  associationRemoved?: boolean;
  isPrimaryAssociation?: boolean;
  primaryObjectId?: number;
  mergedObjectIds?: number[];
  newObjectId?: number;
  numberOfPropertiesMoved?: number;
}

/** Subscribed by default: what lead-router consumes (engagement creations arrive as object.creation). */
export const DEFAULT_EVENT_TYPES: SubscriptionType[] = [
  'contact.creation', 'contact.deletion', 'contact.merge', 'contact.associationChange', 'company.associationChange', 'object.creation',
  'deal.creation', 'deal.associationChange',
];
/** Default property subscriptions: scoring inputs, never the properties the app writes (§ checklist 4), and
 *  what lead-router follows of the lead's fate (owner, lead status, lifecycle stage: the app manifest's). */
export const DEFAULT_CONTACT_PROPERTIES = ['email', 'firstname', 'lastname', 'jobtitle', 'company', 'phone', 'country', 'city', 'zip',
  'industry', 'hs_email_open', 'hs_email_click', 'hs_analytics_num_page_views', 'num_conversion_events', 'hs_lead_status', 'lifecyclestage',
  'hubspot_owner_id'];
/** Deal outcomes: the stage (won / lost), the amount and the close date. */
export const DEFAULT_DEAL_PROPERTIES = ['dealstage', 'amount', 'closedate'];
export const DEFAULT_COMPANY_PROPERTIES = ['name', 'domain', 'industry', 'numberofemployees', 'annualrevenue', 'country', 'city', 'zip'];
// §1.3: these two can never be subscribed.
const UNSUBSCRIBABLE = new Set(['num_unique_conversion_events', 'hs_lastmodifieddate']);

const SINGULAR: Record<string, string> = { contacts: 'contact', companies: 'company', deals: 'deal' };

export interface WebhookEventFactory {
  toEvents(change: CrmChange): WebhookEvent[];
}

export function createWebhookEventFactory(opts: {
  portalId: number;
  appId: number;
  subscriptions: SubscriptionOptions | undefined;
  now: () => number;
}): WebhookEventFactory {
  const eventTypes = new Set<string>(opts.subscriptions?.eventTypes ?? DEFAULT_EVENT_TYPES);
  const watched: Record<string, Set<string>> = {
    contact: new Set((opts.subscriptions?.contactProperties ?? DEFAULT_CONTACT_PROPERTIES).filter((p) => !UNSUBSCRIBABLE.has(p))),
    company: new Set((opts.subscriptions?.companyProperties ?? DEFAULT_COMPANY_PROPERTIES).filter((p) => !UNSUBSCRIBABLE.has(p))),
    deal: new Set((opts.subscriptions?.dealProperties ?? DEFAULT_DEAL_PROPERTIES).filter((p) => !UNSUBSCRIBABLE.has(p))),
  };
  // One subscription id per subscription (type, and property for propertyChange), stable for the run.
  const subscriptionIds = new Map<string, number>();
  const subscriptionId = (k: string): number => {
    if (!subscriptionIds.has(k)) subscriptionIds.set(k, 1_100_000 + subscriptionIds.size + 1);
    return subscriptionIds.get(k) as number;
  };
  let nextEventId = 100;

  function event(subscriptionType: string, objectId: string, origin: { changeSource: string; sourceId: string }, extra: Partial<WebhookEvent>, subKey = subscriptionType): WebhookEvent {
    return {
      eventId: nextEventId++, subscriptionId: subscriptionId(subKey), portalId: opts.portalId, appId: opts.appId,
      occurredAt: opts.now(), subscriptionType, attemptNumber: 0, objectId: Number(objectId),
      changeSource: origin.changeSource, sourceId: origin.sourceId, ...extra,
    };
  }

  function toEvents(change: CrmChange): WebhookEvent[] {
    if (change.kind === 'dealAssociationChange') {
      if (!eventTypes.has('deal.associationChange')) return [];
      return [event('deal.associationChange', change.dealId, change.origin, {
        associationType: 'DEAL_TO_CONTACT', fromObjectId: Number(change.dealId), toObjectId: Number(change.contactId), associationRemoved: change.removed, isPrimaryAssociation: false,
      })];
    }
    if (change.kind === 'associationChange') {
      const flags = { associationRemoved: change.removed, isPrimaryAssociation: change.primary };
      const out: WebhookEvent[] = [];
      if (eventTypes.has('contact.associationChange')) out.push(event('contact.associationChange', change.contactId, change.origin,
        { associationType: 'CONTACT_TO_COMPANY', fromObjectId: Number(change.contactId), toObjectId: Number(change.companyId), ...flags }));
      if (eventTypes.has('company.associationChange')) out.push(event('company.associationChange', change.companyId, change.origin,
        { associationType: 'COMPANY_TO_CONTACT', fromObjectId: Number(change.companyId), toObjectId: Number(change.contactId), ...flags }));
      return out;
    }
    const singular = SINGULAR[change.type];
    if (!singular) {
      // engagements: generic object.* subscriptions with the raw objectTypeId (§1.1)
      if (change.kind !== 'creation' || !eventTypes.has('object.creation')) return [];
      const objectTypeId = OBJECT_TYPE_IDS[change.type];
      return [event('object.creation', change.id, change.origin, { objectTypeId, changeFlag: 'NEW' }, `object.creation:${objectTypeId}`)];
    }
    switch (change.kind) {
      case 'creation': {
        const type = `${singular}.creation`;
        return eventTypes.has(type) ? [event(type, change.id, change.origin, { changeFlag: 'NEW' })] : [];
      }
      case 'deletion': {
        const type = `${singular}.deletion`;
        return eventTypes.has(type) ? [event(type, change.id, change.origin, { changeFlag: 'DELETED' })] : [];
      }
      case 'propertyChange': {
        if (!watched[singular]?.has(change.name)) return [];
        const type = `${singular}.propertyChange`;
        return [event(type, change.id, change.origin, { propertyName: change.name, propertyValue: change.value }, `${type}:${change.name}`)];
      }
      case 'merge': {
        const type = `${singular}.merge`;
        if (!eventTypes.has(type)) return [];
        return [event(type, change.newObjectId, change.origin, {
          primaryObjectId: Number(change.primaryObjectId), mergedObjectIds: change.mergedObjectIds.map(Number),
          newObjectId: Number(change.newObjectId), numberOfPropertiesMoved: change.numberOfPropertiesMoved,
        })];
      }
    }
  }

  return { toEvents };
}
