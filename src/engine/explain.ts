// Human reasons for a CRM text property: the score breakdown plus the routing decision,
// e.g. "+30 company size 1000+, +25 title CFO, -20 free-mail domain, +12.5 webinar
// (decayed from 15), fit capped at 60 -> anna@x.com via rule pharma (team pharma)".
// Deterministic: same score and route, same string.
import { formatPoints, round2 } from './score-math.ts';
import type { RouteDecision, ScoreAdjustment, ScoreContribution, ScoreResult } from './types.ts';

const ELLIPSIS = '…';
const ITEM_SEP = ', ';
const NOTHING = 'no scoring rules matched';

/** Fit before engagement, then by absolute points descending. */
function before(a: ScoreContribution, b: ScoreContribution): boolean {
  if (a.kind !== b.kind) return a.kind === 'fit';
  return Math.abs(a.points) > Math.abs(b.points);
}

/**
 * A sorted copy, most important first. Insertion sort: stable (ties keep config order) and,
 * for the dozen or so contributions of a lead, several times faster than Array#sort with a
 * comparator; this runs for every evaluated lead.
 */
function ordered(contributions: readonly ScoreContribution[]): ScoreContribution[] {
  const out = contributions.slice();
  for (let i = 1; i < out.length; i++) {
    const c = out[i]!;
    let j = i - 1;
    while (j >= 0 && before(c, out[j]!)) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = c;
  }
  return out;
}

function describeContribution(c: ScoreContribution): string {
  const head = `${formatPoints(c.points)} ${c.label}`;
  return c.note ? `${head} (${c.note})` : head;
}

function describeAdjustment(a: ScoreAdjustment): string {
  return `${a.scope} ${a.reason === 'cap' ? 'capped' : 'floored'} at ${round2(a.to)}`;
}

/** The score as items, most important first: fit, then engagement (each by |points|), then caps/floors. */
function scoreItems(score: ScoreResult): string[] {
  const sorted = ordered(score.contributions);
  const items: string[] = new Array(sorted.length + score.adjustments.length);
  for (let i = 0; i < sorted.length; i++) items[i] = describeContribution(sorted[i]!);
  for (let i = 0; i < score.adjustments.length; i++) items[sorted.length + i] = describeAdjustment(score.adjustments[i]!);
  return items;
}

/** The score-only human string (card/panel, traces). */
export function explainScore(score: ScoreResult): string {
  const items = scoreItems(score);
  return items.length === 0 ? NOTHING : items.join(ITEM_SEP);
}

/**
 * "-> anna@x.com via rule pharma (team pharma)", "-> bob@x.com (current owner kept)",
 * "-> unassigned (<route.reason>)" when no rule explains why nobody got the lead.
 */
export function describeRoute(route: RouteDecision): string {
  const who = route.owner ?? 'unassigned';
  const via = route.rule !== null ? ` via rule ${route.rule}` : route.target === 'fallback' ? ' via fallback' : '';
  let detail = '';
  if (route.target === 'account_owner') detail = 'account owner';
  else if (route.target === 'keep_current') detail = 'current owner kept';
  else if (route.team) detail = `team ${route.team}`;
  else if (route.owner === null && route.rule === null) detail = route.reason;
  return `-> ${who}${via}${detail ? ` (${detail})` : ''}`;
}

/**
 * The longest prefix of `items` that fits together with `suffix`, ending in "…" when items
 * were dropped; null when not even "…" + suffix fits.
 */
function fitItems(items: readonly string[], suffix: string, maxLength: number): string | null {
  const tail = suffix ? ` ${suffix}` : '';
  let headLength = items.length > 0 ? (items.length - 1) * ITEM_SEP.length : 0;
  for (let i = 0; i < items.length; i++) headLength += items[i]!.length;
  if (headLength + tail.length <= maxLength) return items.join(ITEM_SEP) + tail;
  // Lengths only until the cut is known; the string is built once.
  for (let keep = items.length - 1; keep >= 0; keep--) {
    headLength -= items[keep]!.length + (keep > 0 ? ITEM_SEP.length : 0); // = length of items[0..keep) joined
    const sep = keep > 0 ? ITEM_SEP.length : 0;
    if (headLength + sep + ELLIPSIS.length + tail.length <= maxLength) {
      return (keep > 0 ? items.slice(0, keep).join(ITEM_SEP) + ITEM_SEP : '') + ELLIPSIS + tail;
    }
  }
  return null;
}

/**
 * Reasons for the CRM: score items then the route, at most `maxLength` characters. When it
 * does not fit, whole score items are dropped from the end (least important first) and
 * replaced by "…", keeping the route part, which says who got the lead and why. Only if the
 * route part alone does not fit is it dropped too (then the result may be just "…"; a
 * maxLength below 1 gives "").
 */
export function formatReasons(score: ScoreResult, route: RouteDecision, maxLength: number): string {
  const items = scoreItems(score);
  if (items.length === 0) items.push(NOTHING);
  const routePart = describeRoute(route);
  return fitItems(items, routePart, maxLength) ?? fitItems(items, '', maxLength) ?? '';
}
