// The two keys every store row carries (re-exported by types.ts).
export type CrmKind = 'hubspot' | 'pipedrive';

/** "hubspot:<portalId>" or "pipedrive:<companyId>" */
export type TenantKey = string;
