import { describe, expect, it } from '@jest/globals';
import type { Command } from 'commander';
import { ConfigError, InputError } from '../../../src/errors.ts';
import { ExitCode } from '../../../src/cli/exit-code.ts';
import { demoStoreFile } from '../../../src/cli/commands/demo.ts';
import { COMMANDS, type CliCommand } from '../../../src/cli/program.ts';
import { cli } from './run-cli.ts';

const STACK_LINE = /^\s+at /m;

/** A test command that fails the way it is told to. */
function failing(kind: 'input' | 'plain'): CliCommand {
  return {
    register(program: Command) {
      program.command('boom').action(() => {
        if (kind === 'input') throw new InputError('leads.csv: file not found');
        throw new TypeError('cannot read properties of undefined');
      });
    },
  };
}

describe('lead-router program', () => {
  it('registers validate and simulate, in a list other commands append to', async () => {
    expect(COMMANDS.length).toBeGreaterThanOrEqual(2);
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: lead-router/);
    expect(stdout).toMatch(/validate \[file\]/);
    expect(stdout).toMatch(/simulate \[options\] <leads>/);
    expect(stdout).toMatch(/--config <file>/);
  });

  it('prints the version', async () => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['bogus'], /unknown command 'bogus'/],
    [['simulate'], /missing required argument 'leads'/],
    [['validate', '--frobnicate'], /unknown option '--frobnicate'/],
    [['simulate', 'x.csv', '--format', 'xml'], /argument 'xml' is invalid\. Allowed choices are table, json, csv/],
    [['simulate', 'x.csv', '--now', 'yesterday'], /expected an ISO time/],
  ])('usage errors exit 2: %j', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('(run with --help for usage)');
    expect(stdout).toBe('');
  });

  it('a LeadRouterError prints its message only and exits 1', async () => {
    const { code, stderr } = await cli(['boom'], { commands: [failing('input')] });
    expect(code).toBe(1);
    expect(stderr).toBe('leads.csv: file not found\n');
  });

  it('an unexpected error prints no stack trace unless --debug or LEAD_ROUTER_DEBUG=1', async () => {
    const quiet = await cli(['boom'], { commands: [failing('plain')] });
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toBe('Unexpected error: cannot read properties of undefined\nRun again with --debug for the stack trace.\n');

    const loud = await cli(['--debug', 'boom'], { commands: [failing('plain')] });
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(STACK_LINE);
    const env = await cli(['boom'], { commands: [failing('plain')], env: { LEAD_ROUTER_DEBUG: '1' } });
    expect(env.stderr).toMatch(STACK_LINE);
  });

  it('a command can end with a chosen exit code after printing its own output', async () => {
    const cmd: CliCommand = {
      register(program, io) {
        program.command('check').action(() => {
          io.stdout('3 leads unassigned\n');
          throw new ExitCode(3);
        });
      },
    };
    expect(await cli(['check'], { commands: [cmd] })).toEqual({ code: 3, stdout: '3 leads unassigned\n', stderr: '' });
  });

  it('ConfigError from a command: every issue, no stack', async () => {
    const cmd: CliCommand = {
      register(program) {
        program.command('boom').action(() => {
          throw new ConfigError('x.yaml', [{ path: 'owners[0].email', message: 'bad', line: 3, column: 5, hint: 'fix it' }]);
        });
      },
    };
    const { code, stderr } = await cli(['boom'], { commands: [cmd] });
    expect(code).toBe(1);
    expect(stderr).toBe('Invalid config x.yaml: 1 problem\n  - x.yaml:3:5 owners[0].email: bad (hint: fix it)\n');
  });

  it('a port in use from any command names the port and the option, not "Unexpected error"', async () => {
    const cmd: CliCommand = {
      register(program) {
        program.command('boom').action(() => {
          throw Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:4010'), { code: 'EADDRINUSE', port: 4010, address: '127.0.0.1' });
        });
      },
    };
    const { code, stderr } = await cli(['boom'], { commands: [cmd] });
    expect(code).toBe(1);
    expect(stderr).toBe(
      "port 4010 on 127.0.0.1 is already in use (another program, or another lead-router, listens there): choose another port (the command's --port option, or PORT for serve)\n",
    );
  });

  it('demo --help names the store files the demo really uses', async () => {
    const { code, stdout } = await cli(['demo', '--help']);
    expect(code).toBe(0);
    expect(demoStoreFile('hubspot')).toBe('data/demo-hubspot.db');
    expect(stdout).toContain(`${demoStoreFile('hubspot')} and ${demoStoreFile('pipedrive')}`);
    expect(stdout).toContain('data/demo.log');
    expect(stdout).not.toContain('data/demo.db');
  });
});
