// Per-tenant CRM health, learned from what the tenant schedulers observe on every CRM call
// (src/queue emits a SchedulerEvent per attempt). A tenant is degraded while its CRM refuses
// our token (401: install revoked / token invalid), refuses the call (403: a scope was removed,
// or a block), keeps failing (5xx / network: an outage), or its daily budget is spent. The next
// successful call clears it. /readyz lists degraded tenants with the reason and the fix, and
// lead_router_tenant_degraded{tenant,reason} exports them; neither fails liveness (/healthz).
import { CrmError } from '../errors.ts';
import type { SchedulerEvent } from '../queue/types.ts';

export type DegradedReason = 'auth_failed' | 'forbidden' | 'crm_unavailable' | 'daily_limit';

export interface TenantHealthEntry {
  tenant: string;
  reason: DegradedReason;
  detail: string;
  /** epoch ms when the tenant became degraded for this reason */
  since: number;
}

/** Retryable failures in a row before an outage is reported (one blip is not an outage). */
export const OUTAGE_AFTER_FAILURES = 3;

const FIX: Record<DegradedReason, string> = {
  auth_failed: 'the CRM refused the access token (401): the app was uninstalled or its token revoked; reinstall the app or fix the token',
  forbidden: 'the CRM refused the call (403): the install lacks a scope lead-router needs (reinstall to grant it) or the CRM blocked the client',
  crm_unavailable: 'the CRM keeps failing (5xx / network); calls are retried with backoff and no event is lost',
  daily_limit: 'the daily API budget is spent; work resumes after the CRM resets it',
};

export interface TenantHealth {
  record(event: SchedulerEvent): void;
  degraded(): TenantHealthEntry[];
  forget(tenant: string): void;
}

export function createTenantHealth(now: () => number = Date.now): TenantHealth {
  const state = new Map<string, TenantHealthEntry>();
  const streak = new Map<string, number>();

  function mark(tenant: string, reason: DegradedReason, extra?: string): void {
    const current = state.get(tenant);
    const detail = extra ? `${FIX[reason]} (${extra})` : FIX[reason];
    state.set(tenant, { tenant, reason, detail, since: current?.reason === reason ? current.since : now() });
  }

  return {
    record(e) {
      if (e.type === 'call') {
        if (e.outcome === 'ok') {
          state.delete(e.tenant);
          streak.delete(e.tenant);
        } else if (e.outcome === 'retryable_error') {
          const n = (streak.get(e.tenant) ?? 0) + 1;
          streak.set(e.tenant, n);
          if (n >= OUTAGE_AFTER_FAILURES) mark(e.tenant, 'crm_unavailable', `${n} failed calls in a row, last ${e.status ? `HTTP ${e.status}` : 'a network error'}`);
        } else if (e.outcome === 'error' && (e.status === 401 || e.status === 403)) {
          mark(e.tenant, e.status === 401 ? 'auth_failed' : 'forbidden');
        }
      } else if (e.type === 'rate_limited' && e.policy === 'daily') {
        mark(e.tenant, 'daily_limit', `paused until ${new Date(e.pausedUntil).toISOString()}`);
      } else if (e.type === 'failure' && e.reason === 'non_retryable' && e.error instanceof CrmError) {
        // A refused token refresh (revoked install) fails before any API call: its message says so.
        if (e.error.crmStatus === 401 || /reinstall the app/.test(e.error.message)) mark(e.tenant, 'auth_failed', e.error.message.slice(0, 200));
      }
    },
    degraded: () => [...state.values()].sort((a, b) => a.tenant.localeCompare(b.tenant)),
    forget(tenant) {
      state.delete(tenant);
      streak.delete(tenant);
    },
  };
}
