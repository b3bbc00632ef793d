// One lead: CRM snapshot + ledger -> engine input; the engine's decision (decideLead) is taken
// atomically with the routing state (rotation slot and capacity are claimed in the same store
// transaction) and recorded as an assignment when it is a new one.
import type { CrmLeadSnapshot } from '../crm/types.ts';
import { decideLead, decideWithoutRouting } from '../engine/decide.ts';
import type { CompiledConfig, EngagementEvent, Evaluation, Lead, SlaBreachRequest } from '../engine/types.ts';
import type { AssignmentInput, OwnerPeriod, Store } from '../store/types.ts';
import type { OwnerDirectory } from './support/owner-directory.ts';

export interface SnapshotDecision {
  evaluation: Evaluation;
  /** The owner's CRM id to write (null: leave the owner alone). */
  ownerId: string | null;
  /** A new assignment was recorded (rotation advanced, SLA may start). */
  assigned: AssignmentInput | null;
  /** The decision's place in the routing order (RoutingTransaction.order); null: decided without a routing transaction. */
  seq: number | null;
}

export function toLead(snapshot: CrmLeadSnapshot, events: EngagementEvent[], dir: OwnerDirectory): Lead {
  return {
    id: snapshot.id,
    fields: snapshot.fields,
    currentOwner: dir.emailOf(snapshot.ownerId),
    currentOwnerCrmId: snapshot.ownerId,
    accountOwner: dir.emailOf(snapshot.companyOwnerId),
    events,
    createdAt: snapshot.createdAt ?? undefined,
  };
}

// The config's team names and lower-cased owner emails, once per compiled config (it is never
// changed once compiled): not rebuilt for every decision.
const names = new WeakMap<CompiledConfig, { teams: string[]; owners: string[] }>();
function namesOf(compiled: CompiledConfig): { teams: string[]; owners: string[] } {
  let n = names.get(compiled);
  if (!n) names.set(compiled, (n = { teams: compiled.config.teams.map((t) => t.name), owners: compiled.config.owners.map((o) => o.email.toLowerCase()) }));
  return n;
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

  // Score only (a CRM owner lead-router does not manage): no routing state, no transaction.
  const kept = decideWithoutRouting({ lead, compiled, now, ...(breach ? { breach } : {}) });
  if (kept) return { evaluation: kept.evaluation, ownerId: null, assigned: null, seq: null };

  const { teams, owners } = namesOf(compiled);
  // Config owners with no active CRM user (archived, deactivated, a typo in the email) cannot
  // receive leads: the engine skips them like any other ineligible rep, and says so.
  const unavailable = dir.unresolved(owners);
  return store.routeAtomically<SnapshotDecision>(tenant, snapshot.id, args.periods, teams, ({ state, current, order }) => {
    const { evaluation, assigns } = decideLead({
      lead,
      compiled,
      state,
      now,
      assignment: current,
      unavailable,
      ...(breach ? { breach } : {}),
    });
    const owner = evaluation.route.owner;
    // The owner id to hold in the CRM: planWrite writes it only when the CRM differs (a pending
    // assignment replayed after a crash is written now).
    const ownerId = owner ? dir.idOf(owner) : null;
    if (!assigns) return { result: { evaluation, ownerId, assigned: null, seq: order.read } };

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
      nurture: evaluation.nurture?.program ?? null,
    };
    return { result: { evaluation, ownerId, assigned: assignment, seq: order.written }, assignment };
  });
}
