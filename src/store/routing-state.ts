// The routing state both stores hand to routeAtomically's callback. Every requested owner and
// team is present (zero loads, virtual time 0, no pointers) so the engine never meets a hole.
import type { RoutingState } from '../engine/types.ts';
import type { AbsenceRecord, AssignmentInput, OwnerPeriod, TenantKey } from './types.ts';
import { LeadRouterError } from '../errors.ts';

export function createEmptyRoutingState(owners: OwnerPeriod[], teams: string[]): RoutingState {
  const state: RoutingState = { loads: {}, rotations: {} };
  for (const o of owners) state.loads[o.owner] = { assignedToday: 0, assignedThisWeek: 0, openLeads: 0 };
  for (const team of teams) state.rotations[team] = { virtualTime: 0, pointers: {} };
  return state;
}

/** Rotation rows (team, virtual_time, owner?, pointer?) folded into the state. */
export function applyRotationRows(state: RoutingState, rows: Array<Record<string, unknown>>): void {
  for (const r of rows) {
    const team = String(r.team);
    const rotation = (state.rotations[team] ??= { virtualTime: 0, pointers: {} });
    rotation.virtualTime = Number(r.virtual_time);
    if (r.owner !== null && r.owner !== undefined) rotation.pointers[String(r.owner)] = Number(r.pointer);
  }
}

/** Reps' absences (rows in effect) folded into the state, with an early end as the end. */
export function applyAbsences(state: RoutingState, rows: AbsenceRecord[]): void {
  for (const a of rows) {
    const to = a.endedAt === null ? a.to : Math.min(a.to, a.endedAt);
    if (to <= a.from) continue;
    (state.absences ??= {})[a.owner] ??= [];
    state.absences[a.owner]!.push({ from: a.from, to, note: a.note, setBy: a.setBy });
  }
}

/** Absences matter from the earliest owner's local midnight on (the engine checks `now`). */
export function absencesAfter(owners: OwnerPeriod[]): number {
  return owners.length ? Math.min(...owners.map((o) => o.dayStart)) : Number.MAX_SAFE_INTEGER;
}

/** The routing lock is per tenant and per lead: an assignment for anything else is a caller bug. */
export function assertAssignmentTarget(assignment: AssignmentInput, tenant: TenantKey, leadId: string): void {
  if (assignment.tenant !== tenant || assignment.leadId !== leadId) {
    throw new LeadRouterError(
      'INTERNAL',
      `routeAtomically(${tenant}, ${leadId}) got an assignment for ${assignment.tenant}/${assignment.leadId}; ` +
        'the callback must assign the lead it was called for',
    );
  }
}
