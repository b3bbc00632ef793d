// The pipeline thread (LEAD_ROUTER_PIPELINE=thread) dies in the middle of a burst: the server
// restarts it and nothing is lost. Every lead is routed once (a lead routed before the crash
// keeps its assignment: the replay finds it) and ends in the CRM with the values of its last
// decision. SQLite: the server releases the dead thread's claims at once; PostgreSQL: they come
// back when their lease ends (INBOX_LEASE_MS, short here).
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { databaseUrl, dropSchemas, freshSchema, pgReachable } from '../helpers/postgres.ts';
import { CONFIG, PORTAL, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

const TENANT = `hubspot:${PORTAL}`;
const props = loadConfig(CONFIG).config.writeBack.properties;
const N = 400;

const STORES: [string, () => Record<string, string>][] = [['SQLite', () => ({})]];
if (await pgReachable()) {
  STORES.push(['PostgreSQL', () => ({ DATABASE_URL: databaseUrl(freshSchema('lr_thread_crash')), INBOX_LEASE_MS: '3000' })]);
  afterAll(() => dropSchemas());
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe.each(STORES)('pipeline thread killed mid-burst (%s)', (_name, storeEnv) => {
  it('is restarted; every lead is routed once and written with its final values', async () => {
    const log = captureLogger();
    // A tight CRM rate limit stretches the burst over several seconds, so the kill lands inside it.
    const { sandbox, app } = await startPair({ sandbox: { rateLimit: { max: 40, intervalMs: 5_000 } }, env: { LEAD_ROUTER_PIPELINE: 'thread', ...storeEnv() }, logger: log.logger });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    expect(app.pipelineMode).toBe('thread');
    const first = log.lines.find((l) => l.message === 'pipeline thread started')!;

    const created = sandbox.createContacts(sampleContacts(N));
    const scored = () => created.filter((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined).length;
    await waitUntil(() => scored() > 0, 30_000, 'the first write-backs');
    const restarted = log.next('pipeline thread started');
    await app.terminatePipelineThread!();
    expect(scored()).toBeLessThan(N); // really mid-burst: the dead thread held claimed rows
    expect((await app.store.inboxStats(TENANT)).processing).toBeGreaterThan(0);
    const again = await restarted;
    expect(again.worker).not.toBe(first.worker);
    expect(log.lines.some((l) => l.message === 'pipeline thread exited; restarting it')).toBe(true);

    await waitUntil(() => scored() === N, 90_000, 'every contact written after the restart');
    await sandbox.flushWebhooks();
    await app.worker.drain({ timeoutMs: 60_000 }); // answered by the new thread
    expect(await app.store.inboxStats(TENANT)).toMatchObject({ pending: 0, processing: 0, failed: 0 });

    // routed once: one assignment per lead, whatever the crash interrupted
    const perLead = new Map<string, number>();
    for (const a of await app.store.listAssignmentsSince(TENANT, 0)) perLead.set(a.leadId, (perLead.get(a.leadId) ?? 0) + 1);
    expect(perLead.size).toBe(N);
    expect([...perLead.values()].every((n) => n === 1)).toBe(true);

    // written with the values of the lead's last decision, to the owner it was assigned
    const ownerIds = new Map(sandbox.owners().map((o) => [o.email.toLowerCase(), o.id]));
    for (const c of created) {
      const p = sandbox.getContact(c.id)!.properties;
      const [last] = await app.store.getAudit(TENANT, c.id, 1);
      const assignment = await app.store.getAssignment(TENANT, c.id);
      expect(p[props.priority]).toBe(last!.evaluation.tier);
      expect(Number(p[props.score])).toBe(Math.round(last!.evaluation.score.total * 100) / 100);
      expect(p['hubspot_owner_id']).toBe(ownerIds.get(assignment!.owner!));
    }
  }, 180_000);
});
