// Number helpers shared by scoring and its explanation: 2-decimal rounding and cap/floor
// bounds that record what they changed.
import type { ScoreAdjustment } from './types.ts';

/**
 * Round half away from zero to 2 decimals, so +1.005 and -1.005 round symmetrically and
 * float noise (0.1 + 0.2) disappears. The EPSILON nudge corrects binary representations
 * just below the half (1.005 is stored as 1.00499999...). Never returns -0.
 */
export function round2(x: number): number {
  const r = Math.round(Math.abs(x) * 100 * (1 + Number.EPSILON)) / 100;
  return r === 0 ? 0 : x < 0 ? -r : r;
}

/**
 * Clamp `value` into [floor, cap] (either may be absent) and push an adjustment for every
 * bound that actually changed it. If a misconfigured floor exceeds the cap, the floor wins
 * (it is applied second) and both adjustments are recorded.
 */
export function applyBounds(
  value: number,
  cap: number | undefined,
  floor: number | undefined,
  scope: string,
  adjustments: ScoreAdjustment[],
): number {
  let v = value;
  if (cap !== undefined && v > cap) {
    adjustments.push({ scope, reason: 'cap', from: v, to: cap });
    v = cap;
  }
  if (floor !== undefined && v < floor) {
    adjustments.push({ scope, reason: 'floor', from: v, to: floor });
    v = floor;
  }
  return v;
}

/**
 * "+30", "-20", "+12.5": signed, at most 2 decimals, no trailing zeros. Built from integer
 * cents because this runs for every reason of every lead and String(<fraction>) is slow.
 */
export function formatPoints(points: number): string {
  const cents = Math.round(Math.abs(points) * 100 * (1 + Number.EPSILON));
  if (cents === 0) return '+0';
  const whole = Math.floor(cents / 100);
  const frac = cents - whole * 100;
  const sign = points < 0 ? '-' : '+';
  if (frac === 0) return sign + whole;
  if (frac % 10 === 0) return `${sign}${whole}.${frac / 10}`;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * String(x), faster for the 2-decimal numbers scores are made of (37.25, -0.5): a number that
 * is exactly the double nearest to k/100 prints as that decimal (the shortest round trip),
 * so it is built from the integer k. Anything else goes through String.
 */
export function numberText(x: number): string {
  if (Number.isInteger(x) || !(Math.abs(x) < 1e9)) return String(x);
  const k = Math.round(x * 100);
  if (k / 100 !== x) return String(x);
  const cents = k < 0 ? -k : k;
  const whole = Math.floor(cents / 100);
  const frac = cents - whole * 100;
  const head = k < 0 ? `-${whole}` : String(whole);
  if (frac % 10 === 0) return `${head}.${frac / 10}`;
  return `${head}.${frac < 10 ? '0' : ''}${frac}`;
}
