// lead-router demo: the main job end to end on the embedded store: the app + the CRM sandbox +
// sample leads through real signed webhooks, then what was assigned to whom and why.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createLogger } from '../../logger.ts';
import { runHubspotDemo } from '../../demo/hubspot-demo.ts';
import { demoConsoleLink } from '../../demo/console-link.ts';
import { demoSummaryLine, formatDemoRun, TIMING_NOTE } from '../../demo/report.ts';
import { readEnv } from '../../env.ts';
import type { DemoRun } from '../../demo/types.ts';
import { InputError } from '../../errors.ts';
import { configPathFor, loadConfigForCli } from '../config-option.ts';
import type { CliIo } from '../io.ts';
import { ExitCode } from '../exit-code.ts';
import { createProgress } from '../progress.ts';

const CRMS = ['hubspot', 'pipedrive', 'both'] as const;

/** The demo's store per CRM, relative to the working directory (the help text names these). */
export const demoStoreFile = (crm: string) => join('data', `demo-${crm}.db`);
export const DEMO_LOG_FILE = join('data', 'demo.log');

function positive(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InputError(`--${name} must be a positive whole number, got "${v}"`);
  return n;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('Run lead-router end to end against the local CRM sandbox: sample leads, signed webhooks, scoring, routing, write-back.')
    .option('--crm <crm>', `which CRM sandbox: ${CRMS.join(', ')}`, 'both')
    .option('--leads <n>', 'number of sample leads', '300')
    .option('--seed <n>', 'random seed of the sample data', '42')
    .option('--show <n>', 'leads to print in the table', '15')
    .option('--timeout <seconds>', 'give up waiting after this long', '180')
    .option('--serve', 'keep the app and the sandboxes running after the run (open the console link), until Ctrl-C')
    .addHelpText(
      'after',
      `
Uses the config (--config, $LEAD_ROUTER_CONFIG or config/lead-router.yaml) and a fresh embedded
store per CRM, ${demoStoreFile('hubspot')} and ${demoStoreFile('pipedrive')} (deleted and recreated on every
run); the app's JSON logs go to ${DEMO_LOG_FILE}. The app and the sandboxes listen on free ports
of 127.0.0.1, so a running lead-router (port 3000) or sandbox does not get in the way.
The last line on stdout is: demo: <N> leads, <N> assigned, <N> api calls, <N> rate-limited, <N> lost
Exit code 0 only when nothing was lost. Then, on stderr, a one-time admin console link per demo
tenant: with --serve it opens the still running demo app (Ctrl-C stops the app and sandboxes);
without, it opens once \`lead-router serve\` runs on the demo's store (the command is printed).

Examples:
  $ npm run demo
  $ npm run demo -- --crm pipedrive
  $ npm run demo -- --crm both --leads 200
  $ npm run demo -- --leads 1000
  $ npm run demo -- --serve
  $ lead-router demo --config config/examples/vertical-teams.yaml`,
    )
    .action(async (opts: { crm: string; leads: string; seed: string; show: string; timeout: string; serve?: boolean }, command: Command) => {
      if (!(CRMS as readonly string[]).includes(opts.crm)) throw new InputError(`--crm must be one of ${CRMS.join(', ')}, got "${opts.crm}"`);
      // Every option is checked before anything starts, not after a run of minutes.
      const counts = { leads: positive('leads', opts.leads), seed: positive('seed', opts.seed), show: positive('show', opts.show), timeout: positive('timeout', opts.timeout) };
      const loaded = loadConfigForCli(configPathFor(command, io), io);
      const interrupted = io.interrupted;
      if (opts.serve && !interrupted) throw new InputError('--serve needs a terminal that can send Ctrl-C (SIGINT)');
      const port = readEnv(io.env).port;
      mkdirSync(join(io.cwd, 'data'), { recursive: true });
      const logFile = join(io.cwd, DEMO_LOG_FILE);
      rmSync(logFile, { force: true });
      const logger = createLogger({ file: logFile, level: 'info' });
      const note = (s: string) => io.stderr(`${s}\n`);
      const track = (label: string, total: number) => createProgress(io, label, { total });
      const runs: DemoRun[] = [];
      const crms = opts.crm === 'both' ? ['hubspot', 'pipedrive'] : [opts.crm];
      try {
        for (const crm of crms) {
          const db = join(io.cwd, demoStoreFile(crm));
          for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
          io.stderr(`${crm}: starting the sandbox and lead-router (config ${loaded.file}, store ${db})\n`);
          const demoOpts = {
            loaded: { ...loaded, file: configPathFor(command, io) },
            leads: counts.leads,
            seed: counts.seed,
            databaseUrl: db,
            logger,
            note,
            track,
            timeoutMs: counts.timeout * 1000,
            serve: opts.serve === true,
          };
          const run = crm === 'hubspot' ? await runHubspotDemo(demoOpts) : await runPipedrive(demoOpts);
          runs.push(run);
          io.stdout(formatDemoRun(run, counts.show));
        }
      } catch (err) {
        for (const run of runs) await run.served?.close(); // a later CRM failed: stop what --serve kept
        throw err;
      }
      const { line, lost } = demoSummaryLine(runs);
      io.stdout(`\n${TIMING_NOTE}\n${line}\n`);
      // stdout's last line stays the summary (scripts read it); the console links follow on stderr.
      for (const run of runs) {
        io.stderr(await demoConsoleLink(run, { databaseUrl: join(io.cwd, demoStoreFile(run.crm)), storeLabel: demoStoreFile(run.crm), port, now: Date.now() }));
      }
      if (opts.serve && interrupted) {
        io.stderr(`serving: ${runs.map((r) => `${r.crm} app ${r.served?.url}`).join(', ')}; the sandboxes keep sending webhooks. Ctrl-C stops them.\n`);
        const signal = await interrupted();
        io.stderr(`${signal}: stopping the demo apps and sandboxes\n`);
        for (const run of runs) await run.served?.close();
        io.stderr('demo stopped\n');
      }
      if (lost > 0) throw new ExitCode(1);
    });
}

async function runPipedrive(opts: Parameters<typeof runHubspotDemo>[0]): Promise<DemoRun> {
  const { runPipedriveDemo } = await import('../../demo/pipedrive-demo.ts');
  return runPipedriveDemo(opts);
}
