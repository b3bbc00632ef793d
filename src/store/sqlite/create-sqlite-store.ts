// The embedded default store: one SQLite file (node:sqlite), no server to run.
import { guardStore } from '../guard-store.ts';
import type { Store } from '../types.ts';
import { createSqliteAdminSessions } from './admin-sessions.ts';
import { createSqliteAudit } from './audit.ts';
import { createSqliteFeedback } from './feedback.ts';
import { createSqliteAbsences } from './absences.ts';
import { createSqliteTeamHealth } from './team-health.ts';
import { createSqliteOutcomes } from './outcomes.ts';
import { createSqliteCrmTruth } from './crm-truth.ts';
import { createSqliteReport } from './report.ts';
import { createSqliteConfigVersions } from './config-versions.ts';
import { createSqliteCursors } from './cursors.ts';
import { createSqliteEngagement } from './engagement.ts';
import { createSqliteInbox } from './inbox.ts';
import { createSqliteInstalls } from './installs.ts';
import { createSqliteInstallSafety } from './install-safety.ts';
import { createSqliteLifecycle } from './lead-lifecycle.ts';
import { migrateSqlite } from './migrate-sqlite.ts';
import { SQLITE_MIGRATIONS } from './migrations.ts';
import { openSqliteDb, type SqliteOptions } from './open-sqlite-db.ts';
import { createSqliteRetention } from './retention.ts';
import { createSqliteRateLimit } from './rate-limit.ts';
import { createSqliteRouting } from './routing.ts';
import { createSqliteTimers } from './timers.ts';
import { createSqlitePredictive } from './predictive.ts';

/** Open (creating the file and its directory if needed) a SQLite store; `:memory:` for a throwaway one. Call migrate() before use. */
export function createSqliteStore(path: string, opts: SqliteOptions = {}): Store {
  const db = openSqliteDb(path, opts);
  const { flushAppends, ...inbox } = createSqliteInbox(db);
  const store: Store = {
    kind: 'sqlite',
    async migrate() {
      migrateSqlite(db, SQLITE_MIGRATIONS);
    },
    async close() {
      flushAppends(); // appends still queued for a group commit
      db.close();
    },
    ...inbox,
    ...createSqliteInstalls(db),
    ...createSqliteInstallSafety(db),
    ...createSqliteLifecycle(db),
    ...createSqliteRouting(db),
    ...createSqliteTimers(db),
    ...createSqliteEngagement(db),
    ...createSqliteAudit(db),
    ...createSqliteFeedback(db),
    ...createSqliteAbsences(db),
    ...createSqliteOutcomes(db),
    ...createSqliteCrmTruth(db),
    ...createSqliteReport(db),
    ...createSqliteCursors(db),
    ...createSqliteConfigVersions(db),
    ...createSqliteRetention(db),
    ...createSqliteRateLimit(db),
    ...createSqliteAdminSessions(db),
    ...createSqliteTeamHealth(db),
    ...createSqlitePredictive(db),
  };
  return guardStore(
    store,
    `Check that ${path} (DATABASE_URL) is on a writable disk with free space and not locked by another program.`,
  );
}
