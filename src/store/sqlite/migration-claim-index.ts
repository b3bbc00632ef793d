// Migration 23: the claim's "is this lead held by another worker?" check reads only live rows.
import type { SqliteMigration } from './migration-initial.ts';

export const CLAIM_INDEX_SQLITE: SqliteMigration = {
  version: 23,
  name: 'inbox held-lead index',
  sql: `
-- Claims skip a lead another worker holds (inbox.ts, NOT_HELD_ELSEWHERE). Through inbox_object
-- that check visited every row ever received about the lead, done ones included (dozens per
-- lead under load), for each candidate: a claim of 250 rows took 100-550 ms of the write lock
-- while webhooks waited for it. Processing rows are the few the workers hold right now.
CREATE INDEX inbox_processing_object ON inbox (tenant, object_id) WHERE status = 'processing';
`,
};
