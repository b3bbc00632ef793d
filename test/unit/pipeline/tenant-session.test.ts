// A tenant session against a real (in-memory SQLite) inbox and a fake CRM: how much it claims
// before it sends a batch, and that it renews its leases while a batch waits for the CRM.
import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadConfig } from '../../../src/config/index.ts';
import type { CrmConnector, CrmTenantClient } from '../../../src/crm/types.ts';
import { emptyInterpretation } from '../../../src/crm/interpret.ts';
import { createSilentLogger } from '../../../src/logger.ts';
import { runTenantSession } from '../../../src/pipeline/2-tenant-session.ts';
import { DEFAULT_PIPELINE_OPTIONS, type PipelineDeps, type PipelineOptions } from '../../../src/pipeline/deps.ts';
import { createOwnerDirectoryCache } from '../../../src/pipeline/support/owner-directory.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../src/store/types.ts';
import { TENANT, inboxEvent } from '../store/fixtures.ts';

const CONFIG = loadConfig(join(import.meta.dirname, '../../../config/lead-router.yaml'));
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** A CRM where every lead was deleted (reads come back empty): batches settle without writes. */
function fakeCrm(log: string[], readDelay: () => Promise<void> = async () => {}) {
  const client = {
    tenant: TENANT,
    readLeads: async (ids: string[]) => {
      log.push(`read ${ids.length}`);
      await readDelay();
      return new Map();
    },
    writeLeads: async () => [],
    listOwners: async () => [],
    companyLeadIds: async () => [],
    ensureProperties: async () => {},
    listLeadIds: async () => ({ ids: [], next: null }),
  } as unknown as CrmTenantClient;
  const connector = {
    crm: 'hubspot',
    client: async () => client,
    interpret: async (rows: { objectId: string }[]) => {
      const i = emptyInterpretation();
      for (const r of rows) i.rescore.add(r.objectId);
      return i;
    },
  } as unknown as CrmConnector;
  return connector;
}

async function setup(rows: { objectId: string }[], options: Partial<PipelineOptions>, log: string[], readDelay?: () => Promise<void>) {
  const store = createSqliteStore(':memory:');
  stores.push(store);
  await store.migrate();
  await store.inboxAppend(rows.map((r, i) => inboxEvent({ dedupeKey: `e${i}`, objectId: r.objectId, occurredAt: i })), Date.now());
  const claim = store.inboxClaim.bind(store);
  store.inboxClaim = async (o) => {
    const got = await claim(o);
    log.push(`claim ${got.length}`);
    return got;
  };
  const deps: PipelineDeps = {
    store,
    connectors: { hubspot: fakeCrm(log, readDelay) },
    config: () => CONFIG,
    owners: createOwnerDirectoryCache({ now: Date.now }),
    logger: createSilentLogger(),
    now: Date.now,
    worker: 'w1',
    options: { ...DEFAULT_PIPELINE_OPTIONS, ...options },
  };
  return { store, deps };
}

const claimedBeforeFirstRead = (log: string[]) =>
  log
    .slice(0, log.findIndex((l) => l.startsWith('read')))
    .filter((l) => l.startsWith('claim'))
    .reduce((n, l) => n + Number(l.split(' ')[1]), 0);

describe('tenant session', () => {
  it('renews its leases while a batch waits on the CRM, so no other worker re-claims the rows', async () => {
    const log: string[] = [];
    let release!: () => void;
    const readGate = new Promise<void>((r) => (release = r));
    const { store, deps } = await setup([{ objectId: 'c1' }, { objectId: 'c2' }], { leaseMs: 90 }, log, () => readGate);
    const session = runTenantSession(deps, TENANT, { quietMs: 0, maxHoldMs: 0 });
    // Wait until the batch is with the CRM, then well past the 90 ms lease.
    while (!log.some((l) => l.startsWith('read'))) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 300));
    expect(await store.inboxClaim({ tenant: TENANT, limit: 10, leaseMs: 1000, now: Date.now(), worker: 'w2' })).toEqual([]);
    release();
    expect(await session).toBe(2);
    expect(await store.inboxStats()).toMatchObject({ pending: 0, processing: 0 });
  });
});
