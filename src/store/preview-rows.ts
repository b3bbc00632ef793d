// The window preview replays, the same on both stores (Store.listPreviewSince): decisions in
// routing order (routing_seq, migration 20), read from the narrow audit_preview rows (migration
// 22). Rows decided before the order was recorded (routing_seq 0) come first, by (at, id) as
// before, from `since`; then every decision routed from the first one made at or after `since`
// (the smallest routing_seq among them) onward, by routing_seq. A decision whose batch took its
// time before `since` but was routed after that first one belongs to the window: the replay
// starts from the state the first one saw, and leaving it out would drop its assignment from the
// replayed state. The routing state is read once, for the page's first decision with an input.
import { joinInput, previewReader, type PreviewRowReader } from './audit-columns.ts';
import type { PreviewCursor, PreviewEntry } from './types.ts';

/** Rows of audit_preview as arrays, columns in PREVIEW_COLUMNS order. */
type Rows = readonly (readonly unknown[])[] | Promise<readonly (readonly unknown[])[]>;

export interface PreviewQueries {
  /** Rows with routing_seq 0 after (at, id), oldest first. */
  unordered(after: Pick<PreviewCursor, 'at' | 'id'>, limit: number): Rows;
  /** The smallest routing_seq among the rows made at or after `since` (null: none). */
  firstSeq(): number | null | Promise<number | null>;
  /** Rows after (routing_seq, at, id), in that order. */
  ordered(after: PreviewCursor, limit: number): Rows;
  /** The routing state decision `id` saw, as JSON text (null: none), from its audit row. */
  state(id: number): string | null | Promise<string | null>;
}

/** One page of the window (see above): `after` is the last entry of the previous page. */
export async function previewPages(w: { since: number; after?: PreviewCursor; limit: number; withState: boolean }, q: PreviewQueries): Promise<PreviewEntry[]> {
  const out = await page(w, q, previewReader());
  const first = w.withState ? out.find((e) => e.input !== null) : undefined;
  if (first) {
    const state = await q.state(first.id);
    if (state != null) first.input = joinInput(first.input, JSON.parse(state));
  }
  return out;
}

async function page(w: { since: number; after?: PreviewCursor; limit: number }, q: PreviewQueries, read: PreviewRowReader): Promise<PreviewEntry[]> {
  const limit = Math.max(0, Math.floor(w.limit));
  const out: PreviewEntry[] = [];
  let after = w.after;
  if (after === undefined || after.seq === 0) {
    // (at, id) > (since, 0): at >= since (ids start at 1)
    for (const r of await q.unordered(after ?? { at: w.since, id: 0 }, limit)) out.push(read(r));
    if (out.length >= limit) return out;
    const first = await q.firstSeq();
    if (first === null) return out;
    after = { seq: first, at: Number.MIN_SAFE_INTEGER, id: 0 }; // every row of that seq onward
  }
  for (const r of await q.ordered(after, limit - out.length)) out.push(read(r));
  return out;
}
