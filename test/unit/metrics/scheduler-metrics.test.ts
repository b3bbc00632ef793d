// The bridge from real scheduler events to metrics (the queue itself never imports metrics).
import { describe, it, expect } from '@jest/globals';
import { createMetrics } from '../../../src/metrics/metrics.ts';
import { recordSchedulerEvents } from '../../../src/metrics/scheduler-metrics.ts';
import { createSchedulerRegistry } from '../../../src/queue/scheduler-registry.ts';
import { createFakeClock } from '../queue/fake-clock.ts';
import { burst429, daily429, server503, scriptedCall, testPolicy } from '../queue/helpers.ts';
import { CrmError } from '../../../src/errors.ts';

async function value(m: ReturnType<typeof createMetrics>, name: string, labels: Record<string, string>): Promise<number> {
  const metric = m.registry.getSingleMetric(name);
  const data = await metric!.get();
  const hit = data.values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val) && !('le' in v.labels));
  return hit?.value ?? 0;
}

describe('recordSchedulerEvents', () => {
  it('counts calls by outcome, 429s by policy, retries and queue wait per CRM', async () => {
    const clock = createFakeClock();
    const metrics = createMetrics({ defaultMetrics: false });
    const registry = createSchedulerRegistry(() => testPolicy({ limit: 1 }), { ...clock, random: () => 0, onEvent: recordSchedulerEvents(metrics) });
    const hs = registry.get('hubspot:1');
    const pd = registry.get('pipedrive:7');
    const a = scriptedCall(clock.now, [burst429(1_000), server503()], 'a');
    const b = scriptedCall(clock.now, [daily429(5_000)], 'b');
    const c = scriptedCall(clock.now, [new CrmError('bad', { status: 400, retryable: false })], 'c');
    const waited = scriptedCall(clock.now, [], 'waited'); // second call in a 1-per-second window
    await clock.run(Promise.allSettled([hs.run('default', a.fn), pd.run('search', b.fn), pd.run('default', c.fn), pd.run('default', waited.fn)]));

    expect(await value(metrics, 'lead_router_crm_calls_total', { crm: 'hubspot', lane: 'default', status: 'rate_limited' })).toBe(1);
    expect(await value(metrics, 'lead_router_crm_calls_total', { crm: 'hubspot', lane: 'default', status: 'retryable_error' })).toBe(1);
    expect(await value(metrics, 'lead_router_crm_calls_total', { crm: 'hubspot', lane: 'default', status: 'ok' })).toBe(1);
    expect(await value(metrics, 'lead_router_crm_calls_total', { crm: 'pipedrive', lane: 'search', status: 'rate_limited' })).toBe(1);
    expect(await value(metrics, 'lead_router_crm_calls_total', { crm: 'pipedrive', lane: 'default', status: 'error' })).toBe(1);
    expect(await value(metrics, 'lead_router_crm_rate_limited_total', { crm: 'hubspot', policy: 'burst' })).toBe(1);
    expect(await value(metrics, 'lead_router_crm_rate_limited_total', { crm: 'pipedrive', policy: 'daily' })).toBe(1);
    expect(await value(metrics, 'lead_router_crm_retries_total', { crm: 'hubspot' })).toBe(2);
    expect(await value(metrics, 'lead_router_crm_retries_total', { crm: 'pipedrive' })).toBe(1);
    // queue wait: first attempts only; pipedrive's "waited" call sat in the queue for the
    // daily pause the search lane's 429 put on the whole tenant (5 s).
    const text = await metrics.registry.metrics();
    expect(text).toContain('lead_router_queue_wait_seconds_count{crm="hubspot"} 1');
    expect(text).toContain('lead_router_queue_wait_seconds_count{crm="pipedrive"} 3');
    expect(waited.starts).toEqual([5_000]);
    expect(text).toContain('lead_router_queue_wait_seconds_sum{crm="pipedrive"} 5');
    await registry.closeAll();
  });
});
