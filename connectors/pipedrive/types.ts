// Pipedrive shapes lead-router relies on. Generated SDK types (`pipedrive/v1`, `pipedrive/v2`)
// are used where they describe the wire format; these narrow them to what is read here.
import type { GetPersonFields200ResponseDataInner } from 'pipedrive/v2';

/** Field metadata from GET /api/v2/personFields or /organizationFields (pipedrive.md §3.3). */
export type PipedriveField = Pick<GetPersonFields200ResponseDataInner, 'field_name' | 'field_code' | 'is_custom_field'> & {
  /** varchar, text, double, monetary, enum, set, date, address, user, org, people, ... */
  field_type: string;
  options?: PipedriveFieldOption[] | null;
};

export interface PipedriveFieldOption {
  id: number | string;
  label: string;
}

export type FieldEntity = 'person' | 'organization';

/** A v2 person or organization as returned by GET /api/v2/persons|organizations. */
export interface PipedriveRecord {
  id: number;
  owner_id?: number | null;
  org_id?: number | null;
  add_time?: string | null;
  update_time?: string | null;
  is_deleted?: boolean;
  custom_fields?: Record<string, unknown> | null;
  [key: string]: unknown;
}

/** The v2 response envelope: cursor pagination in `additional_data.next_cursor` (§3.2). */
export interface PipedriveEnvelope<T> {
  success?: boolean;
  data: T;
  additional_data?: { next_cursor?: string | null; [key: string]: unknown } | null;
}
