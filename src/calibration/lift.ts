// Lift by score band: the won rate per score decile and per tier, with 95% Wilson intervals,
// and the inversions: a higher band whose interval lies entirely below a lower band's (it
// converts worse beyond the noise). Overlapping intervals are not flagged.
import { wilsonRate, type Rate } from '../outcomes/report/wilson.ts';
import type { CalibrationLead } from './collect-leads.ts';

export interface BandRow {
  /** "D10" (top decile) ... "D1", or the tier name. */
  band: string;
  /** Score range of the band's leads. */
  minScore: number | null;
  maxScore: number | null;
  won: Rate;
}

export interface Inversion {
  kind: 'decile' | 'tier';
  /** The band that should convert better (higher score / tier). */
  higher: string;
  lower: string;
  higherRate: number;
  lowerRate: number;
}

function row(band: string, leads: readonly CalibrationLead[]): BandRow {
  let won = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const l of leads) {
    if (l.won) won++;
    min = Math.min(min, l.score);
    max = Math.max(max, l.score);
  }
  return { band, minScore: leads.length ? min : null, maxScore: leads.length ? max : null, won: wilsonRate(won, leads.length) };
}

/**
 * Ten bands of (nearly) equal size by score rank, highest first. Equal scores stay in one band
 * (a tie across a cut stays below it), so a band may be empty when few scores are distinct.
 */
export function decileRows(leads: readonly CalibrationLead[]): BandRow[] {
  const sorted = [...leads].sort((a, b) => a.score - b.score);
  const bands: CalibrationLead[][] = Array.from({ length: 10 }, () => []);
  let d = 0;
  for (let i = 0; i < sorted.length; i++) {
    const target = Math.floor((i * 10) / sorted.length);
    if (target > d && (i === 0 || sorted[i]!.score !== sorted[i - 1]!.score)) d = target;
    bands[d]!.push(sorted[i]!);
  }
  return bands.map((b, i) => row(`D${i + 1}`, b)).reverse();
}

/** One row per tier of the config, highest first; tiers no lead has are shown with n = 0. */
export function tierRows(leads: readonly CalibrationLead[], tiers: readonly string[]): BandRow[] {
  const byTier = new Map<string, CalibrationLead[]>(tiers.map((t) => [t, []]));
  for (const l of leads) {
    const list = byTier.get(l.tier);
    if (list) list.push(l);
    else byTier.set(l.tier, [l]); // a tier an older config had: listed after the current ones
  }
  return [...byTier].map(([t, list]) => row(t, list));
}

/** Pairs (higher band first in `rows`) where the higher band's interval is entirely below the lower's. */
export function findInversions(rows: readonly BandRow[], kind: Inversion['kind']): Inversion[] {
  const out: Inversion[] = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      const hi = rows[i]!.won;
      const lo = rows[j]!.won;
      if (hi.high === null || lo.low === null) continue;
      if (hi.high < lo.low) out.push({ kind, higher: rows[i]!.band, lower: rows[j]!.band, higherRate: hi.rate!, lowerRate: lo.rate! });
    }
  }
  return out;
}
