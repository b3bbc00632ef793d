// Leads a tenant session holds between claiming their inbox rows and sending them to the CRM
// in a batch. Holding is what coalesces: every event about a lead that arrives while it waits
// (creation, property changes, associations often come in separate webhook requests) joins
// the same entry, so the lead is read, scored and written once, in a full batch of 100.
//
// A lead is ready once no event for it arrived for `quietMs` (its burst of events is over).
// A full batch of ready leads goes at once; a partial one only when the tenant is quiet or its
// oldest lead has waited `maxHoldMs` (a steady trickle must not wait forever).
import type { OwnerFollower } from '../crm/interpret.ts';
import type { InboxRow } from '../store/types.ts';

import type { SlaBreach } from './support/sla-breach.ts';

/** The rows of one claim. Rows that name no lead settle once all the chunk's leads did. */
export interface Chunk {
  other: InboxRow[];
  open: number;
}

export interface HeldLead {
  id: string;
  rows: InboxRow[];
  chunks: Set<Chunk>;
  /** First held at (the maxHold clock). */
  heldAt: number;
  /** Newest arrival among its events (the quiet clock). */
  receivedAt: number;
  breach?: SlaBreach;
  /** Linked records that take this lead's owner once it is written (Interpretation.followers). */
  followers: OwnerFollower[];
}

export interface TakeOptions {
  now: number;
  batchSize: number;
  quietMs: number;
  maxHoldMs: number;
  /** No new event for the tenant for quietMs and nothing more to claim: send what is ready. */
  tenantQuiet: boolean;
}

export interface HeldLeads {
  add(lead: { id: string; rows: InboxRow[]; chunk: Chunk; receivedAt: number; now: number; breach?: SlaBreach; followers?: OwnerFollower[] }): void;
  /** Stop holding a lead (purged); finish() its entry to account for its chunks. */
  drop(id: string): HeldLead | undefined;
  /** A merge: the rows held for `from` now belong to `to`. */
  rekey(from: string, to: string): void;
  size(): number;
  /** The next batch to send, or null when none is due; its leads count as in flight. */
  take(opts: TakeOptions): HeldLead[] | null;
  /** Leads whose batch settled (or that were dropped); returns the chunks now complete. */
  finish(leads: HeldLead[]): Chunk[];
  /** Up to `limit` ids of leads ready for a batch but not in one (the next batches' leads), oldest first. */
  readyIds(now: number, quietMs: number, limit: number): string[];
  /** The next time after `now` a lead turns ready or a partial batch falls due (Infinity: none). */
  nextDueAt(now: number, quietMs: number, maxHoldMs: number): number;
  /** Every held lead (shutdown, failure): no longer held. */
  release(): HeldLead[];
}

export function createHeldLeads(): HeldLeads {
  const held = new Map<string, HeldLead>(); // insertion order = first held
  const inflight = new Set<string>();

  function add(lead: { id: string; rows: InboxRow[]; chunk: Chunk; receivedAt: number; now: number; breach?: SlaBreach; followers?: OwnerFollower[] }): void {
    let e = held.get(lead.id);
    if (!e) {
      e = { id: lead.id, rows: [], chunks: new Set(), heldAt: lead.now, receivedAt: lead.receivedAt, followers: [] };
      held.set(lead.id, e);
    }
    e.rows.push(...lead.rows);
    if (lead.followers) e.followers.push(...lead.followers);
    e.receivedAt = Math.max(e.receivedAt, lead.receivedAt);
    if (lead.breach) e.breach = lead.breach;
    if (!e.chunks.has(lead.chunk)) {
      e.chunks.add(lead.chunk);
      lead.chunk.open++;
    }
  }

  return {
    add,
    drop(id) {
      const e = held.get(id);
      held.delete(id);
      return e;
    },
    rekey(from, to) {
      const e = held.get(from);
      if (!e || from === to) return;
      held.delete(from);
      const target = held.get(to);
      if (!target) {
        e.id = to;
        e.followers = e.followers.map((f) => ({ ...f, leadId: to }));
        held.set(to, e);
        return;
      }
      target.rows.push(...e.rows);
      target.followers.push(...e.followers.map((f) => ({ ...f, leadId: to })));
      target.receivedAt = Math.max(target.receivedAt, e.receivedAt);
      target.heldAt = Math.min(target.heldAt, e.heldAt);
      if (e.breach && !target.breach) target.breach = e.breach;
      for (const c of e.chunks) {
        if (target.chunks.has(c)) c.open--; // counted once for the merged entry
        else target.chunks.add(c);
      }
    },
    size: () => held.size,
    take({ now, batchSize, quietMs, maxHoldMs, tenantQuiet }) {
      const ready: HeldLead[] = [];
      let oldest = Infinity;
      for (const e of held.values()) {
        // A lead already in a batch waits for it: two batches never race on one lead.
        if (inflight.has(e.id) || now - e.receivedAt < quietMs) continue;
        ready.push(e);
        oldest = Math.min(oldest, e.heldAt);
        if (ready.length === batchSize) break;
      }
      if (ready.length === 0) return null;
      if (ready.length < batchSize && !tenantQuiet && now - oldest < maxHoldMs) return null;
      for (const e of ready) {
        held.delete(e.id);
        inflight.add(e.id);
      }
      return ready;
    },
    finish(leads) {
      const complete: Chunk[] = [];
      for (const e of leads) {
        inflight.delete(e.id);
        for (const c of e.chunks) if (--c.open === 0) complete.push(c);
      }
      return complete;
    },
    readyIds(now, quietMs, limit) {
      const ids: string[] = [];
      for (const e of held.values()) {
        if (ids.length >= limit) break;
        if (!inflight.has(e.id) && now - e.receivedAt >= quietMs) ids.push(e.id);
      }
      return ids;
    },
    nextDueAt(now, quietMs, maxHoldMs) {
      let at = Infinity;
      for (const e of held.values()) {
        if (inflight.has(e.id)) continue;
        for (const t of [e.receivedAt + quietMs, e.heldAt + maxHoldMs]) if (t > now) at = Math.min(at, t);
      }
      return at;
    },
    release() {
      const all = [...held.values()];
      held.clear();
      return all;
    },
  };
}
