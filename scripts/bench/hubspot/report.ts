// Printing of benchmark figures: one line per figure, with its target, the ratio to the target
// and whether it is met, so a run can be read (and grepped) line by line.

export interface Target {
  op: '>=' | '<=' | '<';
  value: number;
}

export interface Figure {
  /** "scenario.name", e.g. "burst.calls_per_lead". */
  name: string;
  value: number;
  unit: string;
  target?: Target;
  digits?: number;
  note?: string;
}

export interface Verdict {
  name: string;
  met: boolean;
  line: string;
}

const verdicts: Verdict[] = [];

function fmt(n: number, digits: number): string {
  if (!Number.isFinite(n)) return String(n);
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function meets(value: number, t: Target): boolean {
  if (t.op === '>=') return value >= t.value;
  if (t.op === '<=') return value <= t.value;
  return value < t.value;
}

/** Print one figure; figures with a target are remembered for the summary. */
export function figure(f: Figure): void {
  const digits = f.digits ?? 0;
  const unit = f.unit ? ` ${f.unit}` : '';
  let line = `figure ${f.name}: ${fmt(f.value, digits)}${unit}`;
  if (f.target) {
    const met = meets(f.value, f.target);
    // value / target: >= 1 is good for ">=" targets, <= 1 is good for "<" and "<=" targets.
    const ratio = f.target.value === 0 ? (f.value === 0 ? 0 : Infinity) : f.value / f.target.value;
    line += ` (target ${f.target.op} ${fmt(f.target.value, digits)}${unit}; ${fmt(ratio, 2)}x of target) ${met ? 'MET' : 'MISSED'}`;
    verdicts.push({ name: f.name, met, line });
  }
  if (f.note) line += ` — ${f.note}`;
  console.log(line);
}

/** A line of context (not a figure). */
export function info(scenario: string, text: string): void {
  console.log(`  [${scenario}] ${text}`);
}

export function summary(totalMs: number): boolean {
  const met = verdicts.filter((v) => v.met).length;
  const missed = verdicts.filter((v) => !v.met).map((v) => v.name);
  console.log(
    `summary: ${met}/${verdicts.length} targets met in ${fmt(totalMs / 1000, 1)} s` + (missed.length ? `; missed: ${missed.join(', ')}` : ''),
  );
  return missed.length === 0;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  // Nearest rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[Math.min(s.length, rank) - 1]!;
}
