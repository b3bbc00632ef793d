// Built-in ("hubspotDefined") property definitions per object type. Only the properties lead-router
// touches are modelled; anything else must be created through the properties API, as in a real
// portal where writing an unknown property fails with PROPERTY_DOESNT_EXIST.
// Names and types: shared/reference/hubspot.md §6 "Properties" and §8 "Contact properties".
import type { CrmObjectType } from './types.ts';

export type PropertyType = 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool';
export const PROPERTY_TYPES: readonly PropertyType[] = ['string', 'number', 'date', 'datetime', 'enumeration', 'bool'];
// §6: valid fieldType values.
export const FIELD_TYPES = ['text', 'textarea', 'date', 'file', 'number', 'select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation', 'phonenumber', 'html'] as const;

export interface PropertyOption { label: string; value: string; displayOrder: number; hidden: boolean; description?: string }

export interface PropertyDefinition {
  name: string;
  label: string;
  type: PropertyType;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hubspotDefined: boolean;
  /** Values are computed by HubSpot (ids, timestamps); writes fail with READ_ONLY_VALUE. */
  readOnlyValue: boolean;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  calculated: boolean;
  createdAt: string;
  updatedAt: string;
}

type Spec = [name: string, label: string, type: PropertyType, fieldType: string, group: string, extra?: Partial<PropertyDefinition>];

function options(values: [string, string][]): PropertyOption[] {
  return values.map(([value, label], displayOrder) => ({ label, value, displayOrder, hidden: false }));
}

const LEAD_STATUS = options([['NEW', 'New'], ['OPEN', 'Open'], ['IN_PROGRESS', 'In Progress'], ['OPEN_DEAL', 'Open Deal'],
  ['UNQUALIFIED', 'Unqualified'], ['ATTEMPTED_TO_CONTACT', 'Attempted to Contact'], ['CONNECTED', 'Connected'], ['BAD_TIMING', 'Bad Timing']]);
const LIFECYCLE = options([['subscriber', 'Subscriber'], ['lead', 'Lead'], ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  ['salesqualifiedlead', 'Sales Qualified Lead'], ['opportunity', 'Opportunity'], ['customer', 'Customer'], ['evangelist', 'Evangelist'], ['other', 'Other']]);
const READ_ONLY = { readOnlyValue: true } as const;
// Original traffic source: set by HubSpot's analytics on the contact's first visit / creation;
// seeded by the sandbox's admin helpers like the other calculated analytics properties.
const SOURCES = options([['ORGANIC_SEARCH', 'Organic Search'], ['PAID_SEARCH', 'Paid Search'], ['EMAIL_MARKETING', 'Email Marketing'],
  ['SOCIAL_MEDIA', 'Organic Social'], ['REFERRALS', 'Referrals'], ['OTHER_CAMPAIGNS', 'Other Campaigns'], ['DIRECT_TRAFFIC', 'Direct Traffic'],
  ['OFFLINE', 'Offline Sources'], ['PAID_SOCIAL', 'Paid Social'], ['AI_REFERRALS', 'AI Referrals']]);
// hubspot_owner_id is an enumeration whose options are the portal's owners; validated against the
// owner directory (owner `id`, never `userId`: §6 "Owners").
const OWNER: Spec[5] = { options: [] };

