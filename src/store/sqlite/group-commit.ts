// Group commit for a synchronous SQLite connection: work submitted in the same turn of the
// event loop (the webhook requests that arrived while the previous commit was fsyncing) runs
// in ONE transaction, so one WAL fsync (synchronous=FULL) makes all of it durable. Each
// caller's promise settles only after the COMMIT of the transaction that holds its work, so
// "resolved" still means "durable". If the shared transaction fails, every job is retried on
// its own: one bad job never fails the others.
import type { SqliteDb } from './open-sqlite-db.ts';

export interface GroupCommit<I, O> {
  run(input: I): Promise<O>;
  /** Commit what is queued now (before the connection closes). */
  flush(): void;
}

/** Jobs per shared transaction: bounds how long one commit holds the write lock. */
const MAX_JOBS_PER_COMMIT = 64;

interface Job<I, O> {
  input: I;
  resolve(value: O): void;
  reject(err: unknown): void;
}

export function createGroupCommit<I, O>(db: SqliteDb, apply: (input: I) => O): GroupCommit<I, O> {
  let queue: Job<I, O>[] = [];
  let scheduled = false;

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

  function flush(): void {
    scheduled = false;
    while (queue.length) {
      const jobs = queue.slice(0, MAX_JOBS_PER_COMMIT);
      queue = queue.slice(jobs.length);
      commit(jobs);
    }
  }

  return {
    run(input) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          // After the I/O callbacks of this turn: every request parsed in it joins this commit.
          setImmediate(flush);
        }
      });
    },
    flush,
  };
}
