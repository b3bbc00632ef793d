// Everything a route or helper of the sandbox needs, built once by createHubspotSandbox.
import type { AssociationStore } from './association-store.ts';
import type { CrmStore } from './crm-store.ts';
import type { DealPipelines } from './deal-pipelines.ts';
import type { OwnerDirectory } from './owner-directory.ts';
import type { PropertyRegistry } from './property-registry.ts';
import type { TokenRegistry } from './token-registry.ts';
import type { ChangeOrigin } from './types.ts';

/** A raw behavioural event kept by trackEvents (GET /_sandbox/contacts/:id/events). */
export interface TrackedEvent { type: string; at: number; props?: Record<string, unknown> }

export interface SandboxContext {
  portalId: number;
  appId: number;
  now: () => number;
  store: CrmStore;
  associations: AssociationStore;
  registry: PropertyRegistry;
  pipelines: DealPipelines;
  owners: OwnerDirectory;
  tokens: TokenRegistry;
  trackedEvents: Map<string, TrackedEvent[]>;
  /** Changes made through the API with an app token (§1.2: INTEGRATION, sourceId = appId). */
  integrationOrigin: ChangeOrigin;
  /** Changes made by a simulated user in the CRM (CRM_UI, sourceId "userId:<n>"). */
  userOrigin(): ChangeOrigin;
}
