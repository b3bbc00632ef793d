// Which tenant a one-shot command works on: --tenant, else the single configured/installed one.
import type { Core } from '../main.ts';
import { tenantKey } from '../crm/tenant-key.ts';
import { InputError } from '../errors.ts';

export async function resolveTenant(core: Pick<Core, 'env' | 'store'>, crm: 'hubspot' | 'pipedrive', explicit?: string): Promise<string> {
  if (explicit) return tenantKey(crm, explicit);
  const env = crm === 'hubspot' ? core.env.hubspot : core.env.pipedrive;
  if (!env) throw new InputError(`${crm} is not configured: set the ${crm.toUpperCase()}_* variables (see README)`);
  if (crm === 'hubspot' && env.mode === 'private' && core.env.hubspot?.mode === 'private' && core.env.hubspot.portalId) return tenantKey('hubspot', core.env.hubspot.portalId);
  if (crm === 'pipedrive' && core.env.pipedrive?.mode === 'api_token' && core.env.pipedrive.companyId) return tenantKey('pipedrive', core.env.pipedrive.companyId);
  const installs = await core.store.listInstalls(crm);
  if (installs.length === 1) return installs[0]!.tenant;
  throw new InputError(
    installs.length
      ? `${installs.length} ${crm} installs: choose one with --tenant (${installs.map((i) => i.externalId).join(', ')})`
      : `no ${crm} tenant known: pass --tenant <id> (or set ${crm === 'hubspot' ? 'HUBSPOT_PORTAL_ID' : 'PIPEDRIVE_COMPANY_ID'})`,
  );
}
