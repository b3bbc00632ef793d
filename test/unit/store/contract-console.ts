// Store contract, part 6: what the admin console reads and keeps. The decision list and the
// email lookup (filters on the route's columns, newest first, paged by id), one-time sign-in
// links (used once, even by two processes), sessions; nothing crosses tenants, and an
// uninstall takes the tenant's links and sessions with it.
import { describe, expect, it } from '@jest/globals';
import type { Evaluation } from '../../../src/engine/types.ts';
import type { AdminSessionRecord } from '../../../src/store/console-types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, evaluation } from './fixtures.ts';

function decided(leadId: string, over: { owner?: string | null; rule?: string | null; tier?: string; target?: Evaluation['route']['target'] } = {}): Evaluation {
  const e = evaluation(leadId, 50);
  return {
    ...e,
    tier: over.tier ?? e.tier,
    route: { ...e.route, owner: over.owner === undefined ? e.route.owner : over.owner, rule: over.rule === undefined ? e.route.rule : over.rule, target: over.target ?? e.route.target },
  };
}

const session = (over: Partial<AdminSessionRecord> = {}): AdminSessionRecord => ({
  idHash: 'sess-hash-1',
  tenant: TENANT,
  csrfToken: 'csrf-1',
  createdAt: T0,
  expiresAt: T0 + 3_600_000,
  ...over,
});

