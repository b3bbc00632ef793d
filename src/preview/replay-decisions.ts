// Preview's replay: the tenant's recorded decisions, in the order they were routed, run again
// through the live pipeline's own decision code (decideForSnapshot) with another config. The
// store and the CRM owner directory are replaced by what each decision recorded
// (src/pipeline/support/decision-input.ts); the routing state starts as the window's first decision saw
// it and then evolves with the replayed decisions only, as the store would have evolved it.
// With the config that made the history, the replay reproduces it. Not replayed: first
// touches and owner-local day / week rollovers inside the window (loads keep counting).
import type { CompiledConfig, Evaluation, RoutingState } from '../engine/types.ts';
import type { DecisionInput } from '../pipeline/support/decision-input.ts';
import { decideForSnapshot } from '../pipeline/7-evaluate-snapshot.ts';
import type { OwnerDirectory } from '../pipeline/support/owner-directory.ts';
import type { AssignmentInput, AssignmentRecord, PreviewEntry, RoutingTransaction, Store } from '../store/types.ts';

export interface ReplayedDecision {
  leadId: string;
  at: number;
  recorded: PreviewEntry['recorded'];
  replayed: Evaluation;
  /** The recorded input was cut to its newest ledger events: the score may differ slightly. */
  approximate: boolean;
}

type Snapshot = Parameters<typeof decideForSnapshot>[0]['snapshot'];

function sameEntries(a: Record<string, string | null>, b: Record<string, string | null>): boolean {
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) if (--n < 0) return false;
  return n === 0;
}

/**
 * The owner directory each decision saw, as recordedDirectory builds it, without rebuilding it
 * per decision: the part from the config owners' ids (ownerIds) is kept while consecutive
 * decisions saw the same ids (the common case: a tenant's owner ids change rarely), and the
 * decision's own CRM owners (crmOwners: the lead's owner and account owner, usually none or
 * one) are laid over it.
 */
function directoryCache(): (input: DecisionInput) => OwnerDirectory {
  let base: { ownerIds: DecisionInput['ownerIds']; byId: Map<string, string>; dir: OwnerDirectory } | null = null;
  return (input) => {
    if (base === null || (base.ownerIds !== input.ownerIds && !sameEntries(base.ownerIds, input.ownerIds))) base = ownerIdDirectory(input.ownerIds);
    const crm = input.crmOwners;
    let any = false;
    for (const _ in crm) { any = true; break; }
    if (!any) return base.dir;
    const { byId, dir } = base;
    return {
      emailOf: (id) => {
        if (id === null) return null;
        const own = Object.hasOwn(crm, id) ? crm[id] : null;
        if (own !== null && own !== undefined) return own;
        return byId.get(id) ?? (id in crm || !id.includes('@') ? null : id);
      },
      idOf: dir.idOf,
      unresolved: dir.unresolved,
    };
  };
}

/** recordedDirectory of a decision that saw no CRM owners, its idOf remembered per email asked. */
function ownerIdDirectory(ownerIds: DecisionInput['ownerIds']): { ownerIds: DecisionInput['ownerIds']; byId: Map<string, string>; dir: OwnerDirectory } {
  const dir = recordedDirectory({ ownerIds, crmOwners: {} });
  const byId = new Map<string, string>();
  for (const [email, id] of Object.entries(ownerIds)) if (id !== null) byId.set(id, email);
  const known = new Map<string, string | null>();
  const idOf = (email: string | null): string | null => {
    if (email === null) return null;
    let id = known.get(email);
    if (id === undefined) known.set(email, (id = dir.idOf(email)));
    return id;
  };
  // The config's owners without a CRM id, asked for every decision with the same list: kept.
  let asked: string[] | null = null;
  let missing: string[] = [];
  const unresolved = (emails: string[]): string[] => {
    if (emails !== asked) (asked = emails), (missing = emails.filter((e) => idOf(e) === null));
    return missing;
  };
  return { ownerIds, byId, dir: { emailOf: dir.emailOf, idOf, unresolved } };
}

/** Owner ids and emails as the decision saw them; an owner only the draft names counts as an active CRM user. */
function recordedDirectory(input: Pick<DecisionInput, 'ownerIds' | 'crmOwners'>): OwnerDirectory {
  const byId = new Map<string, string>();
  for (const [email, id] of Object.entries(input.ownerIds)) if (id !== null) byId.set(id, email);
  for (const [id, email] of Object.entries(input.crmOwners)) if (email !== null) byId.set(id, email);
  const ids = new Map(Object.entries(input.ownerIds));
  const idOf = (email: string | null): string | null => {
    if (email === null) return null;
    const e = email.toLowerCase();
    const id = ids.get(e);
    return id !== undefined ? id : e;
  };
  return {
    emailOf: (id) => (id === null ? null : (byId.get(id) ?? (id in input.crmOwners || !id.includes('@') ? null : id))),
    idOf,
    unresolved: (emails) => emails.filter((e) => idOf(e) === null),
  };
}

