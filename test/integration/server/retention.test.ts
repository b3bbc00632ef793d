// The server starts the retention job (src/main.ts): expired rows left in the store are pruned
// right after start, the counts are logged and exported on /metrics.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEnv } from '../../../src/env.ts';
import { startApp, type RunningApp } from '../../../src/main.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { inboxEvent } from '../../unit/store/fixtures.ts';

const DAY = 86_400_000;
const METRICS_TOKEN = 'retention-test-metrics-token';
let app: RunningApp | undefined;

afterAll(async () => {
  await app?.close();
});

describe('retention in the running server', () => {
  it('prunes done inbox rows older than RETENTION_INBOX_DAYS at start and counts them', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lr-retention-')), 'db.sqlite');
    const now = Date.now();
    const seed = createSqliteStore(db);
    await seed.migrate();
    await seed.inboxAppend([inboxEvent({ dedupeKey: 'a' }), inboxEvent({ dedupeKey: 'b' })], now - 4 * DAY);
    await seed.inboxAppend([inboxEvent({ dedupeKey: 'c' })], now - DAY);
    const rows = await seed.inboxClaim({ limit: 10, leaseMs: 1000, now, worker: 'seed' });
    await seed.inboxComplete(rows.map((r) => r.id));
    await seed.close();

    const log = captureLogger();
    const pruned = log.next('pruned expired rows');
    app = await startApp({
      env: readEnv({ DATABASE_URL: db, RETENTION_INBOX_DAYS: '3', METRICS_TOKEN: METRICS_TOKEN, LEAD_ROUTER_CONFIG: join(import.meta.dirname, '../../../config/lead-router.yaml') }),
      port: 0,
      host: '127.0.0.1',
      logger: log.logger,
    });
    expect(await pruned).toMatchObject({ inbox: 2, audit: 0, assignments: 0, inboxDays: 3, auditDays: 180 });
    expect(await app.store.inboxStats()).toMatchObject({ done: 1 });
    const metrics = await (await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toContain('lead_router_rows_pruned_total{table="inbox"} 2');
  });
});
