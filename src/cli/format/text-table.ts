// Aligned plain-text tables that fit a terminal width: fixed columns keep their natural
// width (up to a max), one flexible column takes the rest. A cell too wide for its column is
// truncated with "…", or, in a `wrap` column, continued on the next lines of the same row.
export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: 'left' | 'right';
  /** Never wider than this (truncated with "…"). */
  max?: number;
  /** Takes the width left over; at most one flex column. */
  flex?: boolean;
  /** Wrap at spaces onto continuation lines instead of truncating (explanations must stay readable). */
  wrap?: boolean;
}

const GAP = '  ';

export function truncate(s: string, width: number): string {
  if (s.length <= width) return s;
  if (width <= 1) return s.slice(0, width);
  return `${s.slice(0, width - 1)}…`;
}

/**
 * Wrap to the width, keeping comma-separated items ("+30 company size 1000+, +25 C-level") whole
 * on one line when they fit; an item wider than the line breaks at spaces, a word wider than the
 * line is split. Never returns no lines.
 */
export function wrapText(s: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let current = '';
  const put = (piece: string) => {
    if (current && current.length + 1 + piece.length <= w) current += ` ${piece}`;
    else {
      if (current) lines.push(current);
      current = piece;
    }
  };
  for (const item of s.split(/(?<=,) +/).filter(Boolean)) {
    if (item.length <= w) {
      put(item);
      continue;
    }
    if (current) lines.push(current);
    current = '';
    for (let word of item.split(' ').filter(Boolean)) {
      while (word.length > w) {
        put(word.slice(0, w));
        word = word.slice(w);
      }
      put(word);
    }
  }
  lines.push(current);
  return lines;
}

function pad(s: string, width: number, align: 'left' | 'right'): string {
  return align === 'right' ? s.padStart(width) : s.padEnd(width);
}

export interface TableOptions<T> {
  /** A text printed under each row, indented and wrapped to the full width (e.g. a lead's reasons). */
  detail?: (row: T) => string;
  /** The detail's header, under the column headers. */
  detailHeader?: string;
}

const DETAIL_INDENT = '    ';

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], totalWidth = 100, options: TableOptions<T> = {}): string {
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
      .map((v, i) => pad(v, widths[i]!, columns[i]!.align ?? 'left'))
      .join(GAP)
      .trimEnd();
  const rowLines = (values: string[]): string[] => {
    const parts = values.map((v, i) => (columns[i]!.wrap ? wrapText(v, widths[i]!) : [truncate(v, widths[i]!)]));
    const height = Math.max(...parts.map((p) => p.length));
    return Array.from({ length: height }, (_, k) => line(parts.map((p) => p[k] ?? '')));
  };
  const detailLines = (row: T): string[] => {
    const text = options.detail?.(row).replace(/\s+/g, ' ').trim();
    return text ? wrapText(text, totalWidth - DETAIL_INDENT.length).map((l) => `${DETAIL_INDENT}${l}`) : [];
  };
  const body = cells.flatMap((values, r) => [...rowLines(values), ...detailLines(rows[r]!)]);
  const header = [line(columns.map((c, i) => truncate(c.header, widths[i]!))), ...(options.detailHeader ? [`${DETAIL_INDENT}${options.detailHeader}`] : [])];
  return [...header, ...body].join('\n');
}

/** At most `decimals` decimals, no trailing zeros: 87.5 -> "87.5", 30 -> "30", 12.345 -> "12.35". */
export function formatNumber(n: number, decimals = 2): string {
  const f = 10 ** decimals;
  return String(Math.round(n * f) / f);
}

/** The header line a table adds when `--now` was not given (results then depend on when it runs). */
export const WALL_CLOCK_NOTE = 'Time: the wall clock (no --now given); decay, working hours and out of office depend on it.';
