import { describe, it, expect } from '@jest/globals';
import { register as globalRegistry } from 'prom-client';
import { createMetrics } from '../../../src/metrics/metrics.ts';

const SERIES = [
  'lead_router_events_received_total',
  'lead_router_events_processed_total',
  'lead_router_events_failed_total',
  'lead_router_events_ignored_total',
  'lead_router_queue_depth',
  'lead_router_queue_wait_seconds',
  'lead_router_crm_calls_total',
  'lead_router_crm_rate_limited_total',
  'lead_router_crm_retries_total',
  'lead_router_e2e_latency_seconds',
  'lead_router_assignments_total',
  'lead_router_sla_breaches_total',
  'lead_router_webhook_ack_seconds',
  'lead_router_writes_total',
];

describe('createMetrics', () => {
  it('exposes every lead_router series and the default process metrics on its own registry', async () => {
    const m = createMetrics();
    const text = await m.registry.metrics();
    for (const name of SERIES) expect(text).toContain(`# TYPE ${name} `);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_eventloop_lag_seconds');
    expect(await globalRegistry.metrics()).not.toContain('lead_router_');
  });

  it('can be created twice in one process (tests, two apps) without name clashes', () => {
    expect(() => {
      createMetrics();
      createMetrics();
    }).not.toThrow();
  });

  it('records labelled values through the typed handles', async () => {
    const m = createMetrics({ defaultMetrics: false });
    m.eventsReceived.inc({ crm: 'hubspot', kind: 'contact.creation' }, 3);
    m.crmCalls.inc({ crm: 'pipedrive', lane: 'search', status: 'ok' });
    m.e2eLatency.observe({ crm: 'hubspot' }, 0.3);
    m.writes.inc({ crm: 'hubspot', result: 'written' });
    m.slaBreaches.inc({ crm: 'pipedrive', action: 'reassign' });
    const text = await m.registry.metrics();
    expect(text).toContain('lead_router_events_received_total{crm="hubspot",kind="contact.creation"} 3');
    expect(text).toContain('lead_router_crm_calls_total{crm="pipedrive",lane="search",status="ok"} 1');
    expect(text).toContain('lead_router_e2e_latency_seconds_bucket{le="0.05",crm="hubspot"} 0');
    expect(text).toContain('lead_router_e2e_latency_seconds_bucket{le="0.5",crm="hubspot"} 1');
    expect(text).toContain('lead_router_e2e_latency_seconds_bucket{le="60",crm="hubspot"} 1');
    expect(text).toContain('lead_router_writes_total{crm="hubspot",result="written"} 1');
    expect(text).toContain('lead_router_sla_breaches_total{crm="pipedrive",action="reassign"} 1');
    expect(text).not.toContain('process_cpu_user_seconds_total');
  });

  it('reads queue depth per tenant at scrape time, dropping tenants that are gone', async () => {
    let depths = [
      { tenant: 'hubspot:1', depth: 4 },
      { tenant: 'pipedrive:9', depth: 0 },
    ];
    const m = createMetrics({ defaultMetrics: false, queueDepth: () => depths });
    expect(await m.registry.metrics()).toContain('lead_router_queue_depth{tenant="hubspot:1"} 4');
    depths = [{ tenant: 'pipedrive:9', depth: 2 }];
    const text = await m.registry.metrics();
    expect(text).toContain('lead_router_queue_depth{tenant="pipedrive:9"} 2');
    expect(text).not.toContain('tenant="hubspot:1"');
  });
});
