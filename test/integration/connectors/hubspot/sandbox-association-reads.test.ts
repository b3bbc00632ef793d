// The HubSpot client against the HubSpot sandbox (which rejects association reads of more than
// 1,000 inputs, hubspot.md §6): lead reads waiting in one lane share their association call.
import { describe, expect, it } from '@jest/globals';
import { createHubspotClient } from '../../../../connectors/hubspot/client.ts';
import { createHubspotSandbox } from '../../../../connectors/hubspot/sandbox/index.ts';
import type { Lane, TenantScheduler } from '../../../../src/queue/types.ts';
import { TENANT, recordingScheduler, testConfig } from '../../../unit/connectors/hubspot/fixtures.ts';

describe('association batch reads against the HubSpot sandbox', () => {
  it('three 100-lead reads in one lane spend fewer association calls than batches, each at most 1,000 inputs', async () => {
    const sandbox = createHubspotSandbox({ clientSecret: 'assoc-secret' });
    const { url } = await sandbox.listen();
    try {
      const companies = sandbox.createCompanies(Array.from({ length: 30 }, (_, i) => ({ name: `Co ${i}`, industry: 'Software' })));
      const contacts = sandbox.createContacts(Array.from({ length: 300 }, (_, i) => ({ properties: { email: `p${i}@acme.test` }, companyId: companies[i % 30]!.id })));
      // One call at a time, in order: what a lane does when it runs at its rate limit.
      let tail: Promise<unknown> = Promise.resolve();
      const serial: TenantScheduler = {
        ...recordingScheduler(),
        run<T>(_lane: Lane, fn: () => Promise<T>): Promise<T> {
          const p = tail.then(fn);
          tail = p.catch(() => undefined);
          return p;
        },
      };
      const client = createHubspotClient({ tenant: TENANT, basePath: url, getAccessToken: async () => sandbox.privateAppToken, scheduler: serial, config: testConfig() });
      const batches = [0, 100, 200].map((from) => contacts.slice(from, from + 100).map((c) => c.id));
      const reads = await Promise.all(batches.map((b) => client.readLeads(b)));
      for (const [k, read] of reads.entries()) {
        expect(read.size).toBe(100);
        for (const [i, id] of batches[k]!.entries()) expect(read.get(id)?.companyId).toBe(companies[(k * 100 + i) % 30]!.id);
      }
      const calls = sandbox.stats().calls;
      const assocCalls = Object.entries(calls).filter(([route]) => route.includes('/associations/')).reduce((n, [, c]) => n + c, 0);
      expect(assocCalls).toBeGreaterThanOrEqual(1);
      expect(assocCalls).toBeLessThan(3);
      expect(sandbox.stats().rateLimited).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});