const CONTACT: Spec[] = [
  ['email', 'Email', 'string', 'text', 'contactinformation', { hasUniqueValue: true }],
  ['firstname', 'First Name', 'string', 'text', 'contactinformation'],
  ['lastname', 'Last Name', 'string', 'text', 'contactinformation'],
  ['jobtitle', 'Job Title', 'string', 'text', 'contactinformation'],
  ['company', 'Company Name', 'string', 'text', 'contactinformation'],
  ['phone', 'Phone Number', 'string', 'phonenumber', 'contactinformation'],
  ['country', 'Country/Region', 'string', 'text', 'contactinformation'],
  ['city', 'City', 'string', 'text', 'contactinformation'],
  ['zip', 'Postal Code', 'string', 'text', 'contactinformation'],
  ['industry', 'Industry', 'string', 'text', 'contactinformation'],
  ['hs_email_open', 'Marketing emails opened', 'number', 'number', 'emailinformation', { calculated: true }],
  ['hs_email_click', 'Marketing emails clicked', 'number', 'number', 'emailinformation', { calculated: true }],
  ['hs_analytics_num_page_views', 'Number of Pageviews', 'number', 'number', 'analyticsinformation', { calculated: true }],
  ['num_conversion_events', 'Number of Form Submissions', 'number', 'number', 'conversioninformation', { calculated: true }],
  ['hs_analytics_source', 'Original Traffic Source', 'enumeration', 'select', 'analyticsinformation', { calculated: true, options: SOURCES }],
  ['hubspot_owner_id', 'Contact owner', 'enumeration', 'select', 'sales_properties', OWNER],
  ['hs_lead_status', 'Lead Status', 'enumeration', 'radio', 'sales_properties', { options: LEAD_STATUS }],
  ['lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', 'contactinformation', { options: LIFECYCLE }],
  ['createdate', 'Create Date', 'datetime', 'date', 'contactinformation'],
  ['lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'contactinformation', READ_ONLY],
  ['hs_object_id', 'Record ID', 'number', 'number', 'contactinformation', READ_ONLY],
  ['hs_merged_object_ids', 'Merged Contact IDs', 'enumeration', 'checkbox', 'contactinformation', READ_ONLY],
];

const COMPANY: Spec[] = [
  ['name', 'Company name', 'string', 'text', 'companyinformation'],
  ['domain', 'Company Domain Name', 'string', 'text', 'companyinformation'],
  // Real portals model company industry as a ~150-value enumeration; kept a string here so
  // admins can seed free text (see README deviations).
  ['industry', 'Industry', 'string', 'text', 'companyinformation'],
  ['numberofemployees', 'Number of Employees', 'number', 'number', 'companyinformation'],
  ['annualrevenue', 'Annual Revenue', 'number', 'number', 'companyinformation'],
  ['country', 'Country/Region', 'string', 'text', 'companyinformation'],
  ['city', 'City', 'string', 'text', 'companyinformation'],
  ['zip', 'Postal Code', 'string', 'text', 'companyinformation'],
  ['hubspot_owner_id', 'Company owner', 'enumeration', 'select', 'companyinformation', OWNER],
  ['createdate', 'Create Date', 'datetime', 'date', 'companyinformation'],
  ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'companyinformation', READ_ONLY],
  ['hs_object_id', 'Record ID', 'number', 'number', 'companyinformation', READ_ONLY],
];

// Deals (§ deal outcomes): dealstage's options are the stages of every pipeline (seeded from the
// pipelines the sandbox was given, see deal-pipelines.ts); amount is a number in the deal's currency.
const DEAL: Spec[] = [
  ['dealname', 'Deal Name', 'string', 'text', 'dealinformation'],
  ['dealstage', 'Deal Stage', 'enumeration', 'radio', 'dealinformation', { options: [] }],
  ['pipeline', 'Pipeline', 'enumeration', 'select', 'dealinformation', { options: [] }],
  ['amount', 'Amount', 'number', 'number', 'dealinformation'],
  ['deal_currency_code', 'Currency', 'enumeration', 'select', 'dealinformation', { options: options([['EUR', 'Euro'], ['USD', 'US Dollar'], ['GBP', 'Pound Sterling'], ['CZK', 'Czech Koruna']]) }],
  ['closedate', 'Close Date', 'datetime', 'date', 'dealinformation'],
  ['closed_lost_reason', 'Closed Lost Reason', 'string', 'textarea', 'dealinformation'],
  ['hubspot_owner_id', 'Deal owner', 'enumeration', 'select', 'dealinformation', OWNER],
  ['createdate', 'Create Date', 'datetime', 'date', 'dealinformation'],
  ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'dealinformation', READ_ONLY],
  ['hs_object_id', 'Record ID', 'number', 'number', 'dealinformation', READ_ONLY],
];

