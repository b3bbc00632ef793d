// SLA timers end to end: an untouched hot lead is reassigned when its first-touch deadline
// passes, then escalated; a rep's logged call stops the clock.
import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { startPair, waitUntil } from './hubspot-harness.ts';

const CONFIG = join(import.meta.dirname, '../fixtures/configs/sla-fast.yaml');
const OWNERS = [
  { email: 'ann@example.com', firstName: 'Ann', lastName: 'A' },
  { email: 'bob@example.com', firstName: 'Bob', lastName: 'B' },
  { email: 'dir@example.com', firstName: 'Dir', lastName: 'D' },
];
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

const SCRAPE_TOKEN = 'sla-test-scrape-token-0123456789';

describe('SLA timers', () => {
  it('reassigns, then escalates an untouched hot lead; a logged call stops the clock', async () => {
    const { sandbox, app } = await startPair({ sandbox: { owners: OWNERS, subscriptions: { contactProperties: ['jobtitle'] } }, env: { LEAD_ROUTER_CONFIG: CONFIG, METRICS_TOKEN: SCRAPE_TOKEN } });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const id = (email: string) => sandbox.owners().find((o) => o.email === email)!.id;
    const [untouched, touched] = sandbox.createContacts([
      { properties: { email: 'cfo1@big.example.com', jobtitle: 'CFO' } },
      { properties: { email: 'cfo2@big.example.com', jobtitle: 'CFO' } },
    ]);
    const ownerOf = (cid: string) => sandbox.getContact(cid)?.properties['hubspot_owner_id'];
    await waitUntil(() => ownerOf(untouched!.id) !== undefined && ownerOf(touched!.id) !== undefined, 10_000, 'first assignment');
    const first = ownerOf(untouched!.id)!;
    // The rep of the second lead calls right away: first touch recorded, no reassignment.
    sandbox.logEngagement({ contactId: touched!.id, type: 'call', ownerId: ownerOf(touched!.id)!, at: Date.now() });
    const touchedOwner = ownerOf(touched!.id);
    await waitUntil(async () => (await app.store.getAssignment('hubspot:62515', touched!.id))?.firstTouchAt != null, 10_000, 'first touch');

    // Deadline 1.2 s: reassigned to the other rep of the team (the breaching rep is excluded).
    await waitUntil(() => ownerOf(untouched!.id) !== first, 15_000, 'reassignment');
    const second = ownerOf(untouched!.id)!;
    expect([id('ann@example.com'), id('bob@example.com')]).toContain(second);
    expect(second).not.toBe(first);
    // maxReassignments 1 reached: the next breach escalates to the director.
    await waitUntil(() => ownerOf(untouched!.id) === id('dir@example.com'), 15_000, 'escalation');
    const reasons = sandbox.getContact(untouched!.id)!.properties['lead_router_reasons'] ?? '';
    expect(reasons).toContain('dir@example.com');

    expect(ownerOf(touched!.id)).toBe(touchedOwner);
    const audit = await app.store.getAudit('hubspot:62515', untouched!.id, 10);
    expect(audit.some((a) => a.evaluation.route.reason.includes('escalated'))).toBe(true);
    // Scraped as Prometheus would: the pipeline's own metrics (its thread) merged with the server's.
    const metrics = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${SCRAPE_TOKEN}` } })).text();
    expect(metrics).toMatch(/lead_router_sla_breaches_total\{crm="hubspot",action="reassign"\} [1-9]/);
    expect(metrics).toMatch(/lead_router_sla_breaches_total\{crm="hubspot",action="escalate"\} [1-9]/);
  }, 60_000);
});
