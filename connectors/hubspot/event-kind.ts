// Map a HubSpot webhook event type to lead-router's normalized kind (reference §1.1-§1.3).
// Legacy types ("contact.propertyChange") are kept as they are; generic "object.*" types
// carry the object in objectTypeId and are mapped onto the same contact/company/deal kinds, or
// onto "engagement.<type>.<action>" for engagement objects. Anything else is unknown.

const LEGACY_KINDS = new Set([
  'contact.creation',
  'contact.deletion',
  'contact.privacyDeletion',
  'contact.propertyChange',
  'contact.merge',
  'contact.restore',
  'contact.associationChange',
  'company.creation',
  'company.deletion',
  'company.propertyChange',
  'company.merge',
  'company.restore',
  'company.associationChange',
  'deal.creation',
  'deal.deletion',
  'deal.propertyChange',
  'deal.associationChange',
]);

/** Generic subscriptions: object.creation|deletion|merge|restore|propertyChange|associationChange (§1.1). */
const GENERIC_ACTIONS = new Set(['creation', 'deletion', 'privacyDeletion', 'merge', 'restore', 'propertyChange', 'associationChange']);

/** objectTypeId -> object (§1.1: 0-1 contact, 0-2 company; engagement type ids per HubSpot's object type table). */
const OBJECT_TYPES: Record<string, string> = {
  '0-1': 'contact',
  '0-2': 'company',
  '0-3': 'deal',
  '0-27': 'engagement.task',
  '0-46': 'engagement.note',
  '0-47': 'engagement.meeting',
  '0-48': 'engagement.call',
  '0-49': 'engagement.email',
};

export type KindResult = { known: true; kind: string } | { known: false; kind: string };

/**
 * `type` is the event's subscriptionType / eventType. For unknown events the returned kind
 * still names what was received (e.g. "deal.creation", "object.creation:0-3") so the
 * ignored counters say what was skipped.
 */
export function hubspotEventKind(type: string, objectTypeId?: string): KindResult {
  if (LEGACY_KINDS.has(type)) return { known: true, kind: type };
  if (type.startsWith('object.')) {
    const action = type.slice('object.'.length);
    const object = objectTypeId === undefined ? undefined : OBJECT_TYPES[objectTypeId];
    if (object && GENERIC_ACTIONS.has(action)) return { known: true, kind: `${object}.${action}` };
    return { known: false, kind: objectTypeId ? `${type}:${objectTypeId}` : type };
  }
  return { known: false, kind: type };
}

/** Property-change kinds of contacts, the object lead-router writes its properties on. */
export function isContactPropertyChange(kind: string): boolean {
  return kind === 'contact.propertyChange';
}
