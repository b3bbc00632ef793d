// A unified diff of two texts, line by line (longest common subsequence), with 3 lines of
// context per hunk, like `diff -u`. Config files are a few hundred lines, so the quadratic
// table is small; beyond MAX_CELLS the texts are shown as one replaced block instead.

const CONTEXT = 3;
const MAX_CELLS = 25_000_000;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function diffOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) {
    return [...a.map((line, i): Op => ({ kind: '-', line, a: i, b: 0 })), ...b.map((line, j): Op => ({ kind: '+', line, a: n, b: j }))];
  }
  // lcs[i][j]: common lines of a[i..] and b[j..], in one flat array
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[i] === b[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i]!, a: i++, b: j++ });
    // removals before additions, as diff -u prints them
    else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) ops.push({ kind: '-', line: a[i]!, a: i++, b: j });
    else ops.push({ kind: '+', line: b[j]!, a: i, b: j++ });
  }
  return ops;
}

/** "" when the texts are equal; else `--- nameA` / `+++ nameB` and `@@ -a,n +b,m @@` hunks. */
export function unifiedDiff(aText: string, bText: string, aName: string, bName: string): string {
  const ops = diffOps(splitLines(aText), splitLines(bText));
  const changed = ops.map((o, k) => (o.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${aName}`, `+++ ${bName}`];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k]! - CONTEXT);
    let end = Math.min(ops.length, changed[k]! + CONTEXT + 1);
    // extend the hunk while the next change is within its context
    while (k + 1 < changed.length && changed[k + 1]! - CONTEXT <= end) end = Math.min(ops.length, changed[++k]! + CONTEXT + 1);
    k++;
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    const aStart = aCount ? hunk.find((o) => o.kind !== '+')!.a + 1 : hunk[0]!.a;
    const bStart = bCount ? hunk.find((o) => o.kind !== '-')!.b + 1 : hunk[0]!.b;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
  }
  return `${out.join('\n')}\n`;
}
