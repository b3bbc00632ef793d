// One lead: CRM snapshot + ledger -> engine decision, taken atomically with the routing state
// (rotation slot and capacity are claimed in the same store transaction).
import type { CrmLeadSnapshot } from '../crm/types.ts';
import { evaluateLead } from '../engine/evaluate.ts';
import { formatReasons } from '../engine/explain.ts';
import { scoreLead } from '../engine/score.ts';
import { classify } from '../engine/tiers.ts';
import type { CompiledConfig, EngagementEvent, Evaluation, Lead, RouteDecision } from '../engine/types.ts';
import type { AssignmentInput, AssignmentRecord, OwnerPeriod, Store } from '../store/types.ts';
import type { OwnerDirectory } from './support/owner-directory.ts';

export interface SlaBreachRequest {
  round: number;
  exclude: string[];
  escalateTo?: string;
}

export interface SnapshotDecision {
  evaluation: Evaluation;
  /** The owner's CRM id to write (null: leave the owner alone). */
  ownerId: string | null;
  /** A new assignment was recorded (rotation advanced, SLA may start). */
  assigned: AssignmentInput | null;
}

export function toLead(snapshot: CrmLeadSnapshot, events: EngagementEvent[], dir: OwnerDirectory): Lead {
  return {
    id: snapshot.id,
    fields: snapshot.fields,
    currentOwner: dir.emailOf(snapshot.ownerId),
    accountOwner: dir.emailOf(snapshot.companyOwnerId),
    events,
    createdAt: snapshot.createdAt ?? undefined,
  };
}

function keptRoute(owner: string | null, reason: string): RouteDecision {
  return { owner, rule: null, target: 'keep_current', reason, trace: [reason], candidates: [] };
}

/** Score only, keep the owner (a CRM owner lead-router does not manage). */
function scoreOnly(lead: Lead, compiled: CompiledConfig, now: number, reason: string): Evaluation {
  const score = scoreLead(lead, compiled, now);
  const { tier, grade } = classify(score, compiled);
  const route = keptRoute(lead.currentOwner ?? null, reason);
  const reasons = formatReasons(score, route, compiled.config.writeBack.reasonsMaxLength);
  return { leadId: lead.id, score, tier, grade, route, reasons };
}

/**
 * With keepCurrentOwner off, a lead is re-routed when its data changes; but a current owner who
 * is an eligible member of the team the rules now pick keeps the lead (no churn, no rotation
 * advance for a lead that already sits in the right team).
 */
function keepsTeamMember(decision: RouteDecision, current: string | null): boolean {
  if (!current || decision.target !== 'team' || decision.owner === current) return false;
  return decision.candidates.some((c) => c.owner === current && c.eligible);
}

