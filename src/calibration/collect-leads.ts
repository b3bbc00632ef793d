// What calibration learns from, per lead decided in the window: the decision its outcome is
// attributed to (else its latest decision) with that decision's score, tier and score ledger,
// and whether the lead was won (any won deal) or closed (any won or lost deal). Leads without
// a deal count as not won. A lead whose latest rep verdict (given in the window) is "bad fit"
// and that has no won deal is marked badFit: a confirmed negative, which the fit weighs more
// than a lead merely without a win yet (suggest-points.ts); a won deal wins over the verdict,
// whenever either came. Reads the store in pages and keeps only that compact view per lead.
import type { AuditEntry, OutcomeRecord, Store, TenantKey } from '../store/types.ts';
import type { CompactContribution } from './scoring-items.ts';

export interface CalibrationLead {
  leadId: string;
  at: number;
  score: number;
  tier: string;
  contributions: CompactContribution[];
  won: boolean;
  closed: boolean;
  /** The rep's latest verdict is "bad fit" and no deal was won (absent: false). */
  badFit?: boolean;
}

interface LeadOutcome {
  won: boolean;
  closed: boolean;
  /** The decision the lead's earliest attributed deal points at. */
  decidedAt: number | null;
}

const AUDIT_PAGE = 2000;

export function summarizeOutcomes(outcomes: readonly OutcomeRecord[]): Map<string, LeadOutcome> {
  const byLead = new Map<string, LeadOutcome & { firstDeal: number }>();
  for (const o of outcomes) {
    const s = byLead.get(o.leadId) ?? { won: false, closed: false, decidedAt: null, firstDeal: Infinity };
    if (o.status === 'won') s.won = true;
    if (o.status !== 'open') s.closed = true;
    const created = o.dealCreatedAt ?? o.observedAt;
    if (o.decision && created < s.firstDeal) {
      s.firstDeal = created;
      s.decidedAt = o.decision.decidedAt;
    }
    byLead.set(o.leadId, s);
  }
  return byLead;
}

function compact(a: AuditEntry, outcome: LeadOutcome | undefined): CalibrationLead {
  const e = a.evaluation;
  return {
    leadId: a.leadId,
    at: a.at,
    score: e.score.total,
    tier: e.tier,
    contributions: e.score.contributions.map((c) => ({ rule: c.rule, label: c.label, value: c.value, points: c.points, ...(c.count === undefined ? {} : { count: c.count }) })),
    won: outcome?.won ?? false,
    closed: outcome?.closed ?? false,
  };
}

/** Pick, per lead, the audited decision to learn from (pure; exported for tests). */
export function pickDecisions(audits: Iterable<AuditEntry>, outcomes: Map<string, LeadOutcome>, into = new Map<string, CalibrationLead & { attributed: boolean }>()): Map<string, CalibrationLead & { attributed: boolean }> {
  for (const a of audits) {
    const outcome = outcomes.get(a.leadId);
    const seen = into.get(a.leadId);
    const attributed = outcome?.decidedAt === a.at;
    // The attributed decision wins; otherwise the latest one.
    if (!seen || attributed || (!seen.attributed && a.at >= seen.at)) into.set(a.leadId, { ...compact(a, outcome), attributed });
  }
  return into;
}

export async function collectLeads(store: Store, tenant: TenantKey, since: number): Promise<CalibrationLead[]> {
  const outcomes = summarizeOutcomes(await store.listOutcomes(tenant, { since }));
  const picked = new Map<string, CalibrationLead & { attributed: boolean }>();
  for (let cursor = { at: since, id: 0 }; ; ) {
    const page = await store.listAuditSince(tenant, cursor.at, { afterId: cursor.id, limit: AUDIT_PAGE });
    pickDecisions(page, outcomes, picked);
    if (page.length < AUDIT_PAGE) break;
    cursor = { at: page.at(-1)!.at, id: page.at(-1)!.id };
  }
  const badFit = new Set((await store.latestFeedback(tenant, since)).filter((v) => v.kind === 'bad_fit').map((v) => v.leadId));
  return [...picked.values()].map(({ attributed: _, ...lead }) => (badFit.has(lead.leadId) && !lead.won ? { ...lead, badFit: true } : lead));
}
