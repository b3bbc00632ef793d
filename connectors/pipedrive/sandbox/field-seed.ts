// What a fresh company's field lists hold: built-in fields with plain codes ("name", "owner_id",
// "emails", ...) and the custom fields pre-seeded for the demo config (config/lead-router.yaml),
// replaceable through opts.personFields / opts.organizationFields (pipedrive.md §3.3).
import type { FieldEntity, FieldSeed } from './types.ts';

export interface BuiltinField {
  code: string;
  name: string;
  type: string;
  /** Labels of a built-in set/enum (person and organization labels). */
  options?: { label: string; color: string }[];
  /** Returned only when asked for with include_fields (SDK persons-api). */
  optional?: boolean;
}

/** Pipedrive's default labels for persons and organizations. */
const LABELS = [
  { label: 'Customer', color: 'green' }, { label: 'Hot lead', color: 'red' },
  { label: 'Warm lead', color: 'yellow' }, { label: 'Cold lead', color: 'blue' },
];

export const BUILTIN_FIELDS: Record<FieldEntity, BuiltinField[]> = {
  person: [
    { code: 'name', name: 'Name', type: 'varchar' },
    { code: 'first_name', name: 'First name', type: 'varchar' },
    { code: 'last_name', name: 'Last name', type: 'varchar' },
    { code: 'owner_id', name: 'Owner', type: 'user' },
    { code: 'org_id', name: 'Organization', type: 'org' },
    { code: 'emails', name: 'Email', type: 'varchar' },
    { code: 'phones', name: 'Phone', type: 'phone' },
    { code: 'label_ids', name: 'Labels', type: 'set', options: LABELS },
    { code: 'job_title', name: 'Job title', type: 'varchar' },
    { code: 'visible_to', name: 'Visible to', type: 'visible_to' },
    { code: 'add_time', name: 'Person created', type: 'date' },
    { code: 'update_time', name: 'Update time', type: 'date' },
    { code: 'marketing_status', name: 'Marketing status', type: 'enum', optional: true },
  ],
  organization: [
    { code: 'name', name: 'Name', type: 'varchar' },
    { code: 'owner_id', name: 'Owner', type: 'user' },
    { code: 'address', name: 'Address', type: 'address' },
    { code: 'label_ids', name: 'Labels', type: 'set', options: LABELS },
    { code: 'website', name: 'Website', type: 'varchar' },
    { code: 'visible_to', name: 'Visible to', type: 'visible_to' },
    { code: 'add_time', name: 'Organization created', type: 'date' },
    { code: 'update_time', name: 'Update time', type: 'date' },
  ],
};

const YES_NO = ['Yes', 'No'];

/** The fields config/lead-router.yaml reads ("Postcode", "Product interest", "org.Employees", ...). */
export const DEFAULT_FIELD_SEEDS: Record<FieldEntity, FieldSeed[]> = {
  person: [
    { name: 'Postcode', type: 'varchar' },
    { name: 'Product interest', type: 'enum', options: ['analytics', 'platform', 'integrations'] },
    { name: 'Email opens', type: 'double' },
    { name: 'Page views', type: 'double' },
    { name: 'Email opt-out', type: 'enum', options: YES_NO },
    { name: 'Email bounced', type: 'enum', options: YES_NO },
  ],
  organization: [
    { name: 'Employees', type: 'double' },
    { name: 'Industry', type: 'varchar' },
    { name: 'Country', type: 'varchar' },
  ],
};

/** Sub-fields Pipedrive lists for composite types (§3.3 `subfields[]`). */
export const SUBFIELDS: Record<string, string[]> = {
  address: ['value', 'street_number', 'route', 'subpremise', 'sublocality', 'locality', 'admin_area_level_1', 'admin_area_level_2', 'country', 'postal_code', 'formatted_address'],
  monetary: ['value', 'currency'],
};
