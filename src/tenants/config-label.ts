// How a config version is named in audits, logs and the CLI: "v3" for a tenant's stored
// version, "file:<first 12 hex of the sha256>" for the config file.
import type { LoadedConfig } from '../config/load.ts';
import { InputError } from '../errors.ts';

export function versionLabel(version: number): string {
  return `v${version}`;
}

export function configLabel(loaded: LoadedConfig): string {
  return loaded.version ?? `file:${loaded.hash.slice(0, 12)}`;
}

/** "v3" or "3" -> 3; anything else is a usage error naming the expected form. */
export function parseVersionRef(ref: string): number {
  const m = /^v?(\d{1,9})$/i.exec(ref.trim());
  const n = m ? Number(m[1]) : 0;
  if (n < 1) throw new InputError(`"${ref}" is not a config version: use a version number such as 3 or v3 (see "lead-router config list")`);
  return n;
}
