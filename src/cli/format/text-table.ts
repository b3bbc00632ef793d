// Aligned plain-text tables that fit a terminal width: fixed columns keep their natural
// width (up to a max), one flexible column takes the rest and is truncated with "…".
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: 'left' | 'right';
  /** Never wider than this (truncated with "…"). */
  max?: number;
  /** Takes the width left over; at most one flex column. */
  flex?: boolean;
}

const GAP = '  ';

export function truncate(s: string, width: number): string {
  if (s.length <= width) return s;
  if (width <= 1) return s.slice(0, width);
  return `${s.slice(0, width - 1)}…`;
}

function pad(s: string, width: number, align: 'left' | 'right'): string {
  return align === 'right' ? s.padStart(width) : s.padEnd(width);
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], totalWidth = 100): string {
  const cells = rows.map((r) => columns.map((c) => c.value(r).replace(/\s+/g, ' ')));
  const widths = columns.map((c, i) => {
    const natural = Math.max(c.header.length, ...cells.map((row) => row[i]!.length));
    return Math.min(natural, c.max ?? Infinity);
  });
  const flex = columns.findIndex((c) => c.flex);
  if (flex >= 0) {
    const fixed = widths.reduce((sum, w, i) => (i === flex ? sum : sum + w), 0) + GAP.length * (columns.length - 1);
    widths[flex] = Math.max(columns[flex]!.header.length, Math.min(widths[flex]!, totalWidth - fixed));
  }
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(truncate(v, widths[i]!), widths[i]!, columns[i]!.align ?? 'left'))
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].join('\n');
}

/** At most `decimals` decimals, no trailing zeros: 87.5 -> "87.5", 30 -> "30", 12.345 -> "12.35". */
export function formatNumber(n: number, decimals = 2): string {
  const f = 10 ** decimals;
  return String(Math.round(n * f) / f);
}
