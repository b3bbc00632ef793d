// The one source of truth for what lead-router asks of HubSpot: OAuth scopes, webhook
// subscriptions and the backend paths HubSpot calls. The OAuth install URL (oauth.ts), the
// generated developer-platform project (connectors/hubspot/app/, `npm run hubspot:project`)
// and the tests all read from here, so the listing cannot drift from what the connector uses.
import type { LeadRouterConfig } from '../../../src/config/schema.ts';
import { HUBSPOT_BEHAVIOUR_COUNTERS } from '../interpret.ts';
import { CRM_TRUTH_PROPERTIES } from '../crm-truth.ts';
import { planHubspotProperties, CREATED_PROPERTY, MERGED_IDS_PROPERTY, OWNER_PROPERTY } from '../mapping.ts';

/**
 * Scopes every install needs (reference hubspot.md §3 "Scopes this app needs"): contacts
 * read/write (scores, owner), companies read (company fields, fan-out), owners read (routing),
 * schemas read/write (create the lead-router property group and properties). Engagement
 * objects (calls, meetings, emails) are read with the contacts scope; their content is never
 * read, so `sales-email-read` is not requested. Deals read: outcomes (stage, amount, close date,
 * their contacts; the deal pipelines API is read with it). The install fails if the authorize URL asks
 * for a scope the app does not declare (§3), so the URL requests exactly this list.
 */
export const HUBSPOT_REQUIRED_SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.owners.read',
  'crm.objects.deals.read',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
] as const;

/**
 * Optional: `crm.lists.write` adds nurtured contacts to a static list (config
 * nurture.programs[].hubspot.listId, PUT /crm/v3/lists/{id}/memberships/add). Only tenants whose
 * config names a list need it; without it those memberships fail per lead with a message naming
 * the scope, and everything else works.
 */
export const HUBSPOT_OPTIONAL_SCOPES: readonly string[] = ['crm.lists.write'];

/** Paths on lead-router's public base URL that HubSpot calls. */
export const HUBSPOT_APP_PATHS = {
  webhook: '/webhooks/hubspot',
  oauthCallback: '/oauth/hubspot/callback',
  /** Score card backend (hubspot.fetch): GET <card>/:objectId, POST .../feedback, POST .../rescore. */
  card: '/hubspot/card',
  /** The admin console (served by lead-router under /admin). */
  admin: '/admin',
  /** Settings page hand-off (hubspot.fetch, POST): answers a one-time console link for the signed portal. */
  consoleHandoff: '/hubspot/console-handoff',
} as const;

/**
 * §1.3: HubSpot defaults to 10 in-flight requests per installing account; the setting must be
 * greater than five.
 */
export const WEBHOOK_MAX_CONCURRENT_REQUESTS = 10;

/** Deal properties whose changes can change an outcome (read-deals.ts: won / lost, value, close date). */
export const DEAL_OUTCOME_PROPERTIES = ['amount', 'closedate', 'dealstage'] as const;

/** Engagement objects whose creation is a rep's first touch (interpret.ts TOUCH_TYPES). */
export const TOUCH_OBJECT_TYPES = ['call', 'meeting', 'email'] as const;

export interface LegacySubscription {
  subscriptionType: string;
  propertyName?: string;
  active: boolean;
}
export interface ObjectSubscription {
  subscriptionType: string;
  objectType: string;
  active: boolean;
}
export interface HubspotSubscriptions {
  crmObjects: ObjectSubscription[];
  legacyCrmObjects: LegacySubscription[];
  hubEvents: LegacySubscription[];
}

/**
 * The subscriptions the connector interprets (event-kind.ts, interpret.ts) for a config.
 * Property changes are one subscription per property (§1.3). The properties lead-router writes
 * are never subscribed (checklist 4: no feedback loops). The owner, lifecycle stage and lead
 * status are (open leads follow the CRM, CRM_TRUTH_PROPERTIES): our own owner writes are dropped
 * at parse (INTEGRATION + our appId) and, failing that, recognised as the owner we recorded
 * (src/outcomes/apply-crm-truth.ts). Neither are subscribed the
 * properties HubSpot refuses (`hs_lastmodifieddate`, `num_unique_conversion_events`, §1.3).
 */
export function hubspotSubscriptions(config: LeadRouterConfig): HubspotSubscriptions {
  const plan = planHubspotProperties(config);
  const own = new Set<string>([...Object.values(plan.written), CREATED_PROPERTY, MERGED_IDS_PROPERTY]);
  const refused = new Set(['hs_lastmodifieddate', 'num_unique_conversion_events']);
  const wanted = (p: string) => !own.has(p) && !refused.has(p);
  const contactProps = new Set<string>();
  const companyProps = new Set<string>();
  for (const f of plan.fields) (f.object === 'company' ? companyProps : contactProps).add(f.property);
  for (const p of Object.keys(HUBSPOT_BEHAVIOUR_COUNTERS)) contactProps.add(p);
  for (const p of CRM_TRUTH_PROPERTIES) contactProps.add(p);
  // The company owner is only a routing input (account owner), read with the company.
  companyProps.delete(OWNER_PROPERTY);
  const sorted = (s: Set<string>) => [...s].filter(wanted).sort();
  const on = (subscriptionType: string, propertyName?: string): LegacySubscription =>
    propertyName === undefined ? { subscriptionType, active: true } : { subscriptionType, propertyName, active: true };
  return {
    crmObjects: TOUCH_OBJECT_TYPES.map((objectType) => ({ subscriptionType: 'object.creation', objectType, active: true })),
    legacyCrmObjects: [
      on('contact.creation'),
      on('contact.deletion'),
      on('contact.merge'),
      on('contact.restore'),
      on('contact.associationChange'),
      ...sorted(contactProps).map((p) => on('contact.propertyChange', p)),
      ...sorted(companyProps).map((p) => on('company.propertyChange', p)),
      // Outcomes: a new deal, a deal linked to a contact, its stage / amount / close date.
      on('deal.creation'),
      on('deal.associationChange'),
      ...DEAL_OUTCOME_PROPERTIES.map((p) => on('deal.propertyChange', p)),
    ],
    hubEvents: [on('contact.privacyDeletion')],
  };
}
