// Cooperative time slicing for pipeline work that blocks the event loop in small synchronous
// steps (node:sqlite commits, one per lead): call pause() between steps; it yields to the event
// loop (webhooks get acknowledged) once the current slice is used up.
//
// The slice adapts. When other work was waiting at the last yield (webhook requests), the next
// slice is short, so an acknowledgement waits about one step behind the pipeline: webhooks come
// first. Unless the pipeline itself is behind (`behind()`: more batches are waiting for their
// turn to evaluate, so the CRM's rate limit is going unused): then slices stay long, or a
// webhook burst (10 requests in flight all the time) would leave it a few % of the loop.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export const LONG_SLICE_MS = 15;
export const SHORT_SLICE_MS = 2;
/** A yield that took longer than this came back after other work ran. */
const CONTENDED_MS = 1;
/** Calls further apart than this were not one span of work (the caller awaited I/O between). */
const NEW_SPAN_MS = 100;

export function createTimeSlice(behind: () => boolean = () => false): () => Promise<void> {
  let since = performance.now();
  let lastCall = since;
  let slice = LONG_SLICE_MS;
  return async () => {
    const now = performance.now();
    if (now - lastCall > NEW_SPAN_MS) since = now; // resumed after an await: a new span
    lastCall = now;
    if (now - since < slice) return;
    const left = now;
    await yieldToEventLoop();
    since = lastCall = performance.now();
    slice = since - left > CONTENDED_MS && !behind() ? SHORT_SLICE_MS : LONG_SLICE_MS;
  };
}
