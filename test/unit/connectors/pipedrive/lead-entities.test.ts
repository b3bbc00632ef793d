import { describe, expect, it } from '@jest/globals';
import { createLeadEntityTracker } from '../../../../connectors/pipedrive/lead-entities.ts';
import { CrmError } from '../../../../src/errors.ts';

function tracker(fail: (leadId: string, attempt: number) => Error | null = () => null) {
  const calls: [string, number][] = [];
  const attempts = new Map<string, number>();
  const t = createLeadEntityTracker(async (leadId, ownerId) => {
    const n = (attempts.get(leadId) ?? 0) + 1;
    attempts.set(leadId, n);
    const err = fail(leadId, n);
    if (err) throw err;
    calls.push([leadId, ownerId]);
  });
  return { t, calls };
}

describe('Leads-Inbox leads take their person owner (lead-entities.ts)', () => {
  it("PATCHes a new lead's owner once its person is decided, only when it differs", async () => {
    const { t, calls } = tracker();
    t.note({ leadId: 'L1', personId: '8', ownerId: '1' });
    t.note({ leadId: 'L2', personId: '8', ownerId: '5' });
    t.note({ leadId: 'L3', personId: '9', ownerId: '1' });
    expect(t.pending()).toBe(3);
    expect(await t.afterWrite([{ id: '8', ownerId: '5' }, { id: '7', ownerId: '5' }])).toEqual([]);
    expect(calls).toEqual([['L1', 5]]); // L2 already had the owner
    expect(t.pending()).toBe(1);
    expect(await t.afterWrite([{ id: '8', ownerId: '5' }])).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('leaves the lead alone when the person has no owner to hand on', async () => {
    const { t, calls } = tracker();
    t.note({ leadId: 'L1', personId: '8', ownerId: '1' });
    expect(await t.afterWrite([{ id: '8', ownerId: null }])).toEqual([]);
    expect(calls).toEqual([]);
    expect(t.pending()).toBe(0);
  });

  it('retries a retryable failure with the person, drops a deleted lead and fails a rejected one', async () => {
    const { t, calls } = tracker((leadId, n) => {
      if (leadId === 'busy' && n === 1) return new CrmError('503', { status: 503, retryable: true });
      if (leadId === 'gone') return new CrmError('404', { status: 404, retryable: false });
      if (leadId === 'bad') return new CrmError('400 archived', { status: 400, retryable: false });
      return null;
    });
    t.note({ leadId: 'busy', personId: '8', ownerId: null });
    t.note({ leadId: 'gone', personId: '9', ownerId: null });
    t.note({ leadId: 'bad', personId: '10', ownerId: null });
    const first = await t.afterWrite([{ id: '8', ownerId: '5' }, { id: '9', ownerId: '5' }, { id: '10', ownerId: '5' }]);
    expect(first).toEqual([
      { id: '8', ok: false, retryable: true, error: 'lead busy: 503' },
      { id: '10', ok: false, retryable: false, error: 'lead bad: 400 archived' },
    ]);
    expect(t.pending()).toBe(1); // only the retryable one waits
    expect(await t.afterWrite([{ id: '8', ownerId: '5' }])).toEqual([]);
    expect(calls).toEqual([['busy', 5]]);
    expect(t.pending()).toBe(0);
  });
});
