// Everything a CLI command touches outside itself, passed in so commands run in-process in
// tests: output streams, environment values, working directory, terminal or not.
export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  isTTY: boolean;
  /** Resolves with the signal's name at the first Ctrl-C (SIGINT) or SIGTERM (`demo --serve` waits on it). */
  interrupted?: () => Promise<string>;
}

/** The real process: bin.ts passes this (the only place the CLI touches `process`). */
export function processIo(proc: NodeJS.Process = process): CliIo {
  return {
    stdout: (s) => void proc.stdout.write(s),
    stderr: (s) => void proc.stderr.write(s),
    env: proc.env,
    cwd: proc.cwd(),
    isTTY: Boolean(proc.stderr.isTTY),
    interrupted: () =>
      new Promise<string>((resolve) => {
        const on = (signal: NodeJS.Signals) => {
          proc.off('SIGINT', on);
          proc.off('SIGTERM', on);
          resolve(signal);
        };
        proc.once('SIGINT', on);
        proc.once('SIGTERM', on);
      }),
  };
}

/** An io that records output, for tests and for embedding. */
export function memoryIo(overrides: Partial<Omit<CliIo, 'stdout' | 'stderr'>> = {}): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env: overrides.env ?? {},
    cwd: overrides.cwd ?? '.',
    isTTY: overrides.isTTY ?? false,
    ...(overrides.interrupted ? { interrupted: overrides.interrupted } : {}),
    out: () => out.join(''),
    err: () => err.join(''),
  };
}
