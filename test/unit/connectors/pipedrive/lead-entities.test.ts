import { describe, expect, it } from '@jest/globals';
import { syncLeadOwners } from '../../../../connectors/pipedrive/lead-entities.ts';
import type { OwnerFollower } from '../../../../src/crm/interpret.ts';
import { CrmError } from '../../../../src/errors.ts';

function patcher(fail: (leadId: string, attempt: number) => Error | null = () => null) {
  const calls: [string, number][] = [];
  const attempts = new Map<string, number>();
  const patch = async (leadId: string, ownerId: number) => {
    const n = (attempts.get(leadId) ?? 0) + 1;
    attempts.set(leadId, n);
    const err = fail(leadId, n);
    if (err) throw err;
    calls.push([leadId, ownerId]);
  };
  return { patch, calls };
}

const lead = (recordId: string, leadId: string, ownerId: string | null): OwnerFollower => ({ leadId, recordId, ownerId });

describe('Leads-Inbox leads take their person owner (lead-entities.ts)', () => {
  it("PATCHes a new lead's owner once its person is decided, only when it differs", async () => {
    const { patch, calls } = patcher();
    const persons = [
      { id: '8', ownerId: '5', followers: [lead('L1', '8', '1'), lead('L2', '8', '5'), lead('L1', '8', '1')] },
      { id: '9', ownerId: '6', followers: [] },
    ];
    expect(await syncLeadOwners(patch, persons)).toEqual([]);
    expect(calls).toEqual([['L1', 5]]); // L2 already had the owner; L1 named twice is patched once
  });

  it('leaves the lead alone when the person has no owner to hand on', async () => {
    const { patch, calls } = patcher();
    expect(await syncLeadOwners(patch, [{ id: '8', ownerId: null, followers: [lead('L1', '8', '1')] }])).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('reports a retryable failure with the person, drops a deleted lead and fails a rejected one', async () => {
    const { patch, calls } = patcher((leadId, n) => {
      if (leadId === 'busy' && n === 1) return new CrmError('503', { status: 503, retryable: true });
      if (leadId === 'gone') return new CrmError('404', { status: 404, retryable: false });
      if (leadId === 'bad') return new CrmError('400 archived', { status: 400, retryable: false });
      return null;
    });
    const first = await syncLeadOwners(patch, [
      { id: '8', ownerId: '5', followers: [lead('busy', '8', null)] },
      { id: '9', ownerId: '5', followers: [lead('gone', '9', null)] },
      { id: '10', ownerId: '5', followers: [lead('bad', '10', null)] },
    ]);
    expect(first).toEqual([
      { id: '8', ok: false, retryable: true, error: 'lead busy: 503' },
      { id: '10', ok: false, retryable: false, error: 'lead bad: 400 archived' },
    ]);
    // The retry replays the person's rows, which name the lead again.
    expect(await syncLeadOwners(patch, [{ id: '8', ownerId: '5', followers: [lead('busy', '8', null)] }])).toEqual([]);
    expect(calls).toEqual([['busy', 5]]);
  });
});
