// What the HubSpot score card shows, built from the lead's latest audited decision: score,
// tier, grade, owner, the top reasons with their points, the routing decision in one sentence
// and "show why" (rules tried, candidates skipped and why), the config version, recent feedback.
// The card (connectors/hubspot/app/src/app/cards/) declares the same shape in its types.ts.
import type { AuditRecord, FeedbackRecord } from '../../store/types.ts';

/** Reasons shown on the card; the full breakdown stays in the audit. */
export const CARD_TOP_REASONS = 5;
export const CARD_FEEDBACK_SHOWN = 5;

export interface CardView {
  objectId: string;
  scoredAt: number;
  score: { total: number; fit: number; engagement: number };
  tier: string;
  grade: string | null;
  owner: string | null;
  reasons: { label: string; points: number; kind: 'fit' | 'engagement' }[];
  decision: {
    sentence: string;
    rule: string | null;
    target: string;
    team: string | null;
    /** Rule by rule: which matched, which did not and why. */
    rulesTried: string[];
    /** Team members not picked, with the reason (out of office, at cap, ...). */
    skipped: { owner: string; reason: string; detail: string | null }[];
    tieBreak: string | null;
  };
  /** The active config's version (sha256 prefix of its text). */
  configVersion: string;
  feedback: { kind: FeedbackRecord['kind']; at: number; userId: string | null; note: string | null }[];
}

export function buildCardView(audit: AuditRecord, feedback: FeedbackRecord[], configVersion: string): CardView {
  const e = audit.evaluation;
  const reasons = e.score.contributions
    .slice()
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
    .slice(0, CARD_TOP_REASONS)
    .map((c) => ({ label: c.label, points: c.points, kind: c.kind }));
  return {
    objectId: audit.leadId,
    scoredAt: audit.at,
    score: { total: e.score.total, fit: e.score.fit, engagement: e.score.engagement },
    tier: e.tier,
    grade: e.grade,
    owner: e.route.owner,
    reasons,
    decision: {
      sentence: e.route.reason,
      rule: e.route.rule,
      target: e.route.target,
      team: e.route.team ?? null,
      rulesTried: e.route.trace,
      skipped: e.route.candidates
        .filter((c) => !c.eligible || c.skipped !== undefined)
        .map((c) => ({ owner: c.owner, reason: c.skipped ?? 'not eligible', detail: c.detail ?? null })),
      tieBreak: e.route.tieBreak ?? null,
    },
    configVersion,
    feedback: feedback.slice(0, CARD_FEEDBACK_SHOWN).map((f) => ({ kind: f.kind, at: f.at, userId: f.userId, note: f.note })),
  };
}
