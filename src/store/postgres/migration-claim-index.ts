// Migration 23: the claim's "is this lead held by another worker?" check reads only live rows
// (see src/store/sqlite/migration-claim-index.ts).
import type { PostgresMigration } from './migration-initial.ts';

export const CLAIM_INDEX_POSTGRES: PostgresMigration = {
  version: 23,
  name: 'inbox held-lead index',
  sql: (s) => `
CREATE INDEX inbox_processing_object ON ${s}.inbox (tenant, object_id) WHERE status = 'processing';
`,
};
