// The retention job on a real (in-memory SQLite) store: passes run in batches until nothing
// expired is left, counts go to the log and to lead_router_rows_pruned_total, failures are
// logged and never thrown out of the background job.
import { afterEach, describe, expect, it } from '@jest/globals';
import { createMetrics } from '../../../src/metrics/metrics.ts';
import { createPruneExpiredJob, type PruneExpiredJob } from '../../../src/pipeline/jobs/prune-expired.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../../src/store/types.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';
import { evaluation, inboxEvent } from '../store/fixtures.ts';

const DAY = 86_400_000;
const NOW = 400 * DAY;

async function seed(store: Store): Promise<void> {
  // 5 done rows received 8 days ago, 1 done row received today
  const old = Array.from({ length: 5 }, (_, i) => inboxEvent({ dedupeKey: `old-${i}` }));
  await store.inboxAppend(old, NOW - 8 * DAY);
  await store.inboxAppend([inboxEvent({ dedupeKey: 'new' })], NOW);
  const rows = await store.inboxClaim({ limit: 10, leaseMs: 1000, now: NOW, worker: 'w' });
  await store.inboxComplete(rows.map((r) => r.id));
  await store.appendAudit([
    ...[181, 200, 365].map((d) => ({ tenant: 'hubspot:1', leadId: 'l1', at: NOW - d * DAY, evaluation: evaluation('l1', d) })),
    { tenant: 'hubspot:1', leadId: 'l1', at: NOW - DAY, evaluation: evaluation('l1', 1) },
  ]);
}

describe('prune-expired job', () => {
  let store: Store;
  let job: PruneExpiredJob | undefined;

  afterEach(async () => {
    await job?.stop();
    job = undefined;
    await store.close().catch(() => undefined);
  });

  it('deletes every expired row in batches, logs and counts them, keeps the rest', async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
    await seed(store);
    const metrics = createMetrics({ defaultMetrics: false });
    const log = captureLogger();
    job = createPruneExpiredJob({ store, logger: log.logger, metrics, now: () => NOW }, { inboxDays: 7, auditDays: 180, batchSize: 2, pauseMs: 0 });

    expect(await job.runOnce()).toEqual({ inbox: 5, audit: 3, assignments: 0 });
    expect(log.lines).toEqual([expect.objectContaining({ level: 'info', message: 'pruned expired rows', inbox: 5, audit: 3, assignments: 0, batches: 3 })]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('lead_router_rows_pruned_total{table="inbox"} 5');
    expect(text).toContain('lead_router_rows_pruned_total{table="audit"} 3');

    expect(await store.inboxStats()).toMatchObject({ done: 1 });
    expect((await store.getAudit('hubspot:1', 'l1')).map((a) => a.evaluation.score.total)).toEqual([1]);
    // the recent done row still deduplicates; pruned ones no longer do
    expect(await store.inboxAppend([inboxEvent({ dedupeKey: 'new' }), inboxEvent({ dedupeKey: 'old-0' })], NOW)).toEqual({ inserted: 1, duplicates: 1 });

    // nothing left: a quiet pass that logs nothing
    expect(await job.runOnce()).toEqual({ inbox: 0, audit: 0, assignments: 0 });
    expect(log.lines).toHaveLength(1);
  });

  it('runs a first pass as soon as it starts', async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
    await seed(store);
    const log = captureLogger();
    job = createPruneExpiredJob({ store, logger: log.logger, now: () => NOW }, { inboxDays: 7, auditDays: 180 });
    const pruned = log.next('pruned expired rows');
    job.start();
    expect(await pruned).toMatchObject({ inbox: 5, audit: 3, batches: 1 });
    await job.stop();
    expect(await store.inboxStats()).toMatchObject({ done: 1 });
  });

  it('logs a failing pass instead of crashing, naming the store error', async () => {
    store = createSqliteStore(':memory:');
    await store.migrate();
    await store.close(); // every call now fails with STORE_ERROR
    const log = captureLogger();
    job = createPruneExpiredJob({ store, logger: log.logger, now: () => NOW }, { inboxDays: 7, auditDays: 180 });
    const failed = log.next('pruning expired rows failed; retrying at the next pass');
    job.start();
    expect(await failed).toMatchObject({ level: 'error', error: expect.stringMatching(/Store \(sqlite\) pruneExpired failed/) });
  });
});
