// The nurture part of the write plan: only what the CRM does not hold yet, per CRM; lifecycle
// stage only forward; list membership asked for on every nurtured decision (idempotent); a
// re-engaged lead's Pipedrive nurture label taken off, its other labels kept.
import { describe, expect, it } from '@jest/globals';
import type { CrmLeadSnapshot } from '../../../src/crm/types.ts';
import type { Evaluation, NurtureMark } from '../../../src/engine/types.ts';
import { planNurture, withNurture } from '../../../src/pipeline/support/nurture-plan.ts';

const mark: NurtureMark = { program: 'cold', via: 'tier cold', assign: 'none', hubspot: { lifecycleStage: 'lead', leadStatus: 'NEW', listId: '7' }, pipedrive: { label: 'Cold lead' } };
const evaluation = (nurture?: NurtureMark) => ({ nurture }) as unknown as Evaluation;
const reengaged = (from?: NurtureMark) => ({ route: { reengaged: true }, ...(from ? { reengagedFrom: from } : {}) }) as unknown as Evaluation;
const snap = (nurture?: CrmLeadSnapshot['nurture']): CrmLeadSnapshot => ({ id: '1', fields: {}, ownerId: null, companyId: null, companyOwnerId: null, written: {}, createdAt: null, ...(nurture ? { nurture } : {}) });

describe('planNurture', () => {
  it('nothing without a nurture mark', () => {
    expect(planNurture('hubspot', snap(), evaluation())).toBeNull();
    expect(withNurture(null, 'hubspot', snap(), evaluation())).toBeNull();
  });

  it.each([
    [null, 'lead'],
    ['subscriber', 'lead'],
    ['lead', undefined], // already there
    ['customer', undefined], // never backwards
    ['other', undefined], // a custom / "other" stage is someone's choice
  ])('HubSpot lifecycle %s -> %s', (current, expected) => {
    const plan = planNurture('hubspot', snap({ lifecycleStage: current, leadStatus: 'NEW' }), evaluation(mark));
    expect(plan?.lifecycleStage).toBe(expected);
    expect(plan?.leadStatus).toBeUndefined();
    expect(plan?.listId).toBe('7');
  });

  it('HubSpot lead status when it differs; never Pipedrive actions', () => {
    expect(planNurture('hubspot', snap({ lifecycleStage: 'lead', leadStatus: 'OPEN' }), evaluation(mark))).toEqual({ leadStatus: 'NEW', listId: '7' });
  });

  it('Pipedrive: the label when missing (case-insensitive), keeping the labels the person has', () => {
    expect(planNurture('pipedrive', snap({ labels: [{ id: '1', name: 'Customer' }] }), evaluation(mark))).toEqual({ label: { name: 'Cold lead', keepIds: ['1'] } });
    expect(planNurture('pipedrive', snap({ labels: [{ id: '4', name: 'cold LEAD' }] }), evaluation(mark))).toBeNull();
    expect(planNurture('pipedrive', snap(), evaluation(mark))).toBeNull(); // labels unknown: never overwrite them
  });

  it('Pipedrive: a re-engaged lead gets its program label taken off (case-insensitive), the other labels kept', () => {
    const labels = [{ id: '1', name: 'Customer' }, { id: '4', name: 'cold LEAD' }, { id: '6', name: 'VIP' }];
    expect(planNurture('pipedrive', snap({ labels }), reengaged(mark))).toEqual({ unlabel: { name: 'Cold lead', keepIds: ['1', '6'] } });
    expect(planNurture('pipedrive', snap({ labels: [{ id: '4', name: 'Cold lead' }] }), reengaged(mark))).toEqual({ unlabel: { name: 'Cold lead', keepIds: [] } });
    // the label is gone already, the labels are unknown, the program has no label or is gone: nothing to write
    expect(planNurture('pipedrive', snap({ labels: [{ id: '1', name: 'Customer' }] }), reengaged(mark))).toBeNull();
    expect(planNurture('pipedrive', snap(), reengaged(mark))).toBeNull();
    expect(planNurture('pipedrive', snap({ labels }), reengaged({ ...mark, pipedrive: undefined }))).toBeNull();
    expect(planNurture('pipedrive', snap({ labels }), reengaged())).toBeNull();
    // HubSpot keeps its marks (lifecycle stage only forward, list membership is marketing's)
    expect(planNurture('hubspot', snap({ lifecycleStage: 'lead', leadStatus: 'NEW' }), reengaged(mark))).toBeNull();
    expect(withNurture({ id: '1', values: { score: 30 } }, 'pipedrive', snap({ labels }), reengaged(mark))).toEqual({ id: '1', values: { score: 30 }, nurture: { unlabel: { name: 'Cold lead', keepIds: ['1', '6'] } } });
  });

  it('withNurture adds the actions to the planned write, or makes a write of its own', () => {
    expect(withNurture({ id: '1', values: { score: 3 } }, 'pipedrive', snap({ labels: [] }), evaluation(mark))).toEqual({ id: '1', values: { score: 3 }, nurture: { label: { name: 'Cold lead', keepIds: [] } } });
    expect(withNurture(null, 'hubspot', snap({ lifecycleStage: 'lead', leadStatus: 'NEW' }), evaluation(mark))).toEqual({ id: '1', values: {}, nurture: { listId: '7' } });
  });
});
