// Which recorded routing decision an outcome is attributed to. Pure: the lead's audit rows in,
// the decision (owner, rule, tier, score, config version) out.
import type { AuditRecord, OutcomeDecision } from '../store/types.ts';

/**
 * The decision in force when the deal appeared: the newest audit row at or before `at` (the
 * deal's creation time). When every decision we hold is later (a deal older than lead-router's
 * first decision, seen through a backfill), the earliest one is used, so the outcome still
 * counts for the lead; null when the lead was never decided.
 */
export function attributeDecision(audits: readonly AuditRecord[], at: number): OutcomeDecision | null {
  if (audits.length === 0) return null;
  const byTime = [...audits].sort((a, b) => a.at - b.at);
  const chosen = byTime.filter((a) => a.at <= at).at(-1) ?? byTime[0]!;
  const e = chosen.evaluation;
  return {
    decidedAt: chosen.at,
    owner: e.route.owner,
    rule: e.route.rule,
    tier: e.tier,
    score: e.score.total,
    configVersion: chosen.configVersion ?? null,
  };
}
