// Deals in the Pipedrive sandbox (the objects behind outcomes): v2 API writes validated like
// Pipedrive, won / lost stamping won_time / lost_time / close_time, list filters, and one v2
// deal webhook per change whose `data` the connector turns into an outcome.
import { afterEach, describe, expect, it } from '@jest/globals';
import { parsePipedriveEvent } from '../../../../../connectors/pipedrive/events.ts';
import { createPipedriveInterpreter } from '../../../../../connectors/pipedrive/interpret.ts';
import { createPipedriveSandbox, type PipedriveSandbox } from '../../../../../connectors/pipedrive/sandbox/index.ts';
import type { CrmTenantClient } from '../../../../../src/crm/types.ts';
import type { InboxRow } from '../../../../../src/store/types.ts';
import { caller, fakeClock, startReceiver } from './helpers.ts';

const TOKEN = 'deals-token';
type Obj = Record<string, unknown>;

describe('Pipedrive sandbox deals', () => {
  let sandbox: PipedriveSandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const clock = fakeClock();
  afterEach(async () => { await sandbox.close(); await receiver.close(); });

  async function start() {
    receiver = await startReceiver();
    sandbox = createPipedriveSandbox({ apiToken: TOKEN, now: clock.now, timeScale: 0.001, webhookBatchMs: 1, rateLimit: { max: 500, intervalMs: 2_000 } });
    const api = caller((await sandbox.listen()).url, TOKEN);
    const hook = await api('POST', '/v1/webhooks', { subscription_url: receiver.url, event_action: '*', event_object: 'deal', http_auth_user: 'u', http_auth_password: 'p' });
    expect(hook.status).toBe(201);
    return api;
  }

  it('validates writes, stamps won / lost times, filters lists, answers 404 for unknown deals', async () => {
    const api = await start();
    const [person] = sandbox.createPersons([{ name: 'Ann Buyer', email: 'ann@buyer.example.com' }]);
    const pid = person!['id'] as number;
    for (const [body, message] of [
      [{}, 'title is required'],
      [{ title: 'X', person_id: 999 }, 'person 999 does not exist'],
      [{ title: 'X', value: '12' }, 'value must be a number'],
      [{ title: 'X', status: 'maybe' }, 'status must be one of'],
      [{ title: 'X', amount: 1 }, 'Unknown parameter(s) for POST /api/v2/deals: amount'],
    ] as [Obj, string][]) {
      const res = await api('POST', '/api/v2/deals', body);
      expect([res.status, String(res.json['error'])]).toEqual([400, expect.stringContaining(message)]);
    }
    const created = await api('POST', '/api/v2/deals', { title: 'Platform', value: 1200, currency: 'EUR', person_id: pid });
    const id = (created.json['data'] as Obj)['id'] as number;
    expect(created.json['data']).toMatchObject({ status: 'open', won_time: null, close_time: null, add_time: '2026-11-02T09:00:00Z' });
    clock.advance(60_000);
    const won = await api('PATCH', `/api/v2/deals/${id}`, { status: 'won' });
    expect(won.json['data']).toMatchObject({ status: 'won', won_time: '2026-11-02T09:01:00Z', close_time: '2026-11-02T09:01:00Z', lost_time: null });
    sandbox.createDeals([{ title: 'Other', person_id: pid }]);
    const listed = await api('GET', `/api/v2/deals?person_id=${pid}&status=won`);
    expect((listed.json['data'] as Obj[]).map((d) => d['id'])).toEqual([id]);
    expect((await api('GET', '/api/v2/deals/5')).status).toBe(404);
  });

  it('sends one v2 deal webhook per change; the connector reads each as an outcome of the person', async () => {
    await start();
    const [person] = sandbox.createPersons([{ name: 'Ann Buyer', email: 'ann@buyer.example.com' }]);
    const [deal] = sandbox.createDeals([{ title: 'Platform', value: 300, currency: 'USD', person_id: person!['id'] as number }]);
    clock.advance(1_000);
    const lostAt = Math.floor(clock.now() / 1000) * 1000; // v2 times carry whole seconds
    sandbox.loseDeal(deal!['id'] as number, 'Budget');
    await sandbox.flushWebhooks();
    const bodies = receiver.deliveries.map((d) => d.body as { meta: Obj; data: Obj; previous: Obj | null });
    expect(bodies.map((b) => `${b.meta['action']}.${b.meta['entity']}`)).toEqual(['create.deal', 'change.deal']);
    expect(bodies[1]!.previous).toMatchObject({ status: 'open', lost_reason: null, lost_time: null });
    const rows = bodies.map((b, i) => {
      const parsed = parsePipedriveEvent(b);
      if (!('event' in parsed)) throw new Error('ignored');
      return { ...parsed.event, id: i + 1, status: 'processing', attempts: 1, availableAt: 0, receivedAt: 0, lastError: null } as InboxRow;
    });
    const out = await createPipedriveInterpreter().interpret(rows, { tenant: rows[0]!.tenant } as CrmTenantClient);
    expect(out.outcomes.map((o) => [o.dealId, o.leadIds, o.status, o.amount, o.lostReason, o.closedAt])).toEqual([
      [String(deal!['id']), [String(person!['id'])], 'open', 300, null, null],
      [String(deal!['id']), [String(person!['id'])], 'lost', 300, 'Budget', lostAt],
    ]);
  });
});
