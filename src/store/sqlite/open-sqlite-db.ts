// One node:sqlite connection with the settings every lead-router database needs, a cache of
// prepared statements, and the one transaction shape the store uses (BEGIN IMMEDIATE).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { createWriteGate, type WritePriority } from './write-priority.ts';

export interface SqliteOptions {
  /**
   * FULL (default) fsyncs the WAL at every commit: what intake needs. The pipeline thread's
   * connection may use NORMAL (WAL synced at checkpoints): a power cut can then undo its last
   * commits, which the inbox replays (idempotent); a process crash loses nothing either way.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** Shared with the other connection of this process (write-priority.ts). */
  priority?: WritePriority;
}

export interface SqliteDb {
  readonly path: string;
  /** Prepared once per SQL text, reused for the life of the connection. */
  stmt(sql: string): StatementSync;
  exec(sql: string): void;
  /**
   * Run fn in BEGIN IMMEDIATE ... COMMIT (ROLLBACK if it throws). IMMEDIATE takes the write
   * lock up front, so a read-then-write never fails with SQLITE_BUSY half way and another
   * process on the same file waits (busy_timeout) instead of interleaving.
   */
  immediate<T>(fn: () => T): T;
  /**
   * Intake's turn on the write lock across several transactions (write-priority.ts): the
   * pipeline starts none of its own until fn returns. A no-op without a shared priority.
   */
  ahead<T>(fn: () => T): T;
  close(): void;
}

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/** SQLITE_MAX_MMAP_SIZE's default: a larger value is cut to it. */
const MMAP_BYTES = 0x7fff0000;

export function openSqliteDb(path: string, opts: SqliteOptions = {}): SqliteDb {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  // WAL: readers never block the writer and a commit is one append. synchronous=FULL fsyncs
  // the WAL at every commit: the webhook is acknowledged only after inboxAppend resolves, so
  // an acknowledged event must survive a power cut, not only a process crash.
  if (!inMemory) db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${opts.synchronous ?? 'FULL'}`);
  const gate = createWriteGate(opts.priority);
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Reads through a memory map (the first 2 GiB, SQLite's default upper bound) instead of a
  // read() and a copy into SQLite's page cache per page: scans of large rows, such as
  // preview's pass over a window of audit rows, spend a third of their read time there otherwise
  // (docs/benchmarks.md, Preview). Writes still go through the WAL as before.
  if (!inMemory) db.exec(`PRAGMA mmap_size = ${MMAP_BYTES}`);

  const statements = new Map<string, StatementSync>();
  let depth = 0;
  let open = true;

  return {
    path,
    stmt(sql) {
      if (depth === 0) gate.yieldToIntake();
      let s = statements.get(sql);
      if (!s) {
        s = db.prepare(sql);
        statements.set(sql, s);
      }
      return s;
    },
    exec(sql) {
      db.exec(sql);
    },
    immediate(fn) {
      // Nested calls join the outer transaction (SQLite has no nested BEGIN).
      if (depth > 0) return fn();
      gate.yieldToIntake();
      return gate.intake(() => {
        db.exec('BEGIN IMMEDIATE');
        depth++;
        try {
          const result = fn();
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw err;
        } finally {
          depth--;
        }
      });
    },
    ahead(fn) {
      return gate.intake(fn);
    },
    close() {
      if (!open) return;
      open = false;
      statements.clear();
      db.close();
    },
  };
}

/** A list of values as one bound parameter: `IN (SELECT value FROM json_each(?))`. */
export function jsonList(values: ReadonlyArray<string | number>): string {
  return JSON.stringify(values);
}
