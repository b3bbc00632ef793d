import { describe, expect, it } from '@jest/globals';
import { CrmError } from '../../../src/errors.ts';
import { createTenantHealth } from '../../../src/metrics/tenant-health.ts';
import type { SchedulerEvent } from '../../../src/queue/types.ts';

const call = (tenant: string, outcome: 'ok' | 'retryable_error' | 'error', status?: number): SchedulerEvent => ({
  type: 'call', tenant, lane: 'default', outcome, ...(status ? { status } : {}), attempt: 1, waitMs: 0, durationMs: 1,
});

describe('tenant health from scheduler events', () => {
  it('401 / 403 degrade at once, per tenant; the next successful call clears', () => {
    let t = 1000;
    const h = createTenantHealth(() => t);
    h.record(call('hubspot:1', 'error', 401));
    h.record(call('pipedrive:2', 'error', 403));
    h.record(call('hubspot:3', 'error', 404)); // one missing record is not a tenant problem
    expect(h.degraded().map((d) => [d.tenant, d.reason, d.since])).toEqual([
      ['hubspot:1', 'auth_failed', 1000],
      ['pipedrive:2', 'forbidden', 1000],
    ]);
    t = 2000;
    h.record(call('hubspot:1', 'error', 401));
    expect(h.degraded()[0]!.since).toBe(1000); // still the same episode
    h.record(call('hubspot:1', 'ok'));
    expect(h.degraded().map((d) => d.tenant)).toEqual(['pipedrive:2']);
  });

  it('an outage needs 3 retryable failures in a row; a success in between resets the count', () => {
    const h = createTenantHealth(() => 0);
    h.record(call('hubspot:1', 'retryable_error', 502));
    h.record(call('hubspot:1', 'retryable_error'));
    h.record(call('hubspot:1', 'ok'));
    h.record(call('hubspot:1', 'retryable_error', 502));
    h.record(call('hubspot:1', 'retryable_error', 502));
    expect(h.degraded()).toEqual([]);
    h.record(call('hubspot:1', 'retryable_error', 503));
    expect(h.degraded()).toEqual([expect.objectContaining({ reason: 'crm_unavailable', detail: expect.stringContaining('3 failed calls in a row, last HTTP 503') })]);
  });

  it('a spent daily budget and a refused token refresh are reported with their detail', () => {
    const h = createTenantHealth(() => 0);
    h.record({ type: 'rate_limited', tenant: 'pipedrive:2', lane: 'default', policy: 'daily', pausedUntil: Date.UTC(2026, 11, 3) });
    const refused = new CrmError('HubSpot portal 1: refreshing the access token was refused (invalid_grant); reinstall the app', { status: 400, retryable: false });
    h.record({ type: 'failure', tenant: 'hubspot:1', lane: 'default', attempts: 1, reason: 'non_retryable', error: refused });
    expect(h.degraded()).toEqual([
      expect.objectContaining({ tenant: 'hubspot:1', reason: 'auth_failed', detail: expect.stringContaining('invalid_grant') }),
      expect.objectContaining({ tenant: 'pipedrive:2', reason: 'daily_limit', detail: expect.stringContaining('2026-12-03T00:00:00.000Z') }),
    ]);
  });
});
