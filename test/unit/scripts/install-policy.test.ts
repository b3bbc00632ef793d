// `npm install` and the first `npx lead-router` on a machine whose own Node is older than 24
// must stay quiet about what we control. npm checks `engines` against the Node running npm, not
// the Node 24 the `node` devDependency brings: the root package has no `engines` (npx installs
// the project into its cache as a dependency and would warn twice), `devEngines` names what npm
// itself needs, and npm 11's allowScripts review covers every install script.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';

const read = (file: string) => JSON.parse(readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'));
const pkg = read('package.json') as {
  engines?: Record<string, string>;
  devEngines?: { runtime?: { name: string; version: string } };
  devDependencies: Record<string, string>;
  allowScripts?: Record<string, boolean>;
};
const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean; engines?: unknown }> };

const nameOf = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

describe('install policy (package.json)', () => {
  it('runs on the Node 24 it installs; declares only what npm itself needs', () => {
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
    expect(pkg.engines).toBeUndefined();
    expect(lock.packages['']!.engines).toBeUndefined();
    expect(pkg.devEngines?.runtime).toMatchObject({ name: 'node', version: '>=20.17' });
  });

  it('reviews every install script in the lock: allowed or denied by name', () => {
    const withScripts = Object.entries(lock.packages)
      .filter(([path, e]) => path !== '' && e.hasInstallScript)
      .map(([path]) => nameOf(path));
    expect(withScripts.length).toBeGreaterThan(0);
    const missing = withScripts.filter((name) => !(name in (pkg.allowScripts ?? {})));
    expect(missing).toEqual([]);
  });

  it('uses name-only entries: the lock has no resolved URLs, so pinned name@version entries never match', () => {
    expect(Object.values(lock.packages).some((e) => 'resolved' in e)).toBe(false);
    for (const key of Object.keys(pkg.allowScripts ?? {})) expect(key).not.toMatch(/.@/);
  });

  it('allows the Node 24 binary, swc and esbuild (the console bundle), denies building @parcel/watcher from source (jest --watch only)', () => {
    expect(pkg.allowScripts).toEqual({ node: true, '@swc/core': true, '@parcel/watcher': false, esbuild: true });
  });
});
