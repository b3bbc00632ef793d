// The replay's owner directory: kept across decisions that saw the same config owner ids, with
// each decision's own CRM owners (the lead's owner and account owner) laid over it, so a
// decision sees exactly the owners it recorded, whatever the decisions before it saw.
import { describe, expect, it } from '@jest/globals';
import { createReplay } from '../../../src/preview/replay-decisions.ts';
import type { PreviewEntry } from '../../../src/store/types.ts';
import { makeConfig, MON_10Z } from '../engine/route-fixtures.ts';

const compiled = makeConfig({
  owners: ['anna@x.test', 'bob@x.test'],
  teams: [{ name: 'sales', members: ['anna@x.test', 'bob@x.test'] }],
  routing: { rules: [{ name: 'sales-rule', assign: { team: 'sales' } }] },
});
const ownerIds = { 'anna@x.test': '1', 'bob@x.test': '2' };
const recorded = { owner: null, tier: 'cold', grade: null, rule: null, target: 'team', reasons: '' };
let n = 0;
function entry(ownerId: string | null, crmOwners: Record<string, string | null>, ids: Record<string, string | null> = ownerIds): PreviewEntry {
  n++;
  const snapshot = { id: `L${n}`, fields: {}, ownerId, companyOwnerId: null, createdAt: null };
  const input = { snapshot, events: [], crmOwners, ownerIds: { ...ids }, now: MON_10Z + n, routing: { state: { loads: {}, rotations: {} }, current: null } };
  return { id: n, leadId: `L${n}`, at: MON_10Z + n, seq: n, recorded, input };
}

describe('replay owner directory', () => {
  it('gives each decision the CRM owners it recorded', async () => {
    const replay = createReplay('hubspot:1', compiled);
    const unowned = await replay(entry(null, {}));
    expect(unowned!.replayed.route.target).toBe('team');
    // a CRM owner lead-router does not manage: kept, scored only
    const stranger = await replay(entry('7', { '7': 'stranger@x.test' }));
    expect(stranger!.replayed.route.owner).toBe('stranger@x.test');
    expect(stranger!.replayed.route.reason).toContain('kept CRM owner 7');
    // a config owner as CRM owner: kept as the current owner
    const anna = await replay(entry('1', { '1': 'anna@x.test' }));
    expect(anna!.replayed.route).toMatchObject({ owner: 'anna@x.test', target: 'keep_current' });
    // an owner id the CRM no longer lists as active still names the config owner it belongs to
    const bob = await replay(entry('2', { '2': null }));
    expect(bob!.replayed.route).toMatchObject({ owner: 'bob@x.test', target: 'keep_current' });
    // the next decision without CRM owners does not see the previous one's
    const again = await replay(entry('7', {}));
    expect(again!.replayed.route.reason).toContain('kept CRM owner 7');
    expect(again!.replayed.route.owner).toBeNull();
  });

  it('follows a change of the config owners ids between decisions', async () => {
    const replay = createReplay('hubspot:1', compiled);
    const first = await replay(entry(null, {}));
    expect(first!.replayed.route.owner).not.toBeNull();
    // anna lost her CRM user: only bob can receive leads now
    for (let i = 0; i < 3; i++) {
      const r = await replay(entry(null, {}, { 'anna@x.test': null, 'bob@x.test': '2' }));
      expect(r!.replayed.route.owner).toBe('bob@x.test');
    }
  });
});
