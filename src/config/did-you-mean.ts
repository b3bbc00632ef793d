// "Did you mean ...?" for typos in keys, enum values, owner emails, team names and aliases.

/**
 * Edit distance (case-insensitive) where a swap of two neighbours ("emial") counts as one
 * edit (optimal string alignment), stopping early once it exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  if (Math.abs(s.length - t.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  let prevMin = 0;
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, before[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    // Both rows past the limit: no later cell (even via a swap) can come back under it.
    if (rowMin > limit && prevMin > limit) return limit + 1;
    prevMin = rowMin;
    before = prev;
    prev = cur;
  }
  return prev[t.length]!;
}

/**
 * The candidate closest to `input`, if it is close enough to be a plausible typo: within
 * a third of the length, rounded up (at least 1, at most 3 edits), or differing only in case / `_-`.
 */
export function suggestClosest(input: string, candidates: Iterable<string>): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[_\-\s]/g, '');
  const limit = Math.min(3, Math.max(1, Math.ceil(input.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === input) continue;
    const d = squash(c) === squash(input) ? 0 : editDistance(input, c, limit);
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** A hint: "did you mean 'x'?" and/or the list of valid choices (shortened when long). */
export function hintFor(input: string, candidates: readonly string[], what = 'valid values'): string | undefined {
  if (candidates.length === 0) return undefined;
  const guess = suggestClosest(input, candidates);
  const list = candidates.length > 12 ? `${candidates.slice(0, 12).join(', ')}, ...` : candidates.join(', ');
  return guess ? `did you mean '${guess}'? ${what}: ${list}` : `${what}: ${list}`;
}
