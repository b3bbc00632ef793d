// "Did you mean" suggestions for unknown field names in error messages (house style 6).

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** Up to `max` candidates close to `name` (edit distance, or one containing the other), closest first. */
export function closeMatches(name: string, candidates: Iterable<string>, max = 3): string[] {
  const want = name.trim().toLowerCase();
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    const lc = c.toLowerCase();
    const d = distance(want, lc);
    const contains = want.length >= 3 && lc.length >= 3 && (lc.includes(want) || want.includes(lc));
    if (d <= Math.max(2, Math.floor(want.length / 3)) || contains) scored.push({ c, d: contains ? Math.min(d, 1.5) : d }); // containing: after 1-edit typos
  }
  return scored
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((s) => s.c);
}
