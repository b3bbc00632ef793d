// Human reasons for a CRM text property: the score breakdown plus the routing decision,
// e.g. "+30 company size 1000+, +25 title CFO, -20 free-mail domain, +12.5 webinar
// (decayed from 15), fit capped at 60 -> anna@x.com via rule pharma (team pharma)".
// Deterministic: same score and route, same string.
import { itemText } from './score-labels.ts';
import { round2 } from './score-math.ts';
import type { RouteDecision, ScoreAdjustment, ScoreContribution, ScoreResult } from './types.ts';

const ELLIPSIS = '…';
const ITEM_SEP = ', ';
const NOTHING = 'no scoring rules matched';

// Sort keys, read once per contribution: contributions come in several shapes, so reading
// their properties inside the sort's inner loop would be slow. Scratch, reused per call.
const kindKeys: string[] = [];
let sizeKeys = new Float64Array(32);

/**
 * The contributions' indices, most important first: fit before engagement, then by absolute
 * points descending. Insertion sort: stable (ties keep config order) and, for the dozen or so
 * contributions of a lead, several times faster than Array#sort with a comparator; this runs
 * for every evaluated lead.
 */
function order(contributions: readonly ScoreContribution[]): number[] {
  const n = contributions.length;
  if (sizeKeys.length < n) sizeKeys = new Float64Array(n * 2);
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const c = contributions[i]!;
    const kind = c.kind;
    const size = Math.abs(c.points);
    kindKeys[i] = kind;
    sizeKeys[i] = size;
    let j = i - 1;
    // before(c, out[j]): fit first; within a kind, larger |points| first
    while (j >= 0) {
      const k = out[j]!;
      if (kind === kindKeys[k] ? !(size > sizeKeys[k]!) : kind !== 'fit') break;
      out[j + 1] = k;
      j--;
    }
    out[j + 1] = i;
  }
  return out;
}

function describeContribution(c: ScoreContribution): string {
  return itemText(c.points, c.label, c.note);
}

function describeAdjustment(a: ScoreAdjustment): string {
  return `${a.scope} ${a.reason === 'cap' ? 'capped' : 'floored'} at ${round2(a.to)}`;
}

/**
 * The score as items, most important first: fit, then engagement (each by |points|), then
 * caps/floors. `texts[i]`, when given and not null, is contribution i's item already built.
 */
function scoreItems(score: ScoreResult, texts: readonly (string | null)[] | null): string[] {
  const cs = score.contributions;
  const known = texts !== null && texts.length === cs.length ? texts : null;
  const sorted = order(cs);
  const items: string[] = new Array(cs.length + score.adjustments.length);
  for (let i = 0; i < sorted.length; i++) {
    const k = sorted[i]!;
    items[i] = (known !== null ? known[k] : null) ?? describeContribution(cs[k]!);
  }
  for (let i = 0; i < score.adjustments.length; i++) items[cs.length + i] = describeAdjustment(score.adjustments[i]!);
  return items;
}

/** The score-only human string (card/panel, traces). */
export function explainScore(score: ScoreResult): string {
  const items = scoreItems(score, null);
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
  if (route.reengaged) detail = detail ? `re-engaged, ${detail}` : 're-engaged';
  return `-> ${who}${via}${detail ? ` (${detail})` : ''}`;
}

/**
 * items[0..count) joined by ", ". Concatenation builds the result as a rope, so the items are
 * copied once, when the result is first read as a whole (written to the CRM, say), instead of
 * once by Array#join and again by that reader.
 */
function joinItems(items: readonly string[], count: number): string {
  if (count === 0) return '';
  let out = items[0]!;
  for (let i = 1; i < count; i++) out = `${out}${ITEM_SEP}${items[i]!}`;
  return out;
}

/**
 * The longest prefix of `items` that fits together with `suffix`, ending in "…" when items
 * were dropped; null when not even "…" + suffix fits.
 */
function fitItems(items: readonly string[], suffix: string, maxLength: number): string | null {
  const tail = suffix ? ` ${suffix}` : '';
  let headLength = items.length > 0 ? (items.length - 1) * ITEM_SEP.length : 0;
  for (let i = 0; i < items.length; i++) headLength += items[i]!.length;
  if (headLength + tail.length <= maxLength) return joinItems(items, items.length) + tail;
  // Lengths only until the cut is known; the string is built once.
  for (let keep = items.length - 1; keep >= 0; keep--) {
    headLength -= items[keep]!.length + (keep > 0 ? ITEM_SEP.length : 0); // = length of items[0..keep) joined
    const sep = keep > 0 ? ITEM_SEP.length : 0;
    if (headLength + sep + ELLIPSIS.length + tail.length <= maxLength) {
      return (keep > 0 ? joinItems(items, keep) + ITEM_SEP : '') + ELLIPSIS + tail;
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
  return formatReasonsWithTexts(score, null, route, maxLength);
}

/** formatReasons with the contributions' items known up front (see scoreLeadWithTexts). */
export function formatReasonsWithTexts(
  score: ScoreResult,
  texts: readonly (string | null)[] | null,
  route: RouteDecision,
  maxLength: number,
): string {
  const items = scoreItems(score, texts);
  if (items.length === 0) items.push(NOTHING);
  const routePart = describeRoute(route);
  return fitItems(items, routePart, maxLength) ?? fitItems(items, '', maxLength) ?? '';
}
