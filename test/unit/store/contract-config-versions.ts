// Store contract, part 5: per-tenant config versions (append-only, one active valid version)
// and the config version recorded with each audited decision.
import { describe, expect, it } from '@jest/globals';
import type { ConfigVersionInput } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, evaluation } from './fixtures.ts';

function draft(over: Partial<ConfigVersionInput> = {}): ConfigVersionInput {
  return {
    tenant: TENANT,
    yaml: '# as written\nowners: []\n',
    author: 'ada@x.test',
    comment: 'first',
    createdAt: T0,
    valid: true,
    issues: [],
    ...over,
  };
}

export function runConfigVersionsContract(ctx: ContractContext): void {
  describe('config versions', () => {
    it('numbers versions per tenant, keeps the text as written and lists them oldest first', async () => {
      const store = ctx.store();
      expect(await store.listConfigVersions(TENANT)).toEqual([]);
      expect(await store.getActiveConfigVersion(TENANT)).toBeNull();
      const v1 = await store.appendConfigVersion(draft({ yaml: 'a: 1 # ünïcode\n\n' }), { activate: false });
      const o1 = await store.appendConfigVersion(draft({ tenant: OTHER }), { activate: false });
      const v2 = await store.appendConfigVersion(draft({ comment: 'second', createdAt: T0 + 5 }), { activate: false });
      expect([v1.version, o1.version, v2.version]).toEqual([1, 1, 2]);
      expect(await store.listConfigVersions(TENANT)).toStrictEqual([
        { ...draft({ yaml: 'a: 1 # ünïcode\n\n' }), version: 1 },
        { ...draft({ comment: 'second', createdAt: T0 + 5 }), version: 2 },
      ]);
      expect(await store.getConfigVersion(TENANT, 2)).toStrictEqual({ ...draft({ comment: 'second', createdAt: T0 + 5 }), version: 2 });
      expect(await store.getConfigVersion(TENANT, 3)).toBeNull();
      // appended without activation: still no active version
      expect(await store.activeConfigVersions()).toEqual(new Map());
    });

    it('activates on append, rolls back to an earlier version, and reports every tenant\'s active version', async () => {
      const store = ctx.store();
      await store.appendConfigVersion(draft(), { activate: true });
      await store.appendConfigVersion(draft({ author: 'bob@x.test', createdAt: T0 + 10 }), { activate: true });
      expect(await store.getActiveConfigVersion(TENANT)).toStrictEqual({
        ...draft({ author: 'bob@x.test', createdAt: T0 + 10 }),
        version: 2,
        activatedAt: T0 + 10,
        activatedBy: 'bob@x.test',
      });
      expect(await store.activateConfigVersion(TENANT, 1, 'carol@x.test', T0 + 20)).toBe(true);
      expect(await store.getActiveConfigVersion(TENANT)).toMatchObject({ version: 1, activatedAt: T0 + 20, activatedBy: 'carol@x.test' });
      await store.appendConfigVersion(draft({ tenant: OTHER }), { activate: true });
      expect(await store.activeConfigVersions()).toEqual(new Map([[TENANT, 1], [OTHER, 1]]));
      // the history stays append-only through rollbacks
      expect((await store.listConfigVersions(TENANT)).map((v) => v.version)).toEqual([1, 2]);
    });

    it('never activates an invalid or unknown version', async () => {
      const store = ctx.store();
      await store.appendConfigVersion(draft(), { activate: true });
      const issues = [{ path: 'owners[0].email', message: 'not an email', line: 3, column: 12, hint: 'use name@company.com' }];
      const bad = await store.appendConfigVersion(draft({ valid: false, issues }), { activate: true });
      expect(bad.version).toBe(2);
      expect(await store.getConfigVersion(TENANT, 2)).toMatchObject({ valid: false, issues });
      expect((await store.getActiveConfigVersion(TENANT))?.version).toBe(1);
      expect(await store.activateConfigVersion(TENANT, 2, 'x', T0)).toBe(false);
      expect(await store.activateConfigVersion(TENANT, 9, 'x', T0)).toBe(false);
      expect(await store.activateConfigVersion(OTHER, 1, 'x', T0)).toBe(false);
      expect((await store.getActiveConfigVersion(TENANT))?.version).toBe(1);
    });

    it('keeps a draft inactive until it is activated (published), and never activates a discarded one', async () => {
      const store = ctx.store();
      await store.appendConfigVersion(draft(), { activate: true });
      // a draft is not activated even when asked to on append
      const d2 = await store.appendConfigVersion(draft({ draft: true, comment: 'calibration' }), { activate: true });
      expect(d2).toStrictEqual({ ...draft({ draft: true, comment: 'calibration' }), version: 2 });
      expect(await store.getConfigVersion(TENANT, 2)).toStrictEqual({ ...draft({ draft: true, comment: 'calibration' }), version: 2 });
      expect((await store.getActiveConfigVersion(TENANT))?.version).toBe(1);
      // publishing the draft activates it and clears the flag
      expect(await store.activateConfigVersion(TENANT, 2, 'ada@x.test', T0 + 5)).toBe(true);
      expect(await store.getActiveConfigVersion(TENANT)).toStrictEqual({ ...draft({ comment: 'calibration' }), version: 2, activatedAt: T0 + 5, activatedBy: 'ada@x.test' });
      // a published version is no draft: it cannot be discarded
      expect(await store.discardConfigVersion(TENANT, 2, T0 + 6)).toBe(false);
      // a discarded draft stays in the history and cannot be activated
      await store.appendConfigVersion(draft({ draft: true }), { activate: false });
      expect(await store.discardConfigVersion(TENANT, 3, T0 + 7)).toBe(true);
      expect(await store.discardConfigVersion(TENANT, 3, T0 + 8)).toBe(false);
      expect(await store.discardConfigVersion(OTHER, 3, T0 + 8)).toBe(false);
      expect(await store.getConfigVersion(TENANT, 3)).toStrictEqual({ ...draft({ draft: true }), version: 3, discardedAt: T0 + 7 });
      expect(await store.activateConfigVersion(TENANT, 3, 'x', T0 + 9)).toBe(false);
      expect((await store.getActiveConfigVersion(TENANT))?.version).toBe(2);
      expect((await store.listConfigVersions(TENANT)).map((v) => [v.version, v.draft ?? false, v.discardedAt ?? null])).toEqual([
        [1, false, null],
        [2, false, null],
        [3, true, T0 + 7],
      ]);
    });

    it('gives concurrent publishers (two processes) distinct consecutive numbers', async () => {
      const stores = await ctx.stores();
      const made = await Promise.all(
        Array.from({ length: 8 }, (_, i) => stores[i % stores.length]!.appendConfigVersion(draft({ comment: `c${i}` }), { activate: true })),
      );
      expect(made.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      for (const s of stores) expect((await s.listConfigVersions(TENANT)).length).toBe(8);
    });

    it('deletes a tenant\'s versions with the tenant, and only that tenant\'s', async () => {
      const store = ctx.store();
      await store.appendConfigVersion(draft(), { activate: true });
      await store.appendConfigVersion(draft({ tenant: OTHER }), { activate: true });
      await store.deleteTenant(TENANT);
      expect(await store.listConfigVersions(TENANT)).toEqual([]);
      expect(await store.getActiveConfigVersion(TENANT)).toBeNull();
      expect(await store.activeConfigVersions()).toEqual(new Map([[OTHER, 1]]));
    });

    it('records the config version that decided each audited decision', async () => {
      const store = ctx.store();
      await store.appendAudit([
        { tenant: TENANT, leadId: 'l1', at: T0, evaluation: evaluation('l1', 10), configVersion: 'file:abc123' },
        { tenant: TENANT, leadId: 'l1', at: T0 + 1, evaluation: evaluation('l1', 20), configVersion: 'v3' },
      ]);
      expect((await store.getAudit(TENANT, 'l1')).map((a) => a.configVersion)).toEqual(['v3', 'file:abc123']);
    });
  });
}
