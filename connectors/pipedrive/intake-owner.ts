// Pipedrive has no unowned persons or organizations: whoever creates one owns it (SDK "owner_id
// ... if omitted, the authorized user"), so persons from web forms, imports and integrations are
// owned by the user those run as. lead-router treats records owned by its OWN Pipedrive user (the
// API-token user, or the admin who installed the app: `is_you` in GET /v1/users) as unassigned,
// unless that user is one of the config's owners (a rep who installed the app keeps their own
// records). Everything else keeps the config's `keepCurrentOwner` meaning.
import type { LeadRouterConfig } from '../../src/config/schema.ts';

export interface PipedriveUserRow {
  id: number;
  email?: string;
  is_you?: boolean;
}

/** Owner ids that mean "not assigned yet" for this company (at most lead-router's own user). */
export function intakeOwnerIds(users: PipedriveUserRow[], config: Pick<LeadRouterConfig, 'owners'>): Set<string> {
  const reps = new Set(config.owners.map((o) => o.email.toLowerCase()));
  return new Set(users.filter((u) => u.is_you === true && !reps.has((u.email ?? '').toLowerCase())).map((u) => String(u.id)));
}
