// Precompute lookups once per config so per-lead evaluation stays allocation-light.
import type { Condition, LeadRouterConfig } from '../config/schema.ts';
import type { CompiledConfig } from './types.ts';

function collectPatterns(cond: Condition | undefined, out: Set<string>): void {
  if (!cond) return;
  if ('all' in cond) cond.all.forEach((c) => collectPatterns(c, out));
  else if ('any' in cond) cond.any.forEach((c) => collectPatterns(c, out));
  else if ('not' in cond) collectPatterns(cond.not, out);
  else if (cond.matches !== undefined) out.add(cond.matches);
}

export function compileConfig(config: LeadRouterConfig): CompiledConfig {
  const patterns = new Set<string>();
  for (const section of [config.scoring.fit, config.scoring.engagement]) {
    for (const g of section.groups) for (const r of g.rules) if ('matches' in r && r.matches) patterns.add(r.matches);
  }
  for (const r of config.routing.rules) collectPatterns(r.when, patterns);
  const regex = new Map<string, RegExp>();
  for (const p of patterns) regex.set(p, new RegExp(p, 'i'));
  return {
    config,
    owners: new Map(config.owners.map((o) => [o.email.toLowerCase(), o])),
    teams: new Map(config.teams.map((t) => [t.name, t])),
    regex,
  };
}

/** The compiled regex for a pattern (compiles and caches patterns not seen at compile time). */
export function regexFor(compiled: CompiledConfig, src: string): RegExp {
  let re = compiled.regex.get(src);
  if (!re) {
    re = new RegExp(src, 'i');
    compiled.regex.set(src, re);
  }
  return re;
}
