// Shared helper for the CLI tests: run the CLI in-process and capture its output.
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../../../src/cli/io.ts';
import { run, type CliCommand } from '../../../src/cli/program.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; isTTY?: boolean; commands?: CliCommand[] } = {},
): Promise<CliRun> {
  const io = memoryIo({ env: opts.env ?? {}, cwd: opts.cwd ?? repoRoot, isTTY: opts.isTTY ?? false });
  const code = await run(['node', 'lead-router', ...args], io, opts.commands);
  return { code, stdout: io.out(), stderr: io.err() };
}
