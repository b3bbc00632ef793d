// Wilson score interval for a binomial proportion (Wilson 1927): unlike the normal
// approximation it stays inside [0, 1] and is honest for small counts and rates near 0 or 1,
// which is what a funnel split per rep or rule mostly has.

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Rate {
  successes: number;
  n: number;
  /** successes / n; null when n is 0 */
  rate: number | null;
  /** 95% Wilson interval; null when n is 0 */
  low: number | null;
  high: number | null;
}

export function wilsonRate(successes: number, n: number, z = Z_95): Rate {
  if (n <= 0) return { successes, n, rate: null, low: null, high: null };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { successes, n, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
