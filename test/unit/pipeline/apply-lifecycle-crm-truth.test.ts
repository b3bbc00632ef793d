// The pipeline's lifecycle step applies what the CRM said about open leads with the tenant's own
// config and owner directory: a manager's reassignment moves the lead (CRM owner id -> email),
// a lead purged in the same chunk is left alone, and a tenant whose config turns following off
// keeps lead-router's assignment.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { emptyInterpretation, type Interpretation } from '../../../src/crm/interpret.ts';
import type { CrmTenantClient } from '../../../src/crm/types.ts';
import { configSchema } from '../../../src/config/schema.ts';
import type { LoadedConfig } from '../../../src/config/load.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { applyLifecycle, changesLeadState } from '../../../src/pipeline/3-interpret-chunk.ts';
import { openLeadsSchema } from '../../../src/config/schema-open-leads.ts';
import { DEFAULT_PIPELINE_OPTIONS, type PipelineDeps } from '../../../src/pipeline/deps.ts';
import { createOwnerDirectoryCache } from '../../../src/pipeline/support/owner-directory.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../src/store/types.ts';
import { T0, assignment } from '../store/fixtures.ts';

const A = 'hubspot:1';
const B = 'hubspot:2';
const base = {
  version: 1, scoring: {}, tiers: { priority: [{ name: 'all' }] },
  owners: [{ email: 'anna@x.test' }, { email: 'ben@x.test' }], routing: { rules: [{ name: 'r', assign: { owner: 'anna@x.test' } }] },
};
const loaded = (openLeads: object): LoadedConfig => ({ file: 'x', config: configSchema.parse({ ...base, openLeads }), hash: 'h' }) as unknown as LoadedConfig;

describe('applyLifecycle: open leads follow the CRM', () => {
  let store: Store;
  let deps: PipelineDeps;
  let ownerReads = 0;
  const client = (tenant: string) =>
    ({
      tenant,
      async listOwners() {
        ownerReads += 1;
        return [{ id: '11', email: 'Anna@x.test', active: true }, { id: '12', email: 'ben@x.test', active: true }];
      },
    }) as unknown as CrmTenantClient;

  beforeEach(async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
    ownerReads = 0;
    deps = {
      store, connectors: {}, logger: createSilentLogger(), now: () => T0 + 1_000, worker: 'w', options: DEFAULT_PIPELINE_OPTIONS,
      owners: createOwnerDirectoryCache({ now: () => T0 }),
      config: (tenant?: string) => loaded(tenant === B ? { followCrmOwner: false } : {}),
    };
    for (const tenant of [A, B]) for (const leadId of ['1', '2']) {
      await store.routeAtomically(tenant, leadId, [], [], () => ({ result: null, assignment: assignment({ tenant, leadId }) }));
    }
  });
  afterEach(() => store.close());

  const interp = (over: Partial<Interpretation>): Interpretation => ({ ...emptyInterpretation(), ...over });
  const changes = [{ leadId: '1', ownerId: '12', at: T0 + 10, userId: '5' }, { leadId: '2', ownerId: '12', at: T0 + 10, userId: '5' }];

  it('moves the lead to the CRM owner by email; a lead purged in the chunk is left alone', async () => {
    await applyLifecycle(deps, client(A), interp({ ownerChanges: changes, purge: new Set(['2']) }), T0 + 1_000);
    expect(await store.getAssignment(A, '1')).toMatchObject({ owner: 'ben@x.test', origin: 'crm' });
    expect(await store.getAssignment(A, '2')).toBeNull(); // purged, not re-created
    expect(await store.listFeedback(A, '2')).toEqual([]);
    expect(ownerReads).toBe(1);
  });

  it('follows each tenant\'s own config: followCrmOwner off keeps our assignment', async () => {
    await applyLifecycle(deps, client(B), interp({ ownerChanges: changes }), T0 + 1_000);
    expect(await store.getAssignment(B, '1')).toMatchObject({ owner: 'anna@x.test', origin: 'engine' });
    expect(await store.listFeedback(B, '1')).toEqual([]);
  });

  it('reads no owners when the chunk has no owner change; statuses end the assignment', async () => {
    await applyLifecycle(deps, client(A), interp({ statuses: [{ leadId: '1', kind: 'lead_status', recordId: '', value: 'UNQUALIFIED', at: T0 + 10 }] }), T0 + 1_000);
    expect(ownerReads).toBe(0);
    expect(await store.getAssignment(A, '1')).toMatchObject({ endReason: 'lead_status:UNQUALIFIED' });
  });
});

describe('changesLeadState: what makes a chunk wait for batches in flight', () => {
  const openLeads = openLeadsSchema.parse({});
  const status = (value: string) => ({ ...emptyInterpretation(), statuses: [{ leadId: '1', kind: 'lifecycle_stage' as const, recordId: '', value, at: 1 }] });
  it('an owner change always; a status only when the tenant closes on it', () => {
    expect(changesLeadState({ ...emptyInterpretation(), ownerChanges: [{ leadId: '1', ownerId: '2', at: 1, userId: null }] }, openLeads)).toBe(true);
    expect(changesLeadState(status('customer'), openLeads)).toBe(true);
    expect(changesLeadState(status('lead'), openLeads)).toBe(false);
    expect(changesLeadState(status('customer'), { ...openLeads, closeWhen: { ...openLeads.closeWhen, lifecycleStages: [] } })).toBe(false);
    expect(changesLeadState(emptyInterpretation(), openLeads)).toBe(false);
  });
});
