// The engine input of one live decision, kept with its audit row so `preview` can run the
// same decision again with another config (src/preview): the lead as read from the CRM, its
// engagement ledger, the owner ids involved, the routing state and current assignment the
// decision saw inside its routing transaction, and the time. Bounded in size: at most
// MAX_EVENTS ledger events (the newest) and the routing state of the config's owners/teams.
import type { EngagementEvent, FieldValue, RoutingState } from '../../engine/types.ts';
import type { AssignmentRecord, Store } from '../../store/types.ts';
import type { SlaBreachRequest } from '../../engine/types.ts';
import type { OwnerDirectory } from './owner-directory.ts';

export const MAX_EVENTS = 200;

export interface RecordedSnapshot {
  id: string;
  fields: Record<string, FieldValue>;
  ownerId: string | null;
  companyOwnerId: string | null;
  createdAt: number | null;
}

export interface DecisionInput {
  snapshot: RecordedSnapshot;
  events: EngagementEvent[];
  /** Older ledger events left out to bound the size (scores of such leads replay approximately). */
  eventsDropped?: number;
  /** CRM owner id -> email, for the snapshot's owner and account owner (null: not an active CRM user). */
  crmOwners: Record<string, string | null>;
  /** Config owner email -> CRM owner id (null: no active CRM user: the engine skips the owner). */
  ownerIds: Record<string, string | null>;
  now: number;
  breach?: SlaBreachRequest;
  /** What the routing transaction saw (absent when the decision kept an unmanaged CRM owner without routing). */
  routing?: { state: RoutingState; current: AssignmentRecord | null };
}

/**
 * A copy of the state without the zeros the stores fill in for every owner and team (the
 * replay fills them in again): most owners have no load at a given moment.
 */
export function compactState(state: RoutingState): RoutingState {
  const out: RoutingState = { loads: {}, rotations: {} };
  for (const [owner, l] of Object.entries(state.loads)) {
    if (l.assignedToday || l.assignedThisWeek || l.openLeads) out.loads[owner] = { ...l };
  }
  for (const [team, r] of Object.entries(state.rotations)) {
    if (r.virtualTime || Object.keys(r.pointers).length) out.rotations[team] = { virtualTime: r.virtualTime, pointers: { ...r.pointers } };
  }
  return out;
}

/** A view of the store that remembers what the last routing transaction saw. */
export function captureRouting(store: Store): { store: Store; seen: () => DecisionInput['routing'] } {
  let seen: DecisionInput['routing'];
  const wrapped: Store = {
    ...store,
    routeAtomically: (tenant, leadId, owners, teams, fn) =>
      store.routeAtomically(tenant, leadId, owners, teams, (tx) => {
        seen = { state: compactState(tx.state), current: tx.current ? { ...tx.current } : null };
        return fn(tx);
      }),
  };
  return { store: wrapped, seen: () => seen };
}

export function recordDecisionInput(args: {
  snapshot: RecordedSnapshot;
  events: EngagementEvent[];
  dir: OwnerDirectory;
  configOwners: readonly string[];
  now: number;
  breach?: SlaBreachRequest;
  routing: DecisionInput['routing'];
}): DecisionInput {
  const { snapshot, dir } = args;
  const events = args.events.length > MAX_EVENTS ? [...args.events].sort((a, b) => a.at - b.at).slice(-MAX_EVENTS) : args.events;
  const crmOwners: Record<string, string | null> = {};
  for (const id of [snapshot.ownerId, snapshot.companyOwnerId]) if (id !== null) crmOwners[id] = dir.emailOf(id);
  const ownerIds: Record<string, string | null> = {};
  for (const email of args.configOwners) ownerIds[email.toLowerCase()] = dir.idOf(email.toLowerCase());
  return {
    snapshot: { id: snapshot.id, fields: snapshot.fields, ownerId: snapshot.ownerId, companyOwnerId: snapshot.companyOwnerId, createdAt: snapshot.createdAt },
    events,
    ...(events.length < args.events.length ? { eventsDropped: args.events.length - events.length } : {}),
    crmOwners,
    ownerIds,
    now: args.now,
    ...(args.breach ? { breach: args.breach } : {}),
    ...(args.routing ? { routing: args.routing } : {}),
  };
}
