// The config file a command uses: positional [file] > --config > LEAD_ROUTER_CONFIG > default,
// loaded with messages that show the path as the user typed it.
import type { Command } from 'commander';
import { loadConfig, type LoadedConfig } from '../config/load.ts';
import { resolveConfigPath } from '../config/resolve-config-path.ts';
import { ConfigError } from '../errors.ts';
import type { CliIo } from './io.ts';

export function configPathFor(command: Command, io: CliIo, positional?: string): string {
  const globals = command.optsWithGlobals<{ config?: string }>();
  return resolveConfigPath({ flag: positional ?? globals.config, env: io.env.LEAD_ROUTER_CONFIG, cwd: io.cwd });
}

/** A path as the user should read it: relative to cwd when inside it. */
export function displayPath(path: string, io: CliIo): string {
  const prefix = io.cwd.endsWith('/') ? io.cwd : `${io.cwd}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

/** loadConfig, with the displayed path in every message ("config/x.yaml:12:5 ..."). */
export function loadConfigForCli(path: string, io: CliIo): LoadedConfig {
  const shown = displayPath(path, io);
  try {
    return { ...loadConfig(path), file: shown };
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(shown, err.issues);
    throw err;
  }
}