/** Every owner and team of the config present in the state (zeros), as the stores hand it out. */
function fillState(state: RoutingState, compiled: CompiledConfig): void {
  for (const o of compiled.config.owners) state.loads[o.email.toLowerCase()] ??= { assignedToday: 0, assignedThisWeek: 0, openLeads: 0 };
  for (const t of compiled.config.teams) state.rotations[t.name] ??= { virtualTime: 0, pointers: {} };
}

/** The assignment's effect on the routing state, as the stores record it. */
function applyAssignment(s: RoutingState, current: AssignmentRecord | null, a: AssignmentInput): void {
  if (current && !current.closed && current.firstTouchAt === null && current.owner) {
    const prev = s.loads[current.owner];
    if (prev && prev.openLeads > 0) prev.openLeads--; // the store closes the previous assignment
  }
  if (a.owner) {
    const load = (s.loads[a.owner] ??= { assignedToday: 0, assignedThisWeek: 0, openLeads: 0 });
    load.assignedToday++;
    load.assignedThisWeek++;
    load.openLeads++;
  }
  if (a.rotation) {
    const r = (s.rotations[a.rotation.team] ??= { virtualTime: 0, pointers: {} });
    r.pointers[a.rotation.owner] = a.rotation.pointer;
    r.virtualTime = a.rotation.virtualTime;
  }
}

export interface Replay {
  /** Call with each recorded decision, oldest first. */
  (entry: PreviewEntry): Promise<ReplayedDecision | null>;
  /** True once a decision with its routing state started the replay: later entries need none. */
  started(): boolean;
}

interface LeadTrack {
  /** The lead's assignment when the window began. */
  before: AssignmentRecord | null;
  /** The replay's own latest assignment of the lead (null: none yet). */
  mine: AssignmentRecord | null;
  /** History assigned the lead in the window (to historyOwner). */
  recorded: boolean;
  historyOwner: string | null;
}

/** A replayer for one tenant and config. */
export function createReplay(tenant: string, compiled: CompiledConfig): Replay {
  let state: RoutingState | null = null;
  let seq = 0; // the replay's own routing order (unused: entries come in the recorded one)
  const directoryOf = directoryCache();
  // Per lead seen in the window (one map, one lookup per decision: a window has up to some
  // 100,000 leads): its assignment when the window began, the replay's own assignment, and
  // what history assigned in the window.
  const leads = new Map<string, LeadTrack>();

  const store = {
    async routeAtomically<T>(
      _tenant: string,
      leadId: string,
      _owners: unknown,
      _teams: unknown,
      fn: (tx: RoutingTransaction) => { result: T; assignment?: AssignmentInput },
    ): Promise<T> {
      const lead = leads.get(leadId)!;
      const current = lead.mine ?? lead.before;
      const out = fn({ state: state!, current, order: { read: seq, written: ++seq } });
      if (out.assignment) {
        applyAssignment(state!, current, out.assignment);
        const a = out.assignment;
        lead.mine = { ...a, firstTouchAt: null, round: a.round ?? 0, closed: false, nurture: a.nurture ?? null };
      }
      return out.result;
    },
  };

  const replay = async (entry: PreviewEntry): Promise<ReplayedDecision | null> => {
    const input = entry.input as DecisionInput | undefined;
    if (!input || typeof input !== 'object' || !input.snapshot) return null; // decided before inputs were kept
    if (state === null) {
      state = input.routing ? structuredClone(input.routing.state) : { loads: {}, rotations: {} };
      fillState(state, compiled);
    }
    const snapshot: Snapshot = { ...input.snapshot, companyId: null, written: {} };
    let lead = leads.get(entry.leadId);
    if (lead === undefined) leads.set(entry.leadId, (lead = { before: input.routing?.current ?? null, mine: null, recorded: false, historyOwner: null }));
    const mine = lead.mine;
    if (mine && lead.recorded) {
      // Decided earlier in the window: the CRM now holds the replay's owner, not history's.
      const historyOwner = lead.historyOwner;
      const historyId = historyOwner === null ? null : (input.ownerIds[historyOwner] ?? null);
      if (snapshot.ownerId !== null && snapshot.ownerId === historyId) snapshot.ownerId = mine.owner === null ? null : (input.ownerIds[mine.owner] ?? mine.owner);
    }
    const decision = await decideForSnapshot({
      store: store as unknown as Store, // decideForSnapshot only calls routeAtomically
      tenant,
      snapshot,
      events: input.events,
      dir: directoryOf(input),
      compiled,
      periods: [],
      now: input.now,
      ...(input.breach ? { breach: input.breach } : {}),
    });
    if (entry.recorded.target !== 'keep_current') {
      lead.recorded = true;
      lead.historyOwner = entry.recorded.owner;
    }
    return { leadId: entry.leadId, at: entry.at, recorded: entry.recorded, replayed: decision.evaluation, approximate: (input.eventsDropped ?? 0) > 0 };
  };
  return Object.assign(replay, { started: () => state !== null });
}
