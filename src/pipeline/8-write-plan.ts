// Turn an evaluation into the smallest CRM update: only values that differ from what the CRM
// holds now (never write unchanged values: fewer API calls, and no echo webhooks).
import type { CrmLeadSnapshot, LeadUpdate, WrittenKey } from '../crm/types.ts';
import type { Evaluation } from '../engine/types.ts';

/** The values lead-router writes for an evaluation, as the CRM stores them (strings). */
export function writtenValues(e: Evaluation): Record<WrittenKey, string> {
  return {
    score: formatNumber(e.score.total),
    fit: formatNumber(e.score.fit),
    engagement: formatNumber(e.score.engagement),
    priority: e.tier,
    grade: e.grade ?? '',
    reasons: e.reasons,
    // Whole percent (0-100); empty without a model, so a stale value is cleared.
    winProbability: e.prediction ? String(Math.round(e.prediction.probability * 100)) : '',
  };
}

function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function same(key: WrittenKey, current: string | undefined, next: string): boolean {
  if (current === undefined || current === null) return next === '';
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
  const values: LeadUpdate['values'] = {};
  let changed = false;
  for (const key of Object.keys(next) as WrittenKey[]) {
    if (!same(key, snapshot.written[key], next[key])) {
      values[key] = next[key];
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
