// Bridges scheduler events to metrics, so src/queue never imports src/metrics:
//   createSchedulerRegistry(policyFor, { onEvent: recordSchedulerEvents(metrics) })
import { parseTenantKey } from '../crm/tenant-key.ts';
import type { SchedulerEvent } from '../queue/types.ts';
import type { Metrics } from './metrics.ts';

/** Tenant keys are "<crm>:<id>" (e.g. "hubspot:123"); pass crmOf if yours differ. */
export function recordSchedulerEvents(
  metrics: Metrics,
  crmOf: (tenant: string) => string = (tenant) => parseTenantKey(tenant)?.crm ?? tenant,
  now: () => number = Date.now,
): (event: SchedulerEvent) => void {
  return (event) => {
    const crm = crmOf(event.tenant);
    switch (event.type) {
      case 'call':
        metrics.crmCalls.inc({ crm, lane: event.lane, status: event.outcome });
        // First attempt only: later attempts' waits are backoff and pauses, counted as retries.
        if (event.attempt === 1) metrics.queueWait.observe({ crm }, Math.max(0, event.waitMs) / 1000);
        return;
      case 'rate_limited':
        metrics.crmRateLimited.inc({ crm, policy: event.policy });
        metrics.tenantActivity.rateLimited(event.tenant, event.policy, now());
        return;
      case 'retry':
        metrics.crmRetries.inc({ crm });
        return;
      default:
        return; // failure / throttled: visible through crm_calls_total{status} and the logs
    }
  };
}
