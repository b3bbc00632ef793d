// SIGHUP: re-read the config file; a broken file keeps the running config and says why.
import type { Logger } from '../logger.ts';
import { loadConfig, type LoadedConfig } from './load.ts';

/** Reload the config file (SIGHUP): a bad file keeps the running config and logs why. */
export function reloadConfig(current: LoadedConfig, logger: Logger): LoadedConfig {
  try {
    const next = loadConfig(current.file);
    logger.info('config reloaded', { file: next.file, hash: next.hash.slice(0, 12) });
    return next;
  } catch (err) {
    logger.error('config reload failed; keeping the running config', { error: (err as Error).message });
    return current;
  }
}
