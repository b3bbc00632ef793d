// One scheduler per tenant, created on first use. A tenant's limits come from `policyFor`
// (CRM, auth mode, plan), so one registry serves HubSpot portals and Pipedrive companies alike
// as long as tenant keys do not collide (e.g. "hubspot:123", "pipedrive:456").
import type { SchedulerDeps, SchedulerPolicy, TenantScheduler } from './types.ts';
import { createTenantScheduler } from './tenant-scheduler.ts';

export interface SchedulerRegistry {
  /** The tenant's scheduler, created with policyFor(tenant) on first use. */
  get(tenant: string): TenantScheduler;
  has(tenant: string): boolean;
  /** Close the tenant's scheduler and forget it (uninstall). A later get() starts fresh. */
  delete(tenant: string): Promise<void>;
  all(): TenantScheduler[];
  /** Close every scheduler (shutdown). */
  closeAll(): Promise<void>;
}

export function createSchedulerRegistry(
  policyFor: (tenant: string) => SchedulerPolicy,
  deps: SchedulerDeps = {},
): SchedulerRegistry {
  const schedulers = new Map<string, TenantScheduler>();
  return {
    get(tenant) {
      let scheduler = schedulers.get(tenant);
      if (!scheduler) {
        scheduler = createTenantScheduler(tenant, policyFor(tenant), deps);
        schedulers.set(tenant, scheduler);
      }
      return scheduler;
    },
    has: (tenant) => schedulers.has(tenant),
    async delete(tenant) {
      const scheduler = schedulers.get(tenant);
      if (!scheduler) return;
      schedulers.delete(tenant);
      await scheduler.close();
    },
    all: () => [...schedulers.values()],
    async closeAll() {
      const closing = [...schedulers.values()];
      schedulers.clear();
      await Promise.all(closing.map((s) => s.close()));
    },
  };
}