export async function decideForSnapshot(args: {
  store: Store;
  tenant: string;
  snapshot: CrmLeadSnapshot;
  events: EngagementEvent[];
  dir: OwnerDirectory;
  compiled: CompiledConfig;
  periods: OwnerPeriod[];
  now: number;
  breach?: SlaBreachRequest;
}): Promise<SnapshotDecision> {
  const { store, tenant, snapshot, dir, compiled, now, breach } = args;
  const lead = toLead(snapshot, args.events, dir);
  const routing = compiled.config.routing;

  // A CRM owner lead-router does not manage (not in the config, or archived in the CRM):
  // keep it when keepCurrentOwner is on; lead-router still scores the lead.
  if (snapshot.ownerId && routing.keepCurrentOwner && !breach) {
    const email = lead.currentOwner;
    if (!email || !compiled.owners.has(email)) {
      const ev = scoreOnly(lead, compiled, now, `kept CRM owner ${snapshot.ownerId} (not managed by lead-router)`);
      return { evaluation: ev, ownerId: null, assigned: null };
    }
  }

  const teams = compiled.config.teams.map((t) => t.name);
  // Config owners with no active CRM user (archived, deactivated, a typo in the email) cannot
  // receive leads: the engine skips them like any other ineligible rep, and says so.
  const unavailable = compiled.config.owners.map((o) => o.email.toLowerCase()).filter((e) => dir.idOf(e) === null);
  const exclude = [...(breach?.exclude ?? []), ...unavailable];
  return store.routeAtomically<SnapshotDecision>(tenant, snapshot.id, args.periods, teams, ({ state, current }) => {
    // Crash recovery / write pending: the store already holds an assignment the CRM has not
    // received yet. Treat it as the current owner so a replay does not advance the rotation.
    const pending = pendingOwner(current, snapshot, dir);
    if (pending && !lead.currentOwner) lead.currentOwner = pending;

    let evaluation: Evaluation;
    if (breach?.escalateTo) {
      evaluation = evaluateLead(lead, compiled, state, now, { forceReroute: true, exclude });
      const to = breach.escalateTo;
      evaluation.route = {
        ...evaluation.route,
        owner: to,
        target: 'owner',
        team: undefined,
        rotation: undefined,
        sla: undefined,
        reason: `SLA breached (round ${breach.round}): escalated to ${to}`,
        trace: [...evaluation.route.trace, `SLA breach round ${breach.round}: escalate to ${to}`],
      };
      evaluation.reasons = formatReasons(evaluation.score, evaluation.route, compiled.config.writeBack.reasonsMaxLength);
    } else {
      evaluation = evaluateLead(lead, compiled, state, now, breach ? { forceReroute: true, exclude } : exclude.length ? { exclude } : {});
      if (!breach && keepsTeamMember(evaluation.route, lead.currentOwner ?? null)) {
        evaluation.route = keptRoute(lead.currentOwner ?? null, `kept ${lead.currentOwner}: already a member of team ${evaluation.route.team}`);
        evaluation.reasons = formatReasons(evaluation.score, evaluation.route, compiled.config.writeBack.reasonsMaxLength);
      }
    }

    // Kept owner that lead-router assigned earlier: explain the original decision, in the same
    // words, so a rescore with unchanged data writes nothing.
    if (evaluation.route.target === 'keep_current' && current && !current.closed && current.owner === evaluation.route.owner) {
      evaluation.route = {
        ...evaluation.route,
        rule: current.rule,
        team: current.team ?? undefined,
        target: current.team ? 'team' : current.rule ? 'owner' : 'fallback',
        reason: `kept ${current.owner}, assigned ${current.rule ? `by rule ${current.rule}` : 'by the fallback'} at ${new Date(current.assignedAt).toISOString()}`,
      };
      evaluation.reasons = formatReasons(evaluation.score, evaluation.route, compiled.config.writeBack.reasonsMaxLength);
    }

    const owner = evaluation.route.owner;
    const changed = owner !== null && owner !== (lead.currentOwner ?? null);
    const newAssignment = evaluation.route.target !== 'keep_current' && (changed || !current);
    // The owner id to hold in the CRM: planWrite writes it only when the CRM differs (a pending
    // assignment replayed after a crash is written now).
    const ownerId = owner ? dir.idOf(owner) : null;
    if (!newAssignment) return { result: { evaluation, ownerId, assigned: null } };

    const assignment: AssignmentInput = {
      tenant,
      leadId: snapshot.id,
      owner,
      team: evaluation.route.team ?? null,
      rule: evaluation.route.rule,
      tier: evaluation.tier,
      assignedAt: now,
      slaDeadline: evaluation.route.sla?.deadline ?? null,
      rotation: evaluation.route.rotation,
      round: breach ? breach.round + 1 : 0,
    };
    return { result: { evaluation, ownerId, assigned: assignment }, assignment };
  });
}

function pendingOwner(current: AssignmentRecord | null, snapshot: CrmLeadSnapshot, dir: OwnerDirectory): string | null {
  if (!current || current.closed || !current.owner) return null;
  const crmOwner = dir.emailOf(snapshot.ownerId);
  if (crmOwner === null || crmOwner === current.owner) return current.owner;
  return null;
}
