// Store contract, part 8: reps' own absences (set from the CRM card / panel), per tenant, ended
// early by "I'm back", and folded into the routing state the engine reads.
import { describe, expect, it } from '@jest/globals';
import type { AbsenceInput, OwnerPeriod } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT } from './fixtures.ts';

const HOUR = 3_600_000;
const away = (over: Partial<AbsenceInput> = {}): AbsenceInput => ({
  tenant: TENANT,
  owner: 'anna@x.test',
  from: T0,
  to: T0 + 8 * HOUR,
  note: 'dentist',
  setBy: 'hubspot-user:77 (anna@x.test)',
  setAt: T0 - HOUR,
  ...over,
});
const anna: OwnerPeriod = { owner: 'anna@x.test', dayStart: T0, weekStart: T0 };

export function runAbsencesContract(ctx: ContractContext): void {
  describe('absences', () => {
    it('keeps each absence per tenant and lists those still in effect', async () => {
      const store = ctx.store();
      const a = await store.addAbsence(away());
      expect(a).toStrictEqual({ id: a.id, ...away(), endedAt: null, endedBy: null });
      await store.addAbsence(away({ tenant: OTHER, note: null }));
      await store.addAbsence(away({ owner: 'ben@x.test', from: T0 - 10 * HOUR, to: T0 - 9 * HOUR }));
      expect((await store.listAbsences(TENANT)).map((r) => r.owner)).toEqual(['ben@x.test', 'anna@x.test']);
      expect((await store.listAbsences(TENANT, { after: T0 })).map((r) => r.owner)).toEqual(['anna@x.test']);
      expect((await store.listAbsences(TENANT, { owner: 'ben@x.test' })).map((r) => r.to)).toEqual([T0 - 9 * HOUR]);
      expect((await store.listAbsences(OTHER)).map((r) => r.note)).toEqual([null]);
    });

    it('refuses a period that ends before it starts', async () => {
      await expect(ctx.store().addAbsence(away({ to: T0 }))).rejects.toMatchObject({ code: 'STORE_ERROR' });
    });

    it("ends the owner's running and future absences early, and only theirs", async () => {
      const store = ctx.store();
      await store.addAbsence(away());
      await store.addAbsence(away({ from: T0 + 24 * HOUR, to: T0 + 30 * HOUR }));
      await store.addAbsence(away({ owner: 'ben@x.test' }));
      await store.addAbsence(away({ tenant: OTHER }));
      expect(await store.endAbsences(TENANT, 'anna@x.test', T0 + 2 * HOUR, 'hubspot-user:77')).toBe(2);
      expect(await store.endAbsences(TENANT, 'anna@x.test', T0 + 3 * HOUR, 'hubspot-user:77')).toBe(0); // nothing left running
      const annas = await store.listAbsences(TENANT, { owner: 'anna@x.test' });
      expect(annas.map((r) => [r.endedAt, r.endedBy])).toEqual([[T0 + 2 * HOUR, 'hubspot-user:77'], [T0 + 2 * HOUR, 'hubspot-user:77']]);
      expect((await store.listAbsences(TENANT, { after: T0 + 2 * HOUR })).map((r) => r.owner)).toEqual(['ben@x.test']);
      expect((await store.listAbsences(OTHER))[0]!.endedAt).toBeNull();
    });

    it('hands the routing state the absences in effect from the owners\' day on, an early end as the end', async () => {
      const store = ctx.store();
      await store.addAbsence(away());
      await store.addAbsence(away({ from: T0 - 48 * HOUR, to: T0 - 24 * HOUR })); // over before today
      await store.addAbsence(away({ tenant: OTHER, to: T0 + 99 * HOUR }));
      await store.endAbsences(TENANT, 'anna@x.test', T0 + 5 * HOUR, 'me');
      const tx = await store.routeAtomically(TENANT, 'probe', [anna], [], (t) => ({ result: structuredClone(t) }));
      expect(tx.state.absences).toStrictEqual({
        'anna@x.test': [{ from: T0, to: T0 + 5 * HOUR, note: 'dentist', setBy: 'hubspot-user:77 (anna@x.test)' }],
      });
    });

    it('goes with an uninstall', async () => {
      const store = ctx.store();
      await store.addAbsence(away());
      await store.addAbsence(away({ tenant: OTHER }));
      await store.deleteTenant(TENANT);
      expect(await store.listAbsences(TENANT)).toEqual([]);
      expect(await store.listAbsences(OTHER)).toHaveLength(1);
    });
  });
}
