// "Rescore now" from the HubSpot card queues a lead.rescore inbox row (source hubspot-card); the
// worker rescores the contact: a new decision is recorded.
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load.ts';
import { CARD_RESCORE_SOURCE } from '../../src/server/hubspot-card/card-routes.ts';
import { CONFIG, PORTAL, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

const props = loadConfig(CONFIG).config.writeBack.properties;
const TENANT = `hubspot:${PORTAL}`;
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('HubSpot card "Rescore now" end to end', () => {
  it('rescores the contact', async () => {
    const { sandbox, app } = await startPair();
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const [a] = sandbox.createContacts(sampleContacts(1));
    await waitUntil(() => sandbox.getContact(a!.id)?.properties[props.score] !== undefined, 20_000, 'write-back');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    const before = (await app.store.getAudit(TENANT, a!.id, 50)).length;
    const at = Date.now();
    await app.store.inboxAppend([{ tenant: TENANT, source: CARD_RESCORE_SOURCE, dedupeKey: `card-rescore:${a!.id}:${at}`, kind: 'lead.rescore', objectId: a!.id, occurredAt: at, payload: { reason: 'card', userId: '1' } }], at);
    await waitUntil(async () => (await app.store.getAudit(TENANT, a!.id, 50)).length > before, 20_000, 'a new decision');
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);
});
