// The funnel per group (rep, source, tier, rule, grade or segment): leads, touched within 5 minutes, median /
// p90 time to first touch, converted to deal, won, revenue, with 95% Wilson intervals on the
// rates and small groups flagged (never hidden); and where managers overrode the routing in the
// CRM: leads reassigned there, leads closed by a lead status before any touch. Pure: the store's lean rows in, report rows out,
// in one pass over the window's leads (no object per lead: a 30-day window of a busy tenant
// holds tens of thousands; see "Reports" in docs/benchmarks.md).
import type { ReportDecision } from '../../store/report-types.ts';
import type { OutcomeRecord, RoutingOverride } from '../../store/types.ts';
import { attributedDecision, dealsByLead } from './lead-facts.ts';
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
  /** Leads a manager moved to another owner in the CRM (an owner change lead-router did not make). */
  reassignedInCrm: number;
  /** Leads closed by a lead status (HubSpot lead status, Pipedrive lead archived) before any touch. */
  closedUnworked: number;
  small: boolean;
}

/** Linear-interpolated percentile of sorted values (q in 0..1). */
export function percentile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** One group's running counts while the leads are read. */
class GroupTally {
  leads = 0;
  assigned = 0;
  fast = 0;
  converted = 0;
  won = 0;
  reassignedInCrm = 0;
  closedUnworked = 0;
  /** Minutes from assignment to first touch of the touched leads. */
  readonly delays: number[] = [];
  readonly revenue: Record<string, number> = {};
  private readonly counted = new Set<string>();

  readonly group: string;

  constructor(group: string) {
    this.group = group;
  }

  add(assignedAt: number | null, firstTouchAt: number | null, deals: readonly OutcomeRecord[], override: RoutingOverride | undefined): void {
    this.leads++;
    if (override?.reassignedInCrm) this.reassignedInCrm++;
    if (override?.closedUnworked) this.closedUnworked++;
    if (assignedAt !== null) {
      this.assigned++;
      if (firstTouchAt !== null) {
        const m = (firstTouchAt - assignedAt) / 60_000;
        this.delays.push(m);
        if (m * 60_000 <= FAST_TOUCH_MS) this.fast++;
      }
    }
    if (deals.length === 0) return;
    this.converted++;
    let won = false;
    for (const d of deals) {
      if (d.status !== 'won') continue;
      won = true;
      if (d.amount === null || this.counted.has(d.dealId)) continue;
      this.counted.add(d.dealId);
      const currency = d.currency ?? '?';
      this.revenue[currency] = (this.revenue[currency] ?? 0) + d.amount;
    }
    if (won) this.won++;
  }

  row(): FunnelRow {
    const delays = this.delays.sort((a, b) => a - b);
    return {
      group: this.group,
      leads: this.leads,
      assigned: this.assigned,
      touched: delays.length,
      touchedFast: wilsonRate(this.fast, this.assigned),
      medianTouchMinutes: percentile(delays, 0.5),
      p90TouchMinutes: percentile(delays, 0.9),
      converted: wilsonRate(this.converted, this.leads),
      won: wilsonRate(this.won, this.leads),
      revenue: this.revenue,
      reassignedInCrm: this.reassignedInCrm,
      closedUnworked: this.closedUnworked,
      small: this.leads < SMALL_SAMPLE,
    };
  }
}

const NO_DEALS: readonly OutcomeRecord[] = [];

/**
 * Rows per group, largest group first (ties by name), and the total over every lead: one entry
 * per lead decided in the window (`decisions`: each lead's latest decision with its first
 * assignment and touch) and its deals (`outcomes`). A lead with deals counts under the owner,
 * rule and tier its earliest deal was attributed to (conversion belongs to the decision that
 * made it); grade, source and segment are the latest decision's. Others count under their
 * latest decision in the window. `overrides` (Store.listRoutingOverrides) marks the leads whose
 * routing a manager overrode in the CRM; they count in the group the lead counts in.
 */
export function buildFunnel(
  decisions: readonly ReportDecision[],
  outcomes: readonly OutcomeRecord[],
  by: ReportDimension,
  overrides: ReadonlyMap<string, RoutingOverride> = new Map(),
): { rows: FunnelRow[]; total: FunnelRow } {
  const deals = dealsByLead(outcomes);
  const groups = new Map<string, GroupTally>();
  const total = new GroupTally('(all)');
  for (const d of decisions) {
    const own = deals.get(d.leadId) ?? NO_DEALS;
    // Only the owner, rule and tier are attributed; the other dimensions never need the deals.
    const attributed = own.length > 0 && (by === 'rep' || by === 'rule' || by === 'tier') ? attributedDecision(own) : null;
    let key: string;
    switch (by) {
      case 'rep':
        key = (attributed ? attributed.owner : d.owner) ?? '(unassigned)';
        break;
      case 'rule':
        key = (attributed ? attributed.rule : d.rule) ?? '(no rule)';
        break;
      case 'tier':
        key = attributed ? attributed.tier : d.tier;
        break;
      case 'source':
        key = d.source ?? '(unknown)';
        break;
      case 'grade':
        key = d.grade ?? '(no grade)';
        break;
      case 'segment':
        // The segment is the team the route targeted (the config's teams are its segments).
        key = d.segment ?? '(no team)';
        break;
    }
    let tally = groups.get(key);
    if (!tally) groups.set(key, (tally = new GroupTally(key)));
    const override = overrides.get(d.leadId);
    tally.add(d.assignedAt, d.firstTouchAt, own, override);
    total.add(d.assignedAt, d.firstTouchAt, own, override);
  }
  const rows = [...groups.values()].map((t) => t.row()).sort((a, b) => b.leads - a.leads || a.group.localeCompare(b.group));
  return { rows, total: total.row() };
}
