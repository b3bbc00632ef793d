// The funnel per group (rep, source, tier, rule, grade or segment): leads, touched within 5 minutes, median /
// p90 time to first touch, converted to deal, won, revenue, with 95% Wilson intervals on the
// rates and small groups flagged (never hidden). Pure: lead facts in, report rows out.
import type { LeadFacts } from './lead-facts.ts';
import { wilsonRate, type Rate } from './wilson.ts';

export const REPORT_DIMENSIONS = ['rep', 'source', 'tier', 'rule', 'grade', 'segment'] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** "Speed to lead": a touch within 5 minutes of the assignment (issue 11). */
export const FAST_TOUCH_MS = 5 * 60_000;
/** Below this many leads a group's rates are flagged as small samples (their intervals are wide). */
export const SMALL_SAMPLE = 30;

export interface FunnelRow {
  group: string;
  leads: number;
  /** Leads assigned to an owner (the base of the touch figures). */
  assigned: number;
  touched: number;
  /** Touched within 5 minutes of the assignment, over assigned leads. */
  touchedFast: Rate;
  medianTouchMinutes: number | null;
  p90TouchMinutes: number | null;
  /** Leads with at least one deal, over leads. */
  converted: Rate;
  /** Leads with at least one won deal, over leads. */
  won: Rate;
  /** Amounts of won deals by currency; a deal shared by several leads of the group counts once. */
  revenue: Record<string, number>;
  small: boolean;
}

const GROUP_OF: Record<ReportDimension, (f: LeadFacts) => string> = {
  rep: (f) => f.decision.owner ?? '(unassigned)',
  source: (f) => f.source ?? '(unknown)',
  tier: (f) => f.decision.tier,
  rule: (f) => f.decision.rule ?? '(no rule)',
  grade: (f) => f.decision.grade ?? '(no grade)',
  // The segment is the team the route targeted (the config's teams are its segments).
  segment: (f) => f.decision.segment ?? '(no team)',
};

/** Linear-interpolated percentile of sorted values (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function funnelRow(group: string, facts: readonly LeadFacts[]): FunnelRow {
  const assigned = facts.filter((f) => f.assignedAt !== null);
  const delays = assigned.filter((f) => f.firstTouchAt !== null).map((f) => (f.firstTouchAt! - f.assignedAt!) / 60_000).sort((a, b) => a - b);
  const revenue: Record<string, number> = {};
  const counted = new Set<string>();
  for (const f of facts) {
    for (const d of f.deals) {
      if (d.status !== 'won' || d.amount === null || counted.has(d.dealId)) continue;
      counted.add(d.dealId);
      const currency = d.currency ?? '?';
      revenue[currency] = (revenue[currency] ?? 0) + d.amount;
    }
  }
  return {
    group,
    leads: facts.length,
    assigned: assigned.length,
    touched: delays.length,
    touchedFast: wilsonRate(delays.filter((m) => m * 60_000 <= FAST_TOUCH_MS).length, assigned.length),
    medianTouchMinutes: percentile(delays, 0.5),
    p90TouchMinutes: percentile(delays, 0.9),
    converted: wilsonRate(facts.filter((f) => f.deals.length > 0).length, facts.length),
    won: wilsonRate(facts.filter((f) => f.deals.some((d) => d.status === 'won')).length, facts.length),
    revenue,
    small: facts.length < SMALL_SAMPLE,
  };
}

/** Rows per group, largest group first (ties by name), and the total over every lead. */
export function buildFunnel(facts: readonly LeadFacts[], by: ReportDimension): { rows: FunnelRow[]; total: FunnelRow } {
  const groups = new Map<string, LeadFacts[]>();
  for (const f of facts) {
    const key = GROUP_OF[by](f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const rows = [...groups].map(([g, list]) => funnelRow(g, list)).sort((a, b) => b.leads - a.leads || a.group.localeCompare(b.group));
  return { rows, total: funnelRow('(all)', facts) };
}
