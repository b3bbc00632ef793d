// One uninstall path for every CRM (Pipedrive's DELETE callback, HubSpot's revoked refresh
// token): stop processing (caches and background jobs first), record the uninstall, delete the
// tenant's tokens and data (store.deleteTenant), and drop its rate-limit scheduler.
import type { Logger } from '../logger.ts';
import type { CrmKind, Store, TenantKey } from '../store/types.ts';

export interface UninstallDeps {
  store: Pick<Store, 'recordUninstall' | 'deleteTenant'>;
  schedulers: { delete(tenant: TenantKey): Promise<void> | void };
  logger: Logger;
  now: () => number;
}

export async function uninstallTenant(deps: UninstallDeps, u: { tenant: TenantKey; crm: CrmKind; reason: string; stop: () => void }): Promise<void> {
  u.stop();
  await deps.store.recordUninstall({ tenant: u.tenant, crm: u.crm, at: deps.now(), reason: u.reason });
  await deps.store.deleteTenant(u.tenant);
  await deps.schedulers.delete(u.tenant);
  deps.logger.info('app uninstalled; tenant tokens and data deleted', { crm: u.crm, tenant: u.tenant, reason: u.reason });
}
