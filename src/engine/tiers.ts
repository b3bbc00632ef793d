// Priority tier and 2-D grade from a score (pure).
//
// Thresholds compare the ScoreResult's totals exactly as stored (2 decimals, see score.ts),
// never rounded further: with "hot >= 70", 69.99 is not hot. Comparing the stored value
// keeps the tier consistent with the score written to the CRM, with routing conditions on
// `score`/`fit`/`engagement`, and with any later re-classification of a stored result.
import type { Classification, CompiledConfig, ScoreResult } from './types.ts';

interface Threshold {
  min?: number | undefined;
}

/**
 * The first entry whose `min` <= value wins; an entry without `min` always matches (the
 * catch-all). If nothing matches (no catch-all configured), the last entry is used, so every
 * lead always gets a tier.
 */
export function pickThreshold<T extends Threshold>(list: readonly T[], value: number): T {
  for (let i = 0; i < list.length; i++) {
    const t = list[i]!;
    if (t.min === undefined || t.min <= value) return t;
  }
  return list[list.length - 1]!; // the schema guarantees at least one entry
}

/** Tier on the total; grade = fit letter + engagement digit ("A1") when a grade matrix is configured. */
export function classify(score: ScoreResult, compiled: CompiledConfig): Classification {
  const { priority, grade } = compiled.config.tiers;
  const tier = String(pickThreshold(priority, score.total).name);
  if (!grade) return { tier, grade: null };
  const letter = String(pickThreshold(grade.fit, score.fit).grade);
  const digit = String(pickThreshold(grade.engagement, score.engagement).grade);
  return { tier, grade: letter + digit };
}
