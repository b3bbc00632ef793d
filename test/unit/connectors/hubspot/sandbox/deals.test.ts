// Deals in the HubSpot sandbox (the objects behind outcomes): the pipelines API with stage
// metadata, deal batch reads, stage validation against the pipelines, closing a deal stamping
// its close date, and the deal webhooks (creation, DEAL_TO_CONTACT association, dealstage).
import { afterEach, describe, expect, it } from '@jest/globals';
import { createHubspotSandbox, type HubspotSandbox } from '../../../../../connectors/hubspot/sandbox/index.ts';
import { bearer, fakeClock, startReceiver } from './helpers.ts';

describe('HubSpot sandbox deals', () => {
  let sandbox: HubspotSandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let url: string;
  const clock = fakeClock();
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, { method, headers: bearer(sandbox.privateAppToken), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  };
  afterEach(async () => { await sandbox.close(); await receiver.close(); });

  it('serves the pipelines with closed-won / closed-lost stage metadata and validates stages', async () => {
    receiver = await startReceiver();
    sandbox = createHubspotSandbox({ clientSecret: 's', webhookUrl: receiver.url, timeScale: 0.0001, webhookBatchMs: 5, now: clock.now });
    url = (await sandbox.listen()).url;
    const pipelines = (await api('GET', '/crm/v3/pipelines/deals')).json['results'] as { id: string; stages: { id: string; metadata: Record<string, string> }[] }[];
    expect(pipelines.map((p) => p.id)).toEqual(['default', '7654321']);
    const meta = (p: number, s: string) => pipelines[p]!.stages.find((x) => x.id === s)!.metadata;
    expect(meta(0, 'closedwon')).toEqual({ isClosed: 'true', probability: '1.0' });
    expect(meta(0, 'closedlost')).toEqual({ isClosed: 'true', probability: '0.0' });
    expect(meta(0, 'appointmentscheduled')).toEqual({ isClosed: 'false', probability: '0.2' });
    expect(meta(1, '1100002')).toEqual({ isClosed: 'true', probability: '1.0' });
    expect((await api('GET', '/crm/v3/pipelines/deals/7654321')).json['label']).toBe('Renewals');
    expect((await api('GET', '/crm/v3/pipelines/deals/nope')).status).toBe(404);

    const bad = await api('POST', '/crm/v3/objects/deals/batch/create', { inputs: [{ properties: { dealname: 'X', dealstage: 'nosuchstage' } }] });
    expect(bad.status).toBe(400);
    const [contact] = sandbox.createContacts([{ properties: { email: 'ann@buyer.example.com' } }]);
    expect(() => sandbox.createDeals([{ properties: { dealname: 'X', dealstage: '1100002' } }])).toThrow(/not a stage of pipeline default/);
    const [deal] = sandbox.createDeals([{ properties: { dealname: 'Platform', amount: '1200' }, contactIds: [contact!.id] }]);
    expect(sandbox.getDeal(deal!.id)).toMatchObject({ contactIds: [contact!.id], properties: { pipeline: 'default', dealstage: 'appointmentscheduled' } });
    expect(() => sandbox.moveDealStage(deal!.id, '1100003')).toThrow(/not a stage of the deal's pipeline/);
    clock.advance(60_000);
    sandbox.moveDealStage(deal!.id, 'closedwon');
    expect(sandbox.getDeal(deal!.id)!.properties['closedate']).toBe(new Date(clock.now()).toISOString());

    const read = await api('POST', '/crm/v3/objects/deals/batch/read', { properties: ['dealstage', 'amount'], inputs: [{ id: deal!.id }] });
    expect((read.json['results'] as { properties: Record<string, string> }[])[0]!.properties).toMatchObject({ dealstage: 'closedwon', amount: '1200' });
    const assoc = await api('POST', '/crm/v4/associations/deals/contacts/batch/read', { inputs: [{ id: deal!.id }] });
    expect((assoc.json['results'] as { to: { toObjectId: number; associationTypes: { typeId: number }[] }[] }[])[0]!.to).toEqual([
      { toObjectId: Number(contact!.id), associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }] },
    ]);

    await sandbox.flushWebhooks();
    const dealEvents = receiver.events().filter((e) => String(e['subscriptionType']).startsWith('deal.'));
    expect(dealEvents.map((e) => [e['subscriptionType'], e['propertyName'] ?? e['associationType'] ?? null])).toEqual([
      ['deal.creation', null],
      ['deal.propertyChange', 'dealstage'],
      ['deal.propertyChange', 'amount'],
      ['deal.associationChange', 'DEAL_TO_CONTACT'],
      ['deal.propertyChange', 'dealstage'],
      ['deal.propertyChange', 'closedate'],
    ]);
    expect(dealEvents.at(-2)).toMatchObject({ objectId: Number(deal!.id), propertyValue: 'closedwon', changeSource: 'CRM_UI' });
    expect(dealEvents[3]).toMatchObject({ fromObjectId: Number(deal!.id), toObjectId: Number(contact!.id), associationRemoved: false });
  });
});
