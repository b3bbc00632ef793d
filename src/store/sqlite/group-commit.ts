// Group commit for a synchronous SQLite connection: work submitted while a commit is pending
// (the webhook requests parsed in between) runs in ONE transaction, so one WAL fsync
// (synchronous=FULL) makes all of it durable. Each caller's promise settles only after the
// COMMIT of the transaction that holds its work, so "resolved" still means "durable". If the
// shared transaction fails, every job is retried on its own: one bad job never fails the others.
//
// Pacing. libuv accepts ONE connection per event-loop turn (since libuv 1.45, "unix: don't
// accept() connections in a loop"), so under a flood of new connections each turn parses about
// one request. Committing every turn would then cost one fsync (plus, with the pipeline on its
// own thread, a wait for the pipeline's write transaction) per delivery, and the accept queue
// drains at the fsync rate: 1,000 connections at once waited up to 16 s before being accepted
// (docs/benchmarks.md, "Connections"). So commits are paced by their own cost: a commit that
// follows the previous one closely waits until as long after it as that commit took, which
// keeps committing to at most about half of the loop's time and lets the turns in between
// accept and parse the next deliveries, which then share one commit. A lone delivery in a quiet
// moment commits on the next turn, as before; a full batch commits at once.
import type { SqliteDb } from './open-sqlite-db.ts';

export interface GroupCommit<I, O> {
  run(input: I): Promise<O>;
  /** Commit what is queued now (before the connection closes). */
  flush(): void;
}

/** Jobs per shared transaction: bounds how long one commit holds the write lock. */
export const MAX_JOBS_PER_COMMIT = 64;
/** A paced commit never waits longer than this after the previous one (ack latency bound). */
export const MAX_PACE_MS = 25;

interface Job<I, O> {
  input: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export interface GroupCommitOptions {
  /** Clock for pacing (tests); performance.now by default. */
  now?: () => number;
}

export function createGroupCommit<I, O>(db: SqliteDb, apply: (input: I) => O, opts: GroupCommitOptions = {}): GroupCommit<I, O> {
  const now = opts.now ?? (() => performance.now());
  let queue: Job<I, O>[] = [];
  let scheduled: { kind: 'immediate'; handle: NodeJS.Immediate } | { kind: 'timer'; handle: NodeJS.Timeout } | null = null;
  /** When the last commit ended and how long it took (pacing). */
  let lastEnd = -Infinity;
  let lastCost = 0;

  function alone(job: Job<I, O>): void {
    try {
      job.resolve(db.immediate(() => apply(job.input)));
    } catch (err) {
      job.reject(err);
    }
  }

  function commit(jobs: Job<I, O>[]): void {
    if (jobs.length === 1) return alone(jobs[0]!);
    let results: O[];
    try {
      results = db.immediate(() => jobs.map((j) => apply(j.input)));
    } catch {
      for (const j of jobs) alone(j);
      return;
    }
    jobs.forEach((j, i) => j.resolve(results[i]!));
  }

  function cancel(): void {
    if (scheduled?.kind === 'immediate') clearImmediate(scheduled.handle);
    else if (scheduled?.kind === 'timer') clearTimeout(scheduled.handle);
    scheduled = null;
  }

  function flush(): void {
    cancel();
    if (!queue.length) return;
    const started = now();
    // All queued batches in a row: the pipeline thread must not slip a transaction in between.
    db.ahead(() => {
      while (queue.length) {
        const jobs = queue.slice(0, MAX_JOBS_PER_COMMIT);
        queue = queue.slice(jobs.length);
        commit(jobs);
      }
    });
    lastEnd = now();
    lastCost = lastEnd - started;
  }

  function schedule(): void {
    if (queue.length >= MAX_JOBS_PER_COMMIT) {
      // A full batch: commit on this turn's check phase, without waiting for the pace.
      if (scheduled?.kind === 'timer') cancel();
      if (!scheduled) scheduled = { kind: 'immediate', handle: setImmediate(flush) };
      return;
    }
    if (scheduled) return;
    const wait = Math.min(lastEnd + lastCost - now(), MAX_PACE_MS);
    // After the I/O callbacks of this turn: every request parsed in it joins this commit.
    if (wait < 1) scheduled = { kind: 'immediate', handle: setImmediate(flush) };
    else scheduled = { kind: 'timer', handle: setTimeout(flush, wait) };
  }

  return {
    run(input) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      });
    },
    flush,
  };
}
