// Install templates for the OAuth routes: the shipped examples, published for a new tenant
// with its owners resolved from the CRM's users (src/tenants/install-template.ts). A failure
// (the CRM's user list unreachable) leaves the install working on the config file, logged.
import type { CrmConnector } from '../crm/types.ts';
import type { OAuthRouteDeps } from '../server/oauth-routes.ts';
import { versionLabel } from '../tenants/config-label.ts';
import { startFromTemplate, templateNames } from '../tenants/install-template.ts';
import type { SharedWiring } from './shared.ts';

export function installTemplates(shared: SharedWiring, connector: CrmConnector): NonNullable<OAuthRouteDeps['templates']> {
  return {
    names: templateNames(),
    async apply({ tenant, template }) {
      try {
        const client = await connector.client(tenant);
        if (!client) throw new Error(`${tenant} is not installed`);
        const version = await startFromTemplate(shared.store, { tenant, template, users: await client.listOwners(), now: shared.now() });
        if (!version) return null; // a reinstall keeps the tenant's versions
        shared.logger.info('install template published (not yet reviewed)', { tenant, template, version: versionLabel(version.version) });
        return `${versionLabel(version.version)} from template ${template}, not yet reviewed`;
      } catch (err) {
        shared.logger.warn('install template not applied; the config file applies until an admin publishes', { tenant, template, error: (err as Error).message });
        return null;
      }
    },
  };
}
