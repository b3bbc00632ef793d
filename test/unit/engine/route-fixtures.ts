// Shared builders for the routing engine tests: real configs through the real schema.
import { configSchema } from '../../../src/config/schema.ts';
import { compileConfig } from '../../../src/engine/compile.ts';
import type { CompiledConfig, Lead, ScoreResult } from '../../../src/engine/types.ts';

/** Monday 2026-03-02 10:00 UTC (11:00 in Prague, 05:00 in New York). */
export const MON_10Z = Date.UTC(2026, 2, 2, 10, 0);
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** A validated, compiled config; `owners` may be plain emails. */
export function makeConfig(input: {
  owners: (string | Record<string, unknown>)[];
  teams?: Record<string, unknown>[];
  routing?: Record<string, unknown>;
}): CompiledConfig {
  return compileConfig(
    configSchema.parse({
      version: 1,
      scoring: {},
      tiers: { priority: [{ name: 'hot', min: 70 }, { name: 'warm', min: 40 }, { name: 'cold' }] },
      owners: input.owners.map((o) => (typeof o === 'string' ? { email: o } : o)),
      teams: input.teams ?? [],
      routing: input.routing ?? {},
    }),
  );
}

export function scoreOf(total: number, fit = total, engagement = total - fit): ScoreResult {
  return { fit, engagement, total, contributions: [], adjustments: [] };
}

export function ctxOf(total = 50, tier = 'warm', grade: string | null = null) {
  return { score: scoreOf(total), tier, grade };
}

let seq = 0;
export function leadOf(fields: Lead['fields'] = {}, extra: Partial<Lead> = {}): Lead {
  return { id: `lead-${++seq}`, fields, ...extra };
}
