// The scale-out store: PostgreSQL shared by N app processes. Claims use SKIP LOCKED, routing
// holds a per-tenant advisory lock, migrations run once under an advisory lock.
import { createPostgresPredictive } from './predictive.ts';
import { guardStore } from '../guard-store.ts';
import type { Store } from '../types.ts';
import { createPostgresAdminSessions } from './admin-sessions.ts';
import { createPostgresAudit } from './audit.ts';
import { createPostgresFeedback } from './feedback.ts';
import { createPostgresAbsences } from './absences.ts';
import { createPostgresTeamHealth } from './team-health.ts';
import { createPostgresOutcomes } from './outcomes.ts';
import { createPostgresCrmTruth } from './crm-truth.ts';
import { createPostgresReport } from './report.ts';
import { createPostgresConfigVersions } from './config-versions.ts';
import { createPostgresCursors } from './cursors.ts';
import { createPostgresEngagement } from './engagement.ts';
import { createPostgresInbox } from './inbox.ts';
import { createPostgresInstalls } from './installs.ts';
import { createPostgresInstallSafety } from './install-safety.ts';
import { createPostgresLifecycle } from './lead-lifecycle.ts';
import { migratePostgres } from './migrate-postgres.ts';
import { POSTGRES_MIGRATIONS } from './migrations.ts';
import { openPgDb, type PgStoreOptions } from './open-pg-db.ts';
import { createPostgresRetention } from './retention.ts';
import { createPostgresRateLimit } from './rate-limit.ts';
import { createPostgresRouting } from './routing.ts';
import { createPostgresTimers } from './timers.ts';

export type { PgStoreOptions } from './open-pg-db.ts';

/** A PostgreSQL store (connects lazily). Call migrate() before use. */
export function createPostgresStore(url: string, opts: PgStoreOptions = {}): Store {
  const db = openPgDb(url, opts);
  const store: Store = {
    kind: 'postgres',
    async migrate() {
      await migratePostgres(db, POSTGRES_MIGRATIONS);
    },
    async close() {
      await db.close();
    },
    ...createPostgresInbox(db),
    ...createPostgresInstalls(db),
    ...createPostgresInstallSafety(db),
    ...createPostgresLifecycle(db),
    ...createPostgresRouting(db),
    ...createPostgresTimers(db),
    ...createPostgresEngagement(db),
    ...createPostgresAudit(db),
    ...createPostgresFeedback(db),
    ...createPostgresAbsences(db),
    ...createPostgresOutcomes(db),
    ...createPostgresCrmTruth(db),
    ...createPostgresReport(db),
    ...createPostgresCursors(db),
    ...createPostgresConfigVersions(db),
    ...createPostgresRetention(db),
    ...createPostgresRateLimit(db),
    ...createPostgresAdminSessions(db),
    ...createPostgresTeamHealth(db),
    ...createPostgresPredictive(db),
  };
  return guardStore(
    store,
    `Check that PostgreSQL at DATABASE_URL is reachable and that its user may use schema "${db.schema}".`,
  );
}
