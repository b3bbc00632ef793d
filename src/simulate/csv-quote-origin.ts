// Where a broken quote really is. csv-parse reports a quote error where it noticed it: at the end
// of the file ("Quote Not Closed") or at the next quote it meets, often many lines after the
// value whose closing quote is missing. This walks the text with the same quoting rules (a field
// is quoted when, after leading blanks, it starts with "; "" inside it is a quote) and returns the
// line where the quoted value open at `errorLine` began.

export interface QuoteOrigin {
  /** 1-based line where the quoted value opened. */
  line: number;
  /** That line's text (for the message). */
  text: string;
}

export function quoteOrigin(input: string, errorLine: number): QuoteOrigin | undefined {
  const text = input.replace(/^\uFEFF/, '');
  let line = 1;
  let atFieldStart = true;
  let openedAt = 0; // line of the open quoted value, 0 when none is open
  let lastSpan: { from: number; to: number } | undefined;
  for (let i = 0; i < text.length && line <= errorLine; i++) {
    const ch = text[i]!;
    if (openedAt > 0) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else {
          lastSpan = { from: openedAt, to: line };
          openedAt = 0;
        }
      } else if (ch === '\n') line++;
      continue;
    }
    if (ch === '\n') {
      line++;
      atFieldStart = true;
    } else if (ch === ',') atFieldStart = true;
    else if (atFieldStart && ch === '"') openedAt = line;
    else if (ch !== ' ' && ch !== '\t' && ch !== '\r') atFieldStart = false;
  }
  const from = openedAt > 0 ? openedAt : lastSpan && lastSpan.to === errorLine ? lastSpan.from : 0;
  if (from === 0) return undefined;
  return { line: from, text: text.split('\n')[from - 1]!.replace(/\r$/, '') };
}
