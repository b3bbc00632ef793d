// Outcomes end to end against the HubSpot sandbox: deals created on routed contacts and moved to
// closed stages (the default pipeline's closedwon, a custom pipeline's lost stage) arrive as
// signed deal webhooks; lead-router reads the deals, their contacts and the pipelines, and
// stores one outcome per contact tied to the decision that routed it.
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load.ts';
import { CONFIG, PORTAL, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

const props = loadConfig(CONFIG).config.writeBack.properties;
const TENANT = `hubspot:${PORTAL}`;
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('HubSpot outcomes end to end', () => {
  it('stores won and lost deals per contact with the decision that routed the contact', async () => {
    const { sandbox, app } = await startPair();
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const [a, b, c] = sandbox.createContacts(sampleContacts(3));
    const ids = [a!.id, b!.id, c!.id];
    await waitUntil(() => ids.every((id) => sandbox.getContact(id)?.properties[props.score] !== undefined), 20_000, 'write-back');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    const decided = new Map(await Promise.all(ids.map(async (id) => [id, (await app.store.getAudit(TENANT, id, 1))[0]!] as const)));

    const [won, lost] = sandbox.createDeals([
      { properties: { dealname: 'Platform', amount: '48000', deal_currency_code: 'EUR' }, contactIds: [a!.id, b!.id] },
      { properties: { dealname: 'Renewal', amount: '900', pipeline: '7654321', dealstage: '1100001' }, contactIds: [c!.id] },
    ]);
    sandbox.moveDealStage(won!.id, 'closedwon');
    sandbox.moveDealStage(lost!.id, '1100003', { closed_lost_reason: 'Budget cut' });
    await waitUntil(async () => (await app.store.listOutcomes(TENANT)).filter((o) => o.status !== 'open').length === 3, 20_000, 'the outcomes');
    await sandbox.flushWebhooks();
    await app.worker.drain();

    const outcomes = await app.store.listOutcomes(TENANT);
    const closeDate = Date.parse(sandbox.getDeal(won!.id)!.properties['closedate']!);
    expect(outcomes.map((o) => [o.leadId, o.dealId, o.status, o.amount, o.lostReason])).toEqual([
      [a!.id, won!.id, 'won', 48000, null],
      [b!.id, won!.id, 'won', 48000, null],
      [c!.id, lost!.id, 'lost', 900, 'Budget cut'],
    ]);
    expect(outcomes[0]).toMatchObject({ currency: 'EUR', closedAt: closeDate, dealCreatedAt: Date.parse(won!.createdAt) });
    for (const o of outcomes) {
      const d = decided.get(o.leadId)!;
      expect(o.decision).toEqual({
        decidedAt: d.at, owner: d.evaluation.route.owner, rule: d.evaluation.route.rule, tier: d.evaluation.tier,
        score: d.evaluation.score.total, configVersion: d.configVersion,
      });
    }
    // One pipelines read served every deal event (cached); the contacts were not rescored by deals.
    expect(sandbox.stats().calls['GET /crm/v3/pipelines/deals']).toBe(1);
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);
});
