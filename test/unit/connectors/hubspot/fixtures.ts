// Shared test doubles for the HubSpot connector tests: a config, a scheduler that just runs
// the call and records what it saw, and an in-memory store of the install methods.
import { configSchema, type LeadRouterConfig } from '../../../../src/config/schema.ts';
import type { InstallRecord, Store, TenantKey } from '../../../../src/store/types.ts';
import type { Lane, RateLimitObservation, TenantScheduler } from '../../../../src/queue/types.ts';

export const PORTAL = '62515';
export const TENANT = `hubspot:${PORTAL}`;
export const API = 'https://api.hubspot.test';
export const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy';

export function testConfig(overrides: Record<string, unknown> = {}): LeadRouterConfig {
  return configSchema.parse({
    version: 1,
    fields: {
      job_title: 'jobtitle',
      industry: 'company.industry',
      employees: { hubspot: 'company.numberofemployees', type: 'number' },
      opens: { hubspot: 'hs_email_open', type: 'number' },
      is_customer: { hubspot: 'is_customer', type: 'boolean' },
      last_visit: { hubspot: 'hs_analytics_last_visit_timestamp', type: 'date' },
      pd_only: { pipedrive: 'abc123', type: 'string' },
    },
    scoring: {},
    tiers: { priority: [{ name: 'Hot', min: 70 }, { name: 'warm', min: 40 }, { name: 'cold' }] },
    owners: [{ email: 'ana@example.com' }],
    routing: {},
    ...overrides,
  });
}

export interface RecordingScheduler extends TenantScheduler {
  lanes: Lane[];
  observed: RateLimitObservation[];
}

/** Runs every call once (no limits, no retries) and records lanes and observations. */
export function recordingScheduler(tenant: string = TENANT): RecordingScheduler {
  const lanes: Lane[] = [];
  const observed: RateLimitObservation[] = [];
  return {
    tenant,
    lanes,
    observed,
    run<T>(lane: Lane, fn: () => Promise<T>): Promise<T> {
      lanes.push(lane);
      return fn();
    },
    observe(obs: RateLimitObservation) {
      observed.push(obs);
    },
    stats() {
      return { tenant, queued: 0, running: 0, calls: lanes.length, rateLimited: 0, retries: 0, failures: 0, pausedUntil: null };
    },
    async close() {},
  };
}

/** The three install methods of the Store, in memory (the real stores have their own tests). */
export function memoryInstallStore() {
  const installs = new Map<TenantKey, InstallRecord>();
  const store = {
    installs,
    saves: 0,
    async saveInstall(record: InstallRecord) {
      store.saves += 1;
      installs.set(record.tenant, structuredClone(record));
    },
    async getInstall(tenant: TenantKey) {
      const r = installs.get(tenant);
      return r ? structuredClone(r) : null;
    },
    async listInstalls() {
      return [...installs.values()].map((r) => structuredClone(r));
    },
  };
  return store;
}

/** The connector takes a full Store; only the install methods are used by it. */
export function asStore(s: ReturnType<typeof memoryInstallStore>): Store {
  return s as unknown as Store;
}