export function runConsoleContract(ctx: ContractContext): void {
  describe('decision list', () => {
    it('lists a tenant decisions newest first, filtered and paged, never another tenant', async () => {
      const store = ctx.store();
      await store.appendAudit([
        { tenant: TENANT, leadId: 'l1', at: T0, evaluation: decided('l1', { rule: 'pharma', owner: 'anna@x.test', tier: 'A' }) },
        { tenant: TENANT, leadId: 'l2', at: T0 + 1, evaluation: decided('l2', { rule: null, owner: 'boss@x.test', tier: 'C', target: 'fallback' }) },
        { tenant: OTHER, leadId: 'o1', at: T0 + 2, evaluation: decided('o1', { rule: 'pharma', owner: 'anna@x.test', tier: 'A' }) },
        { tenant: TENANT, leadId: 'l3', at: T0 + 3, evaluation: decided('l3', { rule: 'pharma', owner: 'jan@x.test', tier: 'B' }) },
      ]);
      const ids = async (f: Parameters<typeof store.listDecisions>[1], tenant = TENANT) => (await store.listDecisions(tenant, f)).map((d) => d.leadId);
      expect(await ids({ limit: 10 })).toEqual(['l3', 'l2', 'l1']);
      expect(await ids({ limit: 10, rule: 'pharma' })).toEqual(['l3', 'l1']);
      expect(await ids({ limit: 10, owner: 'anna@x.test' })).toEqual(['l1']);
      expect(await ids({ limit: 10, tier: 'C' })).toEqual(['l2']);
      expect(await ids({ limit: 10, fallbackOnly: true })).toEqual(['l2']);
      expect(await ids({ limit: 10, rule: 'pharma', tier: 'A' })).toEqual(['l1']);
      expect(await ids({ limit: 10 }, OTHER)).toEqual(['o1']);

      const first = await store.listDecisions(TENANT, { limit: 2 });
      expect(first.map((d) => d.leadId)).toEqual(['l3', 'l2']);
      expect(first[0]).toStrictEqual({ id: expect.any(Number), tenant: TENANT, leadId: 'l3', at: T0 + 3, evaluation: decided('l3', { rule: 'pharma', owner: 'jan@x.test', tier: 'B' }) });
      expect(await ids({ limit: 2, beforeId: first[1]!.id })).toEqual(['l1']);
    });

    it('keeps the config version that decided, and leaves it out when none was given', async () => {
      const store = ctx.store();
      await store.appendAudit([
        { tenant: TENANT, leadId: 'l1', at: T0, evaluation: decided('l1'), configVersion: 'abcdef012345' },
        { tenant: TENANT, leadId: 'l1', at: T0 + 1, evaluation: decided('l1') },
      ]);
      expect(await store.getAudit(TENANT, 'l1')).toStrictEqual([
        { tenant: TENANT, leadId: 'l1', at: T0 + 1, evaluation: decided('l1') },
        { tenant: TENANT, leadId: 'l1', at: T0, evaluation: decided('l1'), configVersion: 'abcdef012345' },
      ]);
      expect((await store.listDecisions(TENANT, { limit: 5 })).map((d) => d.configVersion)).toEqual([undefined, 'abcdef012345']);
    });

    it('finds leads by email lookup key, most recent first, within the tenant only', async () => {
      const store = ctx.store();
      await store.appendAudit([
        { tenant: TENANT, leadId: 'l1', at: T0, evaluation: decided('l1'), emailHash: 'h-shared' },
        { tenant: TENANT, leadId: 'l2', at: T0 + 1, evaluation: decided('l2'), emailHash: 'h-shared' },
        { tenant: TENANT, leadId: 'l1', at: T0 + 2, evaluation: decided('l1'), emailHash: 'h-shared' },
        { tenant: TENANT, leadId: 'l3', at: T0 + 3, evaluation: decided('l3') },
        { tenant: OTHER, leadId: 'o1', at: T0 + 4, evaluation: decided('o1'), emailHash: 'h-shared' },
      ]);
      expect(await store.findLeadsByEmailHash(TENANT, 'h-shared', 10)).toEqual(['l1', 'l2']);
      expect(await store.findLeadsByEmailHash(TENANT, 'h-shared', 1)).toEqual(['l1']);
      expect(await store.findLeadsByEmailHash(OTHER, 'h-shared', 10)).toEqual(['o1']);
      expect(await store.findLeadsByEmailHash(TENANT, 'h-unknown', 10)).toEqual([]);
    });
  });

  describe('console sign-in', () => {
    it('uses a link once, says why a link failed, and keeps links per tenant', async () => {
      const store = ctx.store();
      await store.createAdminLink({ tokenHash: 'link-a', tenant: TENANT, createdAt: T0, expiresAt: T0 + 600_000 });
      await store.createAdminLink({ tokenHash: 'link-late', tenant: OTHER, createdAt: T0, expiresAt: T0 + 1000 });
      expect(await store.consumeAdminLink('link-a', T0 + 10)).toEqual({ status: 'ok', tenant: TENANT });
      expect(await store.consumeAdminLink('link-a', T0 + 20)).toEqual({ status: 'used' });
      expect(await store.consumeAdminLink('link-late', T0 + 1000)).toEqual({ status: 'expired' });
      expect(await store.consumeAdminLink('forged', T0)).toEqual({ status: 'unknown' });
    });

    it('carries the user a link signs in to its session, per link', async () => {
      const store = ctx.store();
      const jana = { id: 'hubspot:77', name: 'jana@example.com' };
      await store.createAdminLink({ tokenHash: 'link-jana', tenant: TENANT, createdAt: T0, expiresAt: T0 + 600_000, user: jana });
      await store.createAdminLink({ tokenHash: 'link-anon', tenant: TENANT, createdAt: T0, expiresAt: T0 + 600_000 });
      expect(await store.consumeAdminLink('link-jana', T0 + 1)).toEqual({ status: 'ok', tenant: TENANT, user: jana });
      expect(await store.consumeAdminLink('link-anon', T0 + 1)).toStrictEqual({ status: 'ok', tenant: TENANT });
      await store.createAdminSession(session({ idHash: 'sess-jana', user: jana }));
      expect(await store.getAdminSession('sess-jana')).toStrictEqual(session({ idHash: 'sess-jana', user: jana }));
    });

    it('signs in at most once when two processes open the same link together', async () => {
      const stores = await ctx.stores();
      await stores[0]!.createAdminLink({ tokenHash: 'link-race', tenant: TENANT, createdAt: T0, expiresAt: T0 + 600_000 });
      const tries = await Promise.all([...stores, ...stores].map((s) => s.consumeAdminLink('link-race', T0 + 1)));
      expect(tries.filter((r) => r.status === 'ok')).toHaveLength(1);
      expect(tries.filter((r) => r.status === 'used')).toHaveLength(tries.length - 1);
    });

    it('keeps, returns and deletes sessions by hash', async () => {
      const store = ctx.store();
      await store.createAdminSession(session());
      await store.createAdminSession(session({ idHash: 'sess-other', tenant: OTHER, csrfToken: 'csrf-o' }));
      expect(await store.getAdminSession('sess-hash-1')).toStrictEqual(session());
      expect(await store.getAdminSession('nope')).toBeNull();
      await store.deleteAdminSession('sess-hash-1');
      expect(await store.getAdminSession('sess-hash-1')).toBeNull();
      expect(await store.getAdminSession('sess-other')).toStrictEqual(session({ idHash: 'sess-other', tenant: OTHER, csrfToken: 'csrf-o' }));
    });

    it('prunes rows a day past their expiry when new ones are written', async () => {
      const store = ctx.store();
      await store.createAdminLink({ tokenHash: 'old', tenant: TENANT, createdAt: T0, expiresAt: T0 + 1 });
      await store.createAdminSession(session({ idHash: 'old-s', expiresAt: T0 + 1 }));
      const dayLater = T0 + 2 + 24 * 3_600_000;
      await store.createAdminLink({ tokenHash: 'new', tenant: TENANT, createdAt: dayLater, expiresAt: dayLater + 600_000 });
      await store.createAdminSession(session({ idHash: 'new-s', createdAt: dayLater, expiresAt: dayLater + 1 }));
      expect(await store.consumeAdminLink('old', dayLater)).toEqual({ status: 'unknown' });
      expect(await store.getAdminSession('old-s')).toBeNull();
    });

    it('deletes the tenant links and sessions on uninstall, not another tenant', async () => {
      const store = ctx.store();
      await store.createAdminLink({ tokenHash: 'la', tenant: TENANT, createdAt: T0, expiresAt: T0 + 600_000 });
      await store.createAdminLink({ tokenHash: 'lo', tenant: OTHER, createdAt: T0, expiresAt: T0 + 600_000 });
      await store.createAdminSession(session());
      await store.createAdminSession(session({ idHash: 'so', tenant: OTHER }));
      await store.deleteTenant(TENANT);
      expect(await store.consumeAdminLink('la', T0)).toEqual({ status: 'unknown' });
      expect(await store.getAdminSession('sess-hash-1')).toBeNull();
      expect(await store.consumeAdminLink('lo', T0)).toEqual({ status: 'ok', tenant: OTHER });
      expect(await store.getAdminSession('so')).not.toBeNull();
    });
  });
}
