// Which config file to use: --config flag > LEAD_ROUTER_CONFIG (value passed in by the
// caller; only src/env.ts reads the environment) > config/lead-router.yaml under cwd.
import { isAbsolute, resolve } from 'node:path';

export const DEFAULT_CONFIG_PATH = 'config/lead-router.yaml';

export function resolveConfigPath(opts: { flag?: string | undefined; env?: string | undefined; cwd: string }): string {
  const chosen = [opts.flag, opts.env].find((v) => v !== undefined && v.trim() !== '')?.trim() ?? DEFAULT_CONFIG_PATH;
  return isAbsolute(chosen) ? chosen : resolve(opts.cwd, chosen);
}
