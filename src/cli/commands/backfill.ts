// lead-router backfill --crm hubspot|pipedrive: rescore existing leads through the same durable
// queue, batching and rate limits as webhooks. Resumable: the page cursor is saved after every
// page, and the same run picks up where it stopped.
import type { Command } from 'commander';
import { readEnv } from '../../env.ts';
import { InputError } from '../../errors.ts';
import { createLogger } from '../../logger.ts';
import { buildCore } from '../../main.ts';
import { enqueueLeadIds } from '../../pipeline/jobs/enqueue-lead-ids.ts';
import { backfillOutcomes } from '../../pipeline/jobs/backfill-outcomes.ts';
import type { CrmTenantClient } from '../../crm/types.ts';
import type { Store } from '../../store/types.ts';
import { createWorker } from '../../pipeline/1-worker.ts';
import type { CliIo } from '../io.ts';
import { resolveTenant } from '../tenant-option.ts';
import { createProgress } from '../progress.ts';

function parseSince(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw new InputError(`--since must be a date like 2026-11-01 or an ISO time, got "${v}"`);
  return t;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('backfill')
    .description('Rescore and route existing CRM records through the queue (resumable, with progress).')
    .requiredOption('--crm <crm>', 'hubspot or pipedrive')
    .option('--since <date>', 'only records changed since this date (ISO)')
    .option('--tenant <id>', 'portal id (HubSpot) or company id (Pipedrive); default: the single configured one')
    .option('--dry-run', 'count the records that would be rescored; change nothing')
    .option('--restart', 'ignore a saved cursor and start from the first page')
    .option('--outcomes', "read existing deals into outcomes (won / lost / open per lead) instead of rescoring leads")
    .addHelpText(
      'after',
      `
Uses the same environment as \`lead-router serve\` (CRM credentials, DATABASE_URL).
Records are paged from the CRM and queued in the store, then processed here with the tenant's
rate limit; a running server on the same store shares the work safely.

Examples:
  $ lead-router backfill --crm hubspot --dry-run
  $ lead-router backfill --crm hubspot --since 2026-10-01
  $ lead-router backfill --crm pipedrive --tenant 8087566
  $ lead-router backfill --crm hubspot --outcomes`,
    )
    .action(async (opts: { crm: string; since?: string; tenant?: string; dryRun?: boolean; restart?: boolean; outcomes?: boolean }, command: Command) => {
      if (opts.crm !== 'hubspot' && opts.crm !== 'pipedrive') throw new InputError(`--crm must be hubspot or pipedrive, got "${opts.crm}"`);
      if (opts.outcomes && opts.since !== undefined) throw new InputError('--since is not supported with --outcomes: every deal is read (a re-run resumes, --restart reads them all again)');
      const since = parseSince(opts.since);
      const globals = command.optsWithGlobals<{ config?: string }>();
      const env = readEnv(io.env);
      const core = await buildCore({ env, cwd: io.cwd, logger: createLogger({ level: 'warn', stderr: true }), background: false, configFlag: globals.config });
      try {
        const tenant = await resolveTenant(core, opts.crm, opts.tenant);
        const client = await core.connectors[opts.crm]!.client(tenant);
        if (!client) throw new InputError(`${tenant} is not installed: install the app first (or check the credentials)`);
        if (opts.outcomes) {
          await runOutcomeBackfill(io, core.store, client, { dryRun: opts.dryRun === true, restart: opts.restart === true, now: core.now() });
          return;
        }
        // A run is (since, generation): an interrupted run resumes its cursor and its dedupe keys;
        // --restart starts a new generation, so every record is queued (and rescored) again.
        const genKey = `${tenant}:backfill-generation:${since ?? 'all'}`;
        let generation = await core.store.getCursor(genKey);
        if (!generation || opts.restart) {
          generation = String(core.now());
          if (!opts.dryRun) await core.store.setCursor(genKey, generation);
        }
        const runTag = `backfill-${since ?? 'all'}-${generation}`;
        const cursorKey = `${tenant}:cursor:${runTag}`;
        const progress = createProgress(io, 'queued');
        const queued = await enqueueLeadIds({
          store: core.store,
          client,
          cursorKey,
          since,
          runTag,
          dryRun: opts.dryRun,
          now: core.now,
          onProgress: (p) => progress.update(p.enqueued, `${p.pages} pages`),
        });
        progress.done();
        if (opts.dryRun) {
          io.stdout(`${queued.enqueued} ${opts.crm} records would be rescored (dry run: nothing queued or written)\n`);
          return;
        }
        if (queued.enqueued === 0 && queued.duplicates === 0) io.stdout('nothing to queue (this backfill already ran to the end; use --restart to run it again)\n');
        const worker = createWorker(core.pipelineDeps());
        // Rows done by this drain, of the rows waiting when it began (this run's and any earlier).
        const start = await core.store.inboxStats(tenant);
        const drain = createProgress(io, 'processed', { total: start.pending + start.processing });
        const show = async () => {
          const s = await core.store.inboxStats(tenant);
          drain.update(s.done + s.failed - start.done - start.failed, `${s.pending + s.processing} left, ${s.failed} failed`);
          return s;
        };
        await show();
        const timer = setInterval(() => void show().catch(() => undefined), 500);
        try {
          await worker.drain({ timeoutMs: 24 * 3_600_000 });
        } finally {
          clearInterval(timer);
        }
        const s = await show();
        drain.done();
        io.stdout(`backfill ${tenant}: ${queued.enqueued} queued, ${s.failed} failed in total for this tenant\n`);
      } finally {
        await core.close();
      }
    });
}

/** `backfill --outcomes`: deals page by page into outcomes, resumable (cursor per generation). */
async function runOutcomeBackfill(io: CliIo, store: Store, client: CrmTenantClient, o: { dryRun: boolean; restart: boolean; now: number }): Promise<void> {
  const genKey = `${client.tenant}:outcomes-backfill-generation`;
  let generation = await store.getCursor(genKey);
  if (!generation || o.restart) {
    generation = String(o.now);
    if (!o.dryRun) await store.setCursor(genKey, generation);
  }
  const progress = createProgress(io, 'deals');
  const r = await backfillOutcomes({
    store,
    client,
    cursorKey: `${client.tenant}:cursor:outcomes-${generation}`,
    dryRun: o.dryRun,
    onProgress: (p) => progress.update(p.deals, `${p.pages} pages, ${p.stored} outcomes`),
  });
  progress.done();
  if (o.dryRun) io.stdout(`${r.deals} deals would be read into outcomes (dry run: nothing stored)\n`);
  else if (r.pages === 0) io.stdout('nothing to read (this outcomes backfill already ran to the end; use --restart to run it again)\n');
  else io.stdout(`backfill outcomes ${client.tenant}: ${r.deals} deals read, ${r.stored} outcomes stored\n`);
}
