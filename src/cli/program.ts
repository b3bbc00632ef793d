// The lead-router CLI: builds a fresh commander program per run, registers every command
// module, and maps errors to exit codes (0 ok, 1 failure, 2 usage). Commands never print
// stack traces unless --debug or LEAD_ROUTER_DEBUG=1.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { LeadRouterError } from '../errors.ts';
import { ExitCode } from './exit-code.ts';
import type { CliIo } from './io.ts';
import { processIo } from './io.ts';
import { listenErrorMessage } from './port-in-use.ts';
import * as simulate from './commands/simulate.ts';
import * as validate from './commands/validate.ts';
import * as serve from './commands/serve.ts';
import * as demo from './commands/demo.ts';
import * as backfill from './commands/backfill.ts';
import * as installProperties from './commands/install-properties.ts';
import * as sandbox from './commands/sandbox.ts';
import * as configVersions from './commands/config.ts';
import * as preview from './commands/preview.ts';
import * as adminLink from './commands/admin-link.ts';
import * as report from './commands/report.ts';
import * as calibrate from './commands/calibrate.ts';

/** A command module: src/cli/commands/<name>.ts exports `register`. */
export interface CliCommand {
  register(program: Command, io: CliIo): void;
}

/** Every CLI command, in help order. Add new command modules here. */
export const COMMANDS: CliCommand[] = [serve, demo, validate, simulate, configVersions, preview, report, calibrate, backfill, installProperties, sandbox, adminLink];

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function buildProgram(io: CliIo, commands: readonly CliCommand[] = COMMANDS): Command {
  const program = new Command('lead-router');
  program
    .description('Lead scoring and routing for HubSpot and Pipedrive: validate and simulate the admin config, run the service.')
    .version(packageVersion(), '-V, --version')
    .option('-c, --config <file>', 'config file (default: $LEAD_ROUTER_CONFIG, else config/lead-router.yaml)')
    .option('--debug', 'print stack traces on errors (also LEAD_ROUTER_DEBUG=1)')
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(s),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .allowExcessArguments(false);
  for (const command of commands) command.register(program, io);
  return program;
}

function wantsDebug(argv: readonly string[], io: CliIo): boolean {
  return argv.includes('--debug') || io.env.LEAD_ROUTER_DEBUG === '1' || io.env.LEAD_ROUTER_DEBUG === 'true';
}

function stackOf(err: unknown): string {
  const lines: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    lines.push(cur instanceof Error ? (cur.stack ?? String(cur)) : String(cur));
    cur = cur instanceof Error ? cur.cause : undefined;
    if (cur) lines.push('Caused by:');
  }
  return lines.join('\n');
}

/**
 * Run the CLI with `argv` as in process.argv (node, script, ...args). Resolves to the exit
 * code; never throws, never exits the process.
 */
export async function run(argv: readonly string[], io: CliIo = processIo(), commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const program = buildProgram(io, commands);
  const debug = wantsDebug(argv, io);
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help / version output is a success; everything else commander rejects is usage.
      if (err.exitCode === 0) return EXIT_OK;
      return EXIT_USAGE;
    }
    // A command that already printed everything and only wants a non-zero exit code.
    if (err instanceof ExitCode) return err.code;
    if (err instanceof LeadRouterError) {
      io.stderr(`${err.message}\n`);
      if (debug) io.stderr(`${stackOf(err)}\n`);
      return EXIT_FAILURE;
    }
    const listen = listenErrorMessage(err, "choose another port (the command's --port option, or PORT for serve)");
    if (listen) {
      io.stderr(`${listen}\n`);
      return EXIT_FAILURE;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`Unexpected error: ${message}\n`);
    io.stderr(debug ? `${stackOf(err)}\n` : 'Run again with --debug for the stack trace.\n');
    return EXIT_FAILURE;
  }
}
