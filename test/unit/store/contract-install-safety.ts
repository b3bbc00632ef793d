// Store contract, part 8: OAuth install state nonces (used once, before they expire, for their
// CRM only) and the uninstall record, which outlives the tenant's data.
import { describe, expect, it } from '@jest/globals';
import type { ContractContext } from './contract.ts';
import { install, OTHER, T0, TENANT } from './fixtures.ts';

export function runInstallSafetyContract(ctx: ContractContext): void {
  describe('oauth nonces', () => {
    it('a nonce is consumed once: a replayed state is refused', async () => {
      const store = ctx.store();
      await store.saveOAuthNonce('n1', 'hubspot', T0 + 600_000, T0);
      expect(await store.consumeOAuthNonce('n1', 'hubspot', T0 + 1)).toBe(true);
      expect(await store.consumeOAuthNonce('n1', 'hubspot', T0 + 2)).toBe(false);
      expect(await store.consumeOAuthNonce('never-issued', 'hubspot', T0)).toBe(false);
    });

    it('refuses an expired nonce and one issued for another CRM', async () => {
      const store = ctx.store();
      await store.saveOAuthNonce('old', 'hubspot', T0 + 10, T0);
      await store.saveOAuthNonce('pd', 'pipedrive', T0 + 600_000, T0);
      expect(await store.consumeOAuthNonce('old', 'hubspot', T0 + 10)).toBe(false);
      expect(await store.consumeOAuthNonce('pd', 'hubspot', T0 + 1)).toBe(false);
      expect(await store.consumeOAuthNonce('pd', 'pipedrive', T0 + 1)).toBe(false); // used up by the wrong try
    });

    it('two processes racing with one state: exactly one wins', async () => {
      const stores = await ctx.stores();
      await stores[0]!.saveOAuthNonce('race', 'pipedrive', T0 + 600_000, T0);
      const wins = await Promise.all([...stores, ...stores].map((s) => s.consumeOAuthNonce('race', 'pipedrive', T0 + 1)));
      expect(wins.filter(Boolean)).toHaveLength(1);
    });
  });

  describe('uninstalls', () => {
    it('are recorded, listed oldest first per CRM, and outlive deleteTenant', async () => {
      const store = ctx.store();
      await store.saveInstall(install());
      await store.recordUninstall({ tenant: TENANT, crm: 'hubspot', at: T0 + 5, reason: 'refresh token revoked' });
      await store.recordUninstall({ tenant: 'pipedrive:7', crm: 'pipedrive', at: T0 + 1, reason: 'uninstall callback' });
      await store.recordUninstall({ tenant: OTHER, crm: 'hubspot', at: T0 + 2, reason: 'admin' });
      await store.deleteTenant(TENANT);
      expect(await store.getInstall(TENANT)).toBeNull();
      expect(await store.listUninstalls('hubspot')).toStrictEqual([
        { tenant: OTHER, crm: 'hubspot', at: T0 + 2, reason: 'admin' },
        { tenant: TENANT, crm: 'hubspot', at: T0 + 5, reason: 'refresh token revoked' },
      ]);
      expect((await store.listUninstalls()).map((u) => u.tenant)).toEqual(['pipedrive:7', OTHER, TENANT]);
    });
  });
}
