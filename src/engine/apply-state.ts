// Apply a decision to an in-memory RoutingState, the way the store applies it atomically in
// production. Used by simulate, the fairness tests and the benchmarks.
import type { OwnerLoad, RouteDecision, RoutingState } from './types.ts';

export function emptyState(): RoutingState {
  return { loads: {}, rotations: {} };
}

/**
 * A new assignment counts towards the owner's day, week and open leads; keep_current is not
 * a new assignment. The rotation update moves the team's pointer (virtual time never goes back).
 */
export function applyDecision(state: RoutingState, decision: RouteDecision): void {
  if (decision.owner !== null && decision.target !== 'keep_current') {
    const load = (state.loads[decision.owner] ??= { assignedToday: 0, assignedThisWeek: 0, openLeads: 0 });
    load.assignedToday++;
    load.assignedThisWeek++;
    load.openLeads++;
  }
  const r = decision.rotation;
  if (r) {
    const rotation = (state.rotations[r.team] ??= { virtualTime: 0, pointers: {} });
    rotation.pointers[r.owner] = r.pointer;
    if (r.virtualTime > rotation.virtualTime) rotation.virtualTime = r.virtualTime;
  }
}

/** Start a new owner-local day ('day') or week ('week'): zero that counter for every owner. */
export function resetPeriodCounts(state: RoutingState, which: 'day' | 'week'): void {
  const key: keyof OwnerLoad = which === 'day' ? 'assignedToday' : 'assignedThisWeek';
  for (const load of Object.values(state.loads)) load[key] = 0;
}

/** The owner worked (first touch) or closed a lead: it no longer counts as open. */
export function releaseOpenLead(state: RoutingState, owner: string): void {
  const load = state.loads[owner];
  if (load && load.openLeads > 0) load.openLeads--;
}