const ENGAGEMENT_COMMON: Spec[] = [
  ['hs_timestamp', 'Activity date', 'datetime', 'date', 'engagement'],
  ['hubspot_owner_id', 'Activity assigned to', 'enumeration', 'select', 'engagement', OWNER],
  ['hs_createdate', 'Create date', 'datetime', 'date', 'engagement', READ_ONLY],
  ['hs_lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'engagement', READ_ONLY],
  ['hs_object_id', 'Record ID', 'number', 'number', 'engagement', READ_ONLY],
];

function text(names: string[]): Spec[] {
  return names.map((name) => [name, name, 'string', 'text', 'engagement']);
}

const ENGAGEMENT_SPECIFIC: Record<string, Spec[]> = {
  calls: text(['hs_call_title', 'hs_call_body', 'hs_call_direction', 'hs_call_disposition', 'hs_call_status', 'hs_call_duration']),
  emails: text(['hs_email_subject', 'hs_email_text', 'hs_email_html', 'hs_email_direction', 'hs_email_status']),
  meetings: text(['hs_meeting_title', 'hs_meeting_body', 'hs_meeting_start_time', 'hs_meeting_end_time', 'hs_meeting_outcome']),
  notes: text(['hs_note_body']),
  tasks: text(['hs_task_subject', 'hs_task_body', 'hs_task_status', 'hs_task_priority', 'hs_task_type']),
};

/** The built-in groups per object type (names as in a real portal). */
export const BUILT_IN_GROUPS: Record<CrmObjectType, [name: string, label: string][]> = {
  contacts: [['contactinformation', 'Contact information'], ['emailinformation', 'Email information'],
    ['analyticsinformation', 'Web analytics history'], ['conversioninformation', 'Conversion information'], ['sales_properties', 'Sales properties']],
  companies: [['companyinformation', 'Company information']],
  deals: [['dealinformation', 'Deal information']],
  calls: [['engagement', 'Engagement']], emails: [['engagement', 'Engagement']], meetings: [['engagement', 'Engagement']],
  notes: [['engagement', 'Engagement']], tasks: [['engagement', 'Engagement']],
};

/** Built-in property definitions for one object type, freshly allocated (the registry may extend them). */
export function listBuiltInProperties(type: CrmObjectType, createdAt: string): PropertyDefinition[] {
  const specs = type === 'contacts' ? CONTACT : type === 'companies' ? COMPANY : type === 'deals' ? DEAL : [...ENGAGEMENT_COMMON, ...(ENGAGEMENT_SPECIFIC[type] ?? [])];
  return specs.map(([name, label, ptype, fieldType, groupName, extra], displayOrder) => ({
    name, label, type: ptype, fieldType, groupName, description: '', options: [], displayOrder,
    hubspotDefined: true, readOnlyValue: false, hasUniqueValue: false, hidden: false, formField: false, calculated: false,
    createdAt, updatedAt: createdAt, ...extra,
  }));
}

/** Properties returned when a read names none (what HubSpot returns by default). */
export const DEFAULT_READ_PROPERTIES: Record<CrmObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  deals: ['amount', 'closedate', 'createdate', 'dealname', 'dealstage', 'hs_lastmodifieddate', 'hs_object_id', 'pipeline'],
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
  emails: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id', 'hs_timestamp'],
};

/** Properties HubSpot always includes, even when a read names others. */
export const ALWAYS_READ_PROPERTIES: Record<CrmObjectType, string[]> = {
  contacts: ['createdate', 'hs_object_id', 'lastmodifieddate'],
  companies: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  deals: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  calls: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  emails: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

/** The property that records a record's creation / last modification time, per object type. */
export function timestampProperties(type: CrmObjectType): { created: string; modified: string } {
  if (type === 'contacts') return { created: 'createdate', modified: 'lastmodifieddate' };
  if (type === 'companies' || type === 'deals') return { created: 'createdate', modified: 'hs_lastmodifieddate' };
  return { created: 'hs_createdate', modified: 'hs_lastmodifieddate' };
}
