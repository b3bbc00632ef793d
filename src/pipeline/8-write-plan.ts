// Turn an evaluation into the smallest CRM update: only values that differ from what the CRM
// holds now (never write unchanged values: fewer API calls, and no echo webhooks).
import type { CrmLeadSnapshot, LeadUpdate, WrittenKey } from '../crm/types.ts';
import type { Evaluation } from '../engine/types.ts';

/** The values lead-router writes for an evaluation, as the CRM stores them (strings). */
export function writtenValues(e: Evaluation): Partial<Record<WrittenKey, string>> {
  return {
    score: formatNumber(e.score.total),
    fit: formatNumber(e.score.fit),
    engagement: formatNumber(e.score.engagement),
    priority: e.tier,
    grade: e.grade ?? '',
    reasons: e.reasons,
    // Whole percent (0-100), only with a model (scoring.predictive); see planWrite for clearing.
    ...(e.prediction ? { winProbability: String(Math.round(e.prediction.probability * 100)) } : {}),
  };
}

function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function same(key: WrittenKey, current: string | undefined, next: string): boolean {
  if (current === undefined || current === null) return next === '';
  if (next === '') return current === '';
  if (key === 'score' || key === 'fit' || key === 'engagement' || key === 'winProbability') {
    return current !== '' && Number(current) === Number(next);
  }
  return current === next;
}

export function planWrite(
  snapshot: CrmLeadSnapshot,
  evaluation: Evaluation,
  ownerId: string | null,
  writeOwner: boolean,
): LeadUpdate | null {
  const next = writtenValues(evaluation);
  // No model (any more): a win probability written before is cleared, not left stale.
  if (!evaluation.prediction && snapshot.written.winProbability) next.winProbability = '';
  const values: LeadUpdate['values'] = {};
  let changed = false;
  for (const key of Object.keys(next) as WrittenKey[]) {
    const value = next[key]!;
    if (!same(key, snapshot.written[key], value)) {
      values[key] = value;
      changed = true;
    }
  }
  const update: LeadUpdate = { id: snapshot.id, values };
  if (writeOwner && ownerId !== null && ownerId !== snapshot.ownerId) {
    update.ownerId = ownerId;
    changed = true;
  }
  return changed ? update : null;
}
