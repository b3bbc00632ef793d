// Store contract, part 5: rep feedback from the CRM card / panel / CRM property, kept per tenant
// and lead with the decision it judges, deduplicated when the CRM re-sends the latest verdict,
// counted per rule and owner, and following the lead through merges, privacy deletion and uninstall.
import { describe, expect, it } from '@jest/globals';
import type { FeedbackRecord } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT } from './fixtures.ts';

const fb = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  tenant: TENANT,
  leadId: 'l1',
  at: T0,
  userId: '77',
  kind: 'good_lead',
  note: null,
  source: 'card',
  decision: null,
  ...over,
});

export function runFeedbackContract(ctx: ContractContext): void {
  describe('feedback', () => {
    it('lists a lead feedback newest first, never another tenant or lead', async () => {
      const store = ctx.store();
      await store.appendFeedback(fb());
      await store.appendFeedback(fb({ at: T0 + 10, kind: 'wrong_owner', note: 'belongs to EMEA', userId: null }));
      await store.appendFeedback(fb({ tenant: OTHER, kind: 'bad_fit' }));
      await store.appendFeedback(fb({ leadId: 'l2', kind: 'bad_fit' }));
      expect(await store.listFeedback(TENANT, 'l1')).toStrictEqual([
        fb({ at: T0 + 10, kind: 'wrong_owner', note: 'belongs to EMEA', userId: null }),
        fb(),
      ]);
      expect(await store.listFeedback(TENANT, 'l1', 1)).toHaveLength(1);
      expect(await store.listFeedback(OTHER, 'l1')).toStrictEqual([fb({ tenant: OTHER, kind: 'bad_fit' })]);
    });

    it('keeps the source and the decision judged; "duplicate" is a kind', async () => {
      const store = ctx.store();
      const decision = { decidedAt: T0 - 5, owner: 'ana@example.com', rule: 'emea', tier: 'hot', score: 72.5, configVersion: 'v3' };
      expect(await store.appendFeedback(fb({ kind: 'duplicate', source: 'panel', decision }))).toBe(true);
      expect(await store.listFeedback(TENANT, 'l1')).toStrictEqual([fb({ kind: 'duplicate', source: 'panel', decision })]);
      // source and decision default to card / none
      const { source: _s, decision: _d, ...bare } = fb({ leadId: 'l2' });
      await store.appendFeedback(bare);
      expect(await store.listFeedback(TENANT, 'l2')).toStrictEqual([fb({ leadId: 'l2' })]);
    });

    it('does not store a CRM value that repeats the lead latest verdict (re-sent, or the echo of a card verdict)', async () => {
      const store = ctx.store();
      expect(await store.appendFeedback(fb({ kind: 'bad_fit', note: 'student' }))).toBe(true);
      expect(await store.appendFeedback(fb({ at: T0 + 1, kind: 'bad_fit', note: 'student', source: 'crm' }))).toBe(false);
      expect(await store.appendFeedback(fb({ at: T0 + 2, kind: 'bad_fit', note: 'student', source: 'crm' }))).toBe(false);
      // another note, another kind, or a null note after a note: new verdicts
      expect(await store.appendFeedback(fb({ at: T0 + 3, kind: 'bad_fit', note: null, source: 'crm' }))).toBe(true);
      expect(await store.appendFeedback(fb({ at: T0 + 4, kind: 'bad_fit', note: null, source: 'crm' }))).toBe(false);
      expect(await store.appendFeedback(fb({ at: T0 + 5, kind: 'wrong_owner', note: null, source: 'crm' }))).toBe(true);
      // the same value again after a change is a verdict again
      expect(await store.appendFeedback(fb({ at: T0 + 6, kind: 'bad_fit', note: null, source: 'crm' }))).toBe(true);
      // the card and panel keep every click; other leads and tenants are not compared
      expect(await store.appendFeedback(fb({ at: T0 + 7, kind: 'bad_fit', note: null }))).toBe(true);
      expect(await store.appendFeedback(fb({ tenant: OTHER, at: T0 + 8, kind: 'bad_fit', note: null, source: 'crm' }))).toBe(true);
      expect(await store.appendFeedback(fb({ leadId: 'l2', at: T0 + 8, kind: 'bad_fit', note: null, source: 'crm' }))).toBe(true);
      expect((await store.listFeedback(TENANT, 'l1')).map((r) => [r.kind, r.note, r.source])).toEqual([
        ['bad_fit', null, 'card'],
        ['bad_fit', null, 'crm'],
        ['wrong_owner', null, 'crm'],
        ['bad_fit', null, 'crm'],
        ['bad_fit', 'student', 'card'],
      ]);
    });

    it('counts feedback per rule, owner and kind in a window, for one tenant only', async () => {
      const store = ctx.store();
      const d = (rule: string | null, owner: string | null) => ({ decidedAt: T0 - 100, owner, rule, tier: 'hot', score: 50, configVersion: null });
      await store.appendFeedback(fb({ at: T0, kind: 'wrong_owner', decision: d('emea', 'ana@example.com') }));
      await store.appendFeedback(fb({ leadId: 'l2', at: T0 + 1, kind: 'wrong_owner', decision: d('emea', 'ana@example.com') }));
      await store.appendFeedback(fb({ leadId: 'l3', at: T0 + 2, kind: 'good_lead', decision: d('emea', 'bo@example.com') }));
      await store.appendFeedback(fb({ leadId: 'l4', at: T0 + 3, kind: 'bad_fit', decision: d(null, 'bo@example.com') }));
      await store.appendFeedback(fb({ leadId: 'l5', at: T0 + 4, kind: 'duplicate' }));
      await store.appendFeedback(fb({ leadId: 'l6', at: T0 + 500, kind: 'good_lead', decision: d('emea', 'ana@example.com') }));
      await store.appendFeedback(fb({ tenant: OTHER, kind: 'good_lead', decision: d('emea', 'ana@example.com') }));
      expect(await store.countFeedback(TENANT, { since: T0, until: T0 + 500 })).toEqual([
        { rule: null, owner: null, kind: 'duplicate', count: 1 },
        { rule: null, owner: 'bo@example.com', kind: 'bad_fit', count: 1 },
        { rule: 'emea', owner: 'ana@example.com', kind: 'wrong_owner', count: 2 },
        { rule: 'emea', owner: 'bo@example.com', kind: 'good_lead', count: 1 },
      ]);
      expect(await store.countFeedback(TENANT, { since: T0 + 2 })).toHaveLength(4);
      expect(await store.countFeedback(TENANT)).toHaveLength(5);
      expect(await store.countFeedback('hubspot:404')).toEqual([]);
    });

    it("lists each lead's latest verdict given in the window, for one tenant only", async () => {
      const store = ctx.store();
      await store.appendFeedback(fb({ leadId: 'b', at: T0, kind: 'bad_fit' }));
      await store.appendFeedback(fb({ leadId: 'b', at: T0 + 5, kind: 'good_lead' })); // changed mind
      await store.appendFeedback(fb({ leadId: 'a', at: T0 + 1, kind: 'good_lead' }));
      await store.appendFeedback(fb({ leadId: 'a', at: T0 + 2, kind: 'bad_fit', source: 'crm' }));
      // same instant: the later row wins
      await store.appendFeedback(fb({ leadId: 'c', at: T0 + 3, kind: 'duplicate' }));
      await store.appendFeedback(fb({ leadId: 'c', at: T0 + 3, kind: 'bad_fit' }));
      await store.appendFeedback(fb({ leadId: 'old', at: T0 - 100, kind: 'bad_fit' }));
      await store.appendFeedback(fb({ tenant: OTHER, leadId: 'x', at: T0, kind: 'bad_fit' }));
      expect(await store.latestFeedback(TENANT, T0)).toEqual([
        { leadId: 'a', kind: 'bad_fit', at: T0 + 2 },
        { leadId: 'b', kind: 'good_lead', at: T0 + 5 },
        { leadId: 'c', kind: 'bad_fit', at: T0 + 3 },
      ]);
      // a lead whose latest verdict is older than since is left out
      expect((await store.latestFeedback(TENANT, T0 + 3)).map((v) => v.leadId)).toEqual(['b', 'c']);
      expect(await store.latestFeedback(OTHER, T0)).toEqual([{ leadId: 'x', kind: 'bad_fit', at: T0 }]);
      expect(await store.latestFeedback('hubspot:404', 0)).toEqual([]);
    });

    it('rejects an unknown kind', async () => {
      const store = ctx.store();
      await expect(store.appendFeedback(fb({ kind: 'spam' as FeedbackRecord['kind'] }))).rejects.toMatchObject({ code: 'STORE_ERROR' });
    });

    it('moves with a merge and goes with a purge or an uninstall', async () => {
      const store = ctx.store();
      await store.appendFeedback(fb({ leadId: 'from' }));
      await store.rekeyLead(TENANT, 'from', 'to');
      expect((await store.listFeedback(TENANT, 'to')).map((r) => r.leadId)).toEqual(['to']);
      await store.purgeLead(TENANT, 'to');
      expect(await store.listFeedback(TENANT, 'to')).toEqual([]);
      await store.appendFeedback(fb());
      await store.appendFeedback(fb({ tenant: OTHER }));
      await store.deleteTenant(TENANT);
      expect(await store.listFeedback(TENANT, 'l1')).toEqual([]);
      expect(await store.listFeedback(OTHER, 'l1')).toHaveLength(1);
    });
  });
}
