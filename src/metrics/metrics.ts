// Prometheus metrics for lead-router, on a registry of their own (never prom-client's global
// one, so two apps in one process, or tests, do not collide). Served by GET /metrics.
//
// Labels stay low-cardinality: crm, lane, status/result/reason enums, and tenant only on the
// queue-depth gauge (one series per installed portal/company).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createTenantActivity } from './tenant-activity.ts';

export interface MetricsOptions {
  /** Also collect prom-client's default process metrics (CPU, memory, event loop). Default true. */
  defaultMetrics?: boolean;
  /** Read at scrape time to fill lead_router_queue_depth{tenant}, e.g. from the scheduler registry. */
  queueDepth?: () => Iterable<{ tenant: string; depth: number }>;
  /** Read at scrape time to fill lead_router_tenant_degraded{tenant,reason} (tenant-health.ts). */
  degradedTenants?: () => Iterable<{ tenant: string; reason: string }>;
}

// Scheduler wait includes rate-limit pauses: HubSpot pauses last 10 s, daily pauses hours.
const QUEUE_WAIT_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300];
// CRM event occurredAt -> write-back done; the CRM's own webhook delivery delay is included.
const E2E_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];
// We aim to ack in < 100 ms (docs/architecture.md). The CRMs give up at 5 s (HubSpot,
// reference/hubspot.md §1.4) and 10 s (Pipedrive, reference/pipedrive.md §1).
const WEBHOOK_ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(opts: MetricsOptions = {}) {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const queueDepthSource = opts.queueDepth;
  const degradedSource = opts.degradedTenants;

  return {
    registry,
    /** Per-tenant recent write-back latency and 429s, in memory (the console's Health page). */
    tenantActivity: createTenantActivity(),
    eventsReceived: new Counter({
      name: 'lead_router_events_received_total',
      help: 'CRM webhook events accepted into the inbox.',
      labelNames: ['crm', 'kind'] as const,
      registers,
    }),
    eventsProcessed: new Counter({
      name: 'lead_router_events_processed_total',
      help: 'Inbox events processed to completion.',
      labelNames: ['crm'] as const,
      registers,
    }),
    eventsFailed: new Counter({
      name: 'lead_router_events_failed_total',
      help: 'Inbox events that failed (rejected, attempts exhausted, app not installed, ...).',
      labelNames: ['crm', 'reason'] as const,
      registers,
    }),
    eventsIgnored: new Counter({
      name: 'lead_router_events_ignored_total',
      help: 'Webhook events dropped on purpose (our own echoes, unsupported kinds, unauthenticated).',
      labelNames: ['crm', 'reason'] as const,
      registers,
    }),
    queueDepth: new Gauge({
      name: 'lead_router_queue_depth',
      help: 'CRM calls waiting in a tenant scheduler (queued, paused or backing off).',
      labelNames: ['tenant'] as const,
      registers,
      collect: queueDepthSource
        ? function collectQueueDepth(this: Gauge<'tenant'>) {
            // Rebuilt at every scrape so uninstalled tenants disappear.
            this.reset();
            for (const { tenant, depth } of queueDepthSource()) this.set({ tenant }, depth);
          }
        : undefined,
    }),
    tenantDegraded: new Gauge({
      name: 'lead_router_tenant_degraded',
      help: 'Tenants whose CRM is refusing or failing our calls (1 per degraded tenant; reason: auth_failed, forbidden, crm_unavailable, daily_limit).',
      labelNames: ['tenant', 'reason'] as const,
      registers,
      collect: degradedSource
        ? function collectDegraded(this: Gauge<'tenant' | 'reason'>) {
            this.reset(); // a recovered tenant disappears
            for (const { tenant, reason } of degradedSource()) this.set({ tenant, reason }, 1);
          }
        : undefined,
    }),
    queueWait: new Histogram({
      name: 'lead_router_queue_wait_seconds',
      help: 'Time a CRM call waited in its tenant scheduler before starting (first attempt).',
      labelNames: ['crm'] as const,
      buckets: QUEUE_WAIT_BUCKETS,
      registers,
    }),
    crmCalls: new Counter({
      name: 'lead_router_crm_calls_total',
      help: 'CRM API calls made, by outcome (ok, rate_limited, retryable_error, error).',
      labelNames: ['crm', 'lane', 'status'] as const,
      registers,
    }),
    crmRateLimited: new Counter({
      name: 'lead_router_crm_rate_limited_total',
      help: 'CRM 429 responses, by policy (burst window or daily budget).',
      labelNames: ['crm', 'policy'] as const,
      registers,
    }),
    crmRetries: new Counter({
      name: 'lead_router_crm_retries_total',
      help: 'CRM calls retried after a 429 or a retryable error.',
      labelNames: ['crm'] as const,
      registers,
    }),
    e2eLatency: new Histogram({
      name: 'lead_router_e2e_latency_seconds',
      help: 'From the CRM event (occurredAt) to our write-back being done.',
      labelNames: ['crm'] as const,
      buckets: E2E_BUCKETS,
      registers,
    }),
    assignmentsTotal: new Counter({
      name: 'lead_router_assignments_total',
      help: 'Leads assigned, by routing target kind.',
      labelNames: ['crm', 'target'] as const,
      registers,
    }),
    slaBreaches: new Counter({
      name: 'lead_router_sla_breaches_total',
      help: 'First-touch SLA breaches, by the action taken.',
      labelNames: ['crm', 'action'] as const,
      registers,
    }),
    webhookAck: new Histogram({
      name: 'lead_router_webhook_ack_seconds',
      help: 'Time from webhook request received to our 2xx.',
      labelNames: ['crm'] as const,
      buckets: WEBHOOK_ACK_BUCKETS,
      registers,
    }),
    rowsPruned: new Counter({
      name: 'lead_router_rows_pruned_total',
      help: 'Expired store rows deleted by retention, by table (inbox, audit, assignments).',
      labelNames: ['table'] as const,
      registers,
    }),
    writes: new Counter({
      name: 'lead_router_writes_total',
      help: 'Write-backs to the CRM, by result.',
      labelNames: ['crm', 'result'] as const,
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
