// The routing explanation on the JSON panel (issue 12): why the lead went where it did, in one
// sentence, and the team members passed over, in brief. Both are `text` fields (markdown,
// truncated by Pipedrive at 255 characters, pipedrive.md §6), so whole lines are dropped rather
// than cut, and a count says how many did not fit.
import type { CandidateTrace, Evaluation, SkipReason } from '../../src/engine/types.ts';

const TEXT_MAX = 255;

/** Markdown specials escaped: names, rules and reasons come from the admin's config. */
export const md = (s: string): string => s.replace(/([\\`*_[\]#|<>])/g, '\\$1');

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const SKIP_WORDS: Record<SkipReason, string> = {
  inactive: 'inactive',
  unknown_owner: 'not a Pipedrive user',
  out_of_office: 'out of office',
  outside_hours: 'outside working hours',
  at_daily_cap: 'at daily cap',
  at_weekly_cap: 'at weekly cap',
  at_open_cap: 'at open-leads cap',
  missing_skill: 'missing skill',
  seniority: 'seniority',
  excluded: 'excluded',
};

/** The decision in one sentence (the engine's own), or what happened when it wrote none. */
export function decisionText(e: Evaluation): string {
  const sentence = e.route.reason.trim() || (e.route.owner ? `assigned to ${e.route.owner}` : 'left unassigned');
  const tie = e.route.tieBreak ? ` (${e.route.tieBreak})` : '';
  return truncate(md(`${sentence}${tie}`), TEXT_MAX);
}

function skippedLine(c: CandidateTrace, nameOf: (email: string) => string): string {
  const why = c.skipped ? SKIP_WORDS[c.skipped] : 'not eligible';
  // The engine's detail often restates the reason ("out of office 2026-12-20..."): say it once.
  const text = !c.detail ? why : c.detail.startsWith(why) ? c.detail : `${why} (${c.detail})`;
  return `- ${md(nameOf(c.owner))}: ${md(text)}`;
}

/** Members passed over and why, one per line; null when nobody was skipped. */
export function skippedText(e: Evaluation, nameOf: (email: string) => string = (x) => x): string | null {
  const skipped = e.route.candidates.filter((c) => !c.eligible || c.skipped !== undefined);
  if (!skipped.length) return null;
  const lines = skipped.map((c) => skippedLine(c, nameOf));
  const fits = (n: number) => {
    const more = lines.length - n;
    return [...lines.slice(0, n), ...(more ? [`… and ${more} more`] : [])].join('\n');
  };
  let n = lines.length;
  while (n > 1 && [...fits(n)].length > TEXT_MAX) n--;
  return truncate(fits(n), TEXT_MAX);
}
