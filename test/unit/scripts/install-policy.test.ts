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

type Version = [number, number, number];
const cmp = (a: Version, b: Version) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Whether `v` satisfies one npm comparator (`>=18`, `^20.12`, `<20`, `14.x`, `*`). */
function satisfiesComparator(v: Version, comparator: string): boolean {
  const m = /^(>=|<=|>|<|=|\^|~)?v?(\d+|x|\*)?(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/i.exec(comparator);
  if (!m) throw new Error(`unsupported engines comparator: ${comparator}`);
  const op = m[1] ?? '=';
  const parts = m.slice(2, 5).map((p) => (p === undefined || /^[x*]$/i.test(p) ? undefined : Number(p)));
  const given = parts.findIndex((p) => p === undefined);
  const exact = given < 0 ? 3 : given; // how many leading numbers were given
  if (exact === 0) return true; // *, x
  const lo = [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0] as Version;
  const samePrefix = (n: number) => v.slice(0, n).every((x, i) => x === lo[i]);
  switch (op) {
    case '>=': return cmp(v, lo) >= 0;
    case '<': return cmp(v, lo) < 0;
    case '>': return exact === 3 ? cmp(v, lo) > 0 : !samePrefix(exact) && cmp(v, lo) > 0;
    case '<=': return exact === 3 ? cmp(v, lo) <= 0 : samePrefix(exact) || cmp(v, lo) < 0;
    case '^': return cmp(v, lo) >= 0 && samePrefix(lo[0] > 0 ? 1 : Math.min(exact, 2));
    case '~': return cmp(v, lo) >= 0 && samePrefix(Math.min(exact, 2));
    default: return samePrefix(exact);
  }
}

/** Whether `v` satisfies an `engines.node` range: alternatives `||`, comparators within one all hold. */
function acceptsNode(range: string, v: Version): boolean {
  return range.split('||').some((alt) =>
    alt.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).every((c) => c === '' || satisfiesComparator(v, c)),
  );
}

describe('install policy (package.json)', () => {
  it('runs on the Node 24 it installs; declares only what npm itself needs', () => {
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
    expect(pkg.engines).toBeUndefined();
    expect(lock.packages['']!.engines).toBeUndefined();
    expect(pkg.devEngines?.runtime).toMatchObject({ name: 'node', version: '>=20.17' });
  });

  it('keeps every dependency in the lock on engines that accept the oldest Node npm runs on, so npm prints no EBADENGINE', () => {
    // npm checks engines against the Node running npm (devEngines: >= 20.17), not the Node 24 of
    // node_modules/.bin: hence @hubspot/api-client 13 (14: node >= 22) and nock 14 (15 pulls
    // @mswjs/interceptors 0.44: node >= 22).
    const [major, minor = 0, patch = 0] = pkg.devEngines!.runtime!.version.replace(/^>=/, '').split('.').map(Number) as [number, number?, number?];
    const oldest: Version = [major, minor, patch];
    expect(oldest).toEqual([20, 17, 0]);
    const refused = Object.entries(lock.packages)
      .filter(([path, e]) => path !== '' && typeof (e.engines as { node?: unknown } | undefined)?.node === 'string')
      .filter(([, e]) => !acceptsNode((e.engines as { node: string }).node, oldest))
      .map(([path, e]) => `${nameOf(path)}: node ${(e.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
    expect(acceptsNode('>=22', oldest)).toBe(false);
    expect(acceptsNode('>=18.20.0 <20 || >=20.12.1', oldest)).toBe(true);
    expect(acceptsNode('^20.19.0 || >=22.12.0', oldest)).toBe(false);
    expect(acceptsNode('^18.14.0 || ^20.0.0 || ^22.0.0 || >=24.0.0', oldest)).toBe(true);
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
