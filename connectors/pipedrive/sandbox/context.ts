// Everything a route or helper of the Pipedrive sandbox needs, built once by createPipedriveSandbox.
import type { LinkChecks } from './custom-field-values.ts';
import type { EntityStore } from './entity-store.ts';
import type { FieldRegistry } from './field-registry.ts';
import type { LeadLabel } from './lead-labels.ts';
import type { TokenRegistry } from './token-registry.ts';
import type { UserDirectory } from './user-directory.ts';
import type { WebhookRegistry } from './webhook-registry.ts';

export interface ActivityType { id: number; key_string: string; name: string; is_custom_flag: boolean; icon_key: string }

export interface SandboxContext {
  companyId: number;
  companyDomain: string;
  now: () => number;
  store: EntityStore;
  fields: FieldRegistry;
  users: UserDirectory;
  tokens: TokenRegistry;
  webhooks: WebhookRegistry;
  activityTypes: ActivityType[];
  leadLabels: LeadLabel[];
  links: LinkChecks;
}
