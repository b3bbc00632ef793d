#!/usr/bin/env node
// The npm registry mirror of our build machines serves only the platform packages of the
// machines themselves (linux x64): darwin / win32 / arm builds of native modules (@swc/core,
// jest's unrs-resolver) answer 404, so `npm install` leaves them out of package-lock.json and
// `npm ci` then refuses the lock ("Missing: @swc/core-darwin-arm64@ from lock file").
// This adds the missing optional platform entries (version, os, cpu, libc from the package
// name) so `npm ci` validates; npm skips them on other platforms as it always does.
//
//   node scripts/complete-lockfile.ts          # fix package-lock.json in place
//   node scripts/complete-lockfile.ts --check  # exit 1 if entries are missing
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix', 'openharmony'];

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

export function platformOf(name: string): { os: string; cpu: string; libc?: string } | null {
  const parts = name.split('/').pop()!.split('-');
  const i = parts.findIndex((p) => OSES.includes(p));
  if (i < 0 || i + 1 >= parts.length) return null;
  const abi = parts.slice(i + 2).join('-');
  const libc = abi.startsWith('musl') ? 'musl' : abi.startsWith('gnu') ? 'glibc' : undefined;
  return { os: parts[i]!, cpu: parts[i + 1]!, ...(libc ? { libc } : {}) };
}

export function completeLockfile(lock: { packages: Record<string, LockEntry> }): string[] {
  const added: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
      const base = path === '' ? 'node_modules' : `${path}/node_modules`;
      if (lock.packages[`${base}/${dep}`] || lock.packages[`node_modules/${dep}`]) continue;
      const platform = platformOf(dep);
      if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) continue;
      lock.packages[`node_modules/${dep}`] = {
        version: spec.replace(/^[=^~]/, ''),
        cpu: [platform.cpu],
        ...(entry.dev ? { dev: true } : {}),
        ...(platform.libc ? { libc: [platform.libc] } : {}),
        optional: true,
        os: [platform.os],
      };
      added.push(dep);
    }
  }
  return added;
}

if (import.meta.main) {
  const file = 'package-lock.json';
  const lock = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, LockEntry> };
  const added = completeLockfile(lock);
  if (process.argv.includes('--check')) {
    if (added.length) {
      console.error(`package-lock.json lacks ${added.length} optional platform entries (${added.slice(0, 3).join(', ')}, ...): run node scripts/complete-lockfile.ts`);
      process.exit(1);
    }
    console.log('package-lock.json: complete');
  } else {
    const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
    writeFileSync(file, JSON.stringify({ ...lock, packages: sorted }, null, 2) + '\n');
    console.log(added.length ? `added ${added.length} optional platform entries` : 'package-lock.json already complete');
  }
}
