// Lead files carry whatever columns the CRM export had. Columns (CSV) or field keys (JSON) the
// config does not read are skipped, and reported once, with a guess when one looks like a typo
// of a column the config does read.
import { suggestClosest } from '../config/did-you-mean.ts';

/** What a reader noticed without failing; pass one in to be told. */
export interface LeadFileNotes {
  /** Columns / field keys the config does not use, each once, in file order. */
  ignored: string[];
}

export function noteIgnored(notes: LeadFileNotes | undefined, name: string): void {
  if (notes && !notes.ignored.includes(name)) notes.ignored.push(name);
}

/** One line for stderr, or "" when nothing was ignored. */
export function describeIgnored(fileName: string, ignored: readonly string[], used: readonly string[]): string {
  if (ignored.length === 0) return '';
  const guesses = ignored
    .map((c) => [c, suggestClosest(c, used)] as const)
    .filter(([c, g]) => g !== undefined && g !== c)
    .map(([c, g]) => `${c} -> ${g}`);
  return (
    `${fileName}: ignored ${ignored.length === 1 ? 'column' : `${ignored.length} columns`} the config does not use: ${ignored.map((c) => `'${c}'`).join(', ')}` +
    (guesses.length ? ` (a typo? did you mean: ${guesses.join(', ')})` : '') +
    '; the config reads the field aliases in its fields section\n'
  );
}
