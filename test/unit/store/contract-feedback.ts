// Store contract, part 5: rep feedback from the CRM card, kept per tenant and lead, and
// following the lead through merges, privacy deletion and uninstall.
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
  source: 'rep',
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
