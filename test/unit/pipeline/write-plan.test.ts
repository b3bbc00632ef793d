import { describe, it, expect } from '@jest/globals';
import type { CrmLeadSnapshot } from '../../../src/crm/types.ts';
import type { Evaluation } from '../../../src/engine/types.ts';
import { planWrite, writtenValues } from '../../../src/pipeline/8-write-plan.ts';

const evaluation: Evaluation = {
  leadId: '1',
  score: { fit: 40, engagement: 12.5, total: 52.5, contributions: [], adjustments: [] },
  tier: 'warm',
  grade: 'A2',
  route: { owner: 'anna@example.com', rule: 'r', target: 'team', reason: 'x', trace: [], candidates: [] },
  reasons: '+40 size',
};

function snap(written: CrmLeadSnapshot['written'], ownerId: string | null = null): CrmLeadSnapshot {
  return { id: '1', fields: {}, ownerId, companyId: null, companyOwnerId: null, written, createdAt: null };
}

describe('planWrite', () => {
  it('writes everything for a fresh lead, owner included', () => {
    const u = planWrite(snap({}), evaluation, '77', true);
    expect(u).toEqual({ id: '1', ownerId: '77', values: writtenValues(evaluation) });
  });

  it('writes nothing when the CRM already holds the values (numbers compared numerically)', () => {
    const w = { ...writtenValues(evaluation), score: '52.50', fit: '40.0' };
    expect(planWrite(snap(w, '77'), evaluation, '77', true)).toBeNull();
  });

  it('writes only what changed', () => {
    const w = { ...writtenValues(evaluation), priority: 'cold' };
    expect(planWrite(snap(w, '77'), evaluation, '77', true)).toEqual({ id: '1', values: { priority: 'warm' } });
  });

  it('does not write the owner when owner write-back is off or the owner is unknown', () => {
    const w = writtenValues(evaluation);
    expect(planWrite(snap(w, '5'), evaluation, '77', false)).toBeNull();
    expect(planWrite(snap(w, '5'), evaluation, null, true)).toBeNull();
  });

  it('treats an empty grade as equal to a missing property', () => {
    const e = { ...evaluation, grade: null };
    const w = { ...writtenValues(e) };
    delete (w as Record<string, unknown>).grade;
    expect(planWrite(snap(w, '77'), e, '77', true)).toBeNull();
  });

  it('writes the win probability (whole percent) when the decision has one, compared numerically; clears a stale one', () => {
    const predicted: Evaluation = { ...evaluation, prediction: { probability: 0.234, factors: ['+size'], modelFittedAt: 1 } };
    const w = writtenValues(evaluation);
    expect(writtenValues(predicted).winProbability).toBe('23');
    expect(planWrite(snap(w, '77'), predicted, '77', true)).toEqual({ id: '1', values: { winProbability: '23' } });
    expect(planWrite(snap({ ...w, winProbability: '23.0' }, '77'), predicted, '77', true)).toBeNull();
    // no model any more: the value written before is cleared (also a 0)
    expect(planWrite(snap({ ...w, winProbability: '23' }, '77'), evaluation, '77', true)).toEqual({ id: '1', values: { winProbability: '' } });
    expect(planWrite(snap({ ...w, winProbability: '0' }, '77'), evaluation, '77', true)).toEqual({ id: '1', values: { winProbability: '' } });
    expect(planWrite(snap({ ...w, winProbability: '' }, '77'), evaluation, '77', true)).toBeNull();
  });
});
