// Progress of a long step on stderr: a bar redrawn in place on a terminal
//   pipedrive: scoring  [##########----------]  150/300  50%  21.4/s  ~7 s left  inbox 12
// and plain lines otherwise (logs, CI, pipes), at most one per `everyMs` plus a final one, so a
// long step is never silent and a log never fills with redraws. The clock is injectable.

/** Where progress goes: a CliIo fits, and so does { stderr: (s) => process.stderr.write(s), isTTY }. */
export interface ProgressSink {
  stderr(s: string): void;
  isTTY: boolean;
}

export interface ProgressOptions {
  /** The number the step reaches when it is done: enables the bar, the percentage and the time left. */
  total?: number;
  /** Plain (non-terminal) output: at most one line per this many ms (default 5 s). */
  everyMs?: number;
  /** Bar width in characters (default 24). */
  barWidth?: number;
  now?: () => number;
}

export interface Progress {
  /** `n` items done so far; `detail` is appended (e.g. "inbox 12"). */
  update(n: number, detail?: string): void;
  /** Ends the step: the last state as a final line on a terminal and in plain output. */
  done(detail?: string): void;
}

/** The text of one progress state (also the plain line). */
export function progressText(label: string, n: number, elapsedMs: number, opts: { total?: number; barWidth?: number; bar: boolean }, detail = ''): string {
  const parts = [label];
  const total = opts.total;
  if (total !== undefined && total > 0) {
    const ratio = Math.min(1, Math.max(0, n / total));
    if (opts.bar) {
      const width = opts.barWidth ?? 24;
      const filled = Math.round(ratio * width);
      parts.push(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`);
    }
    parts.push(`${n}/${total}`, `${Math.floor(ratio * 100)}%`);
  } else parts.push(String(n));
  const perSecond = elapsedMs > 0 ? (n * 1000) / elapsedMs : 0;
  if (elapsedMs >= 1000) parts.push(`${perSecond >= 10 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`);
  if (total !== undefined && n > 0 && n < total && elapsedMs >= 1000) parts.push(`~${Math.ceil((total - n) / perSecond)} s left`);
  if (detail) parts.push(detail);
  return parts.join('  ');
}

export function createProgress(io: ProgressSink, label: string, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const everyMs = options.everyMs ?? 5000;
  const started = now();
  let lastLine = -Infinity; // the first update is printed at once: the step has started
  let lastDraw = -Infinity;
  let printed = '';
  let state: { n: number; detail: string } | undefined;
  const text = (bar: boolean) => progressText(label, state!.n, now() - started, { ...options, bar }, state!.detail);
  return {
    update(n, detail = '') {
      state = { n, detail };
      if (io.isTTY) {
        // Redraw at most 10 times a second: a fast loop may update on every item.
        if (now() - lastDraw < 100) return;
        lastDraw = now();
        io.stderr(`\r\x1b[2K${text(true)}`);
      } else if (now() - lastLine >= everyMs) {
        printed = text(false);
        io.stderr(`${printed}\n`);
        lastLine = now();
      }
    },
    done(detail) {
      if (!state) return;
      if (detail !== undefined) state.detail = detail;
      if (io.isTTY) io.stderr(`\r\x1b[2K${text(true)}\n`);
      else if (text(false) !== printed) io.stderr(`${text(false)}\n`); // not the same line twice
    },
  };
}
