// Outcomes end to end against the Pipedrive sandbox: a routed person's deal is created, then
// won; another's is lost with a reason. The v2 deal webhooks (subscribed at start) reach the
// store as outcomes tied to the routing decision lead-router recorded for each person.
import { afterEach, describe, expect, it } from '@jest/globals';
import { isScored, settle, startPair, TENANT, userId, waitUntil } from './pipedrive-harness.ts';

let pair: Awaited<ReturnType<typeof startPair>> | null = null;
afterEach(async () => {
  await pair?.close();
  pair = null;
});

describe('Pipedrive outcomes end to end', () => {
  it('stores won and lost deals per person with the decision that routed the person', async () => {
    pair = await startPair();
    const { sandbox, app } = pair;
    expect(sandbox.webhooks().map((w) => `${w.event_action}.${w.event_object}`)).toEqual(expect.arrayContaining(['create.deal', 'change.deal']));
    const [org] = sandbox.createOrganizations([{ name: 'Pharma Big', fields: { Employees: 5000, Industry: 'pharmaceuticals', Country: 'CZ' } }]);
    const [won, lost] = sandbox.createPersons([
      { name: 'Cyril CFO', email: 'cyril@pharmabig.example.com', job_title: 'CFO', org_id: org!['id'] as number },
      { name: 'Ivo Analyst', email: 'ivo@smallretail.example.com', job_title: 'Data Analyst' },
    ]).map((p) => p['id'] as number) as [number, number];
    await waitUntil(() => isScored(sandbox, won) && isScored(sandbox, lost), 20_000, 'write-back');
    await settle(sandbox, app);
    const [decisionWon] = await app.store.getAudit(TENANT, String(won), 1);
    const [decisionLost] = await app.store.getAudit(TENANT, String(lost), 1);

    sandbox.actAs(userId(sandbox, 'eva.svobodova@example.com'));
    const [d1, d2] = sandbox.createDeals([
      { title: 'Pharma Big platform', value: 48000, currency: 'EUR', person_id: won },
      { title: 'Small analytics', value: 900, currency: 'USD', person_id: lost },
    ]).map((d) => d['id'] as number) as [number, number];
    sandbox.winDeal(d1);
    sandbox.loseDeal(d2, 'Went with a competitor');
    await waitUntil(async () => (await app.store.listOutcomes(TENANT)).filter((o) => o.status !== 'open').length === 2, 20_000, 'the outcomes');
    await settle(sandbox, app);

    const outcomes = await app.store.listOutcomes(TENANT);
    const wonDeal = sandbox.getDeal(d1)!;
    expect(outcomes).toEqual([
      {
        tenant: TENANT, leadId: String(won), dealId: String(d1), status: 'won', amount: 48000, currency: 'EUR',
        dealCreatedAt: Date.parse(String(wonDeal['add_time'])), closedAt: Date.parse(String(wonDeal['won_time'])), lostReason: null,
        observedAt: expect.any(Number),
        decision: {
          decidedAt: decisionWon!.at, owner: decisionWon!.evaluation.route.owner, rule: decisionWon!.evaluation.route.rule,
          tier: decisionWon!.evaluation.tier, score: decisionWon!.evaluation.score.total, configVersion: decisionWon!.configVersion,
        },
      },
      expect.objectContaining({ leadId: String(lost), dealId: String(d2), status: 'lost', amount: 900, currency: 'USD', lostReason: 'Went with a competitor' }),
    ]);
    expect(outcomes[0]!.decision!.owner).toBe('eva.svobodova@example.com');
    expect(outcomes[1]!.decision).toMatchObject({ owner: decisionLost!.evaluation.route.owner, score: decisionLost!.evaluation.score.total });
    expect(String(outcomes[0]!.decision!.configVersion)).toMatch(/^file:[0-9a-f]{12}$/);
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);
});
