// Event rules: points per behavioural event from the engagement ledger, filtered by type,
// `where` (equality) and `contains` (substring), with `once`, `max` and half-life decay.
//
// Per lead, the events are walked once (`tallyEvents`): each event is offered only to the
// rules for its type, and each rule accumulates count, decayed sum and newest age in a
// small typed array. Rules then turn their tally into a contribution in config order.
import { toNumber } from './predicate.ts';
import { round2 } from './score-math.ts';
import { countLabel } from './score-labels.ts';
import type { CountTexts, EventPlan, EventTally, RuleOut, ScorePlan, SectionKind } from './score-plan-types.ts';
import type { EngagementEvent, ScoreContribution } from './types.ts';

export type { CountTexts, EventTally } from './score-plan-types.ts';

const COUNT = 0;
const DECAYED = 1;
const NEWEST = 2;
const STRIDE = 3;

/** Does the event pass the rule's `where` and `contains` filters? (The type is matched by the caller.) */
function propsMatch(p: EventPlan, e: EngagementEvent): boolean {
  const props = e.props;
  for (let i = 0; i < p.where.length; i++) {
    const [key, expected] = p.where[i]!;
    const v = props?.[key];
    if (v === undefined) return false;
    // Same semantics as the `equals` operator: numbers numerically, text trimmed and
    // case-insensitive; booleans also match their text form ("true").
    if (typeof expected === 'number') {
      if (toNumber(v) !== expected) return false;
    } else if (v !== expected && String(v).trim().toLowerCase() !== String(expected)) {
      return false;
    }
  }
  for (let i = 0; i < p.contains.length; i++) {
    const [key, sub] = p.contains[i]!;
    const v = props?.[key];
    if (v === undefined || !String(v).toLowerCase().includes(sub)) return false;
  }
  return true;
}

/**
 * Age in ms, clamped at 0: an event stamped in the future (clock skew) counts as "now".
 * NaN for an event without a valid timestamp, which no window comparison accepts.
 */
function ageOf(e: EngagementEvent, now: number): number {
  return e.at >= now ? 0 : now - e.at;
}

/** 0.5^(age / half-life); 1 without decay (fit rules, or no halfLifeDays). */
function decayFactor(p: EventPlan, age: number): number {
  return p.decayRate === 0 ? 1 : Math.exp(-age * p.decayRate);
}

/**
 * One pass over the lead's events. Events older than a rule's window (or without a valid
 * timestamp) are ignored entirely, not counted. Returns null when no event matched any rule.
 *
 * The tally is the plan's own scratch buffer, reset here and read back by `scoreEventRule`
 * within the same synchronous `scoreLead` call (nothing can interleave), so scoring a lead
 * allocates no typed array. The result is only valid until the next call.
 */
export function tallyEvents(plan: ScorePlan, events: readonly EngagementEvent[], now: number): EventTally | null {
  const tally = plan.eventTally;
  let touched = false;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const rules = plan.eventRulesByType.get(e.type);
    if (rules === undefined) continue;
    const age = ageOf(e, now);
    let decay = -1; // every engagement rule shares one half-life: compute the factor once per event
    for (let j = 0; j < rules.length; j++) {
      const p = rules[j]!;
      if (!(age <= p.windowMs) || !propsMatch(p, e)) continue;
      if (!touched) {
        resetTally(tally);
        touched = true;
      }
      const factor = p.decayRate === 0 ? 1 : decay >= 0 ? decay : (decay = decayFactor(p, age));
      const at = p.slot * STRIDE;
      tally[at + COUNT]!++;
      tally[at + DECAYED]! += p.points * factor;
      if (age < tally[at + NEWEST]!) tally[at + NEWEST] = age;
    }
  }
  return touched ? tally : null;
}

/** A zeroed tally for `rules` event rules (the plan allocates it once). */
export function createTally(rules: number): EventTally {
  const t = new Float64Array(rules * STRIDE);
  resetTally(t);
  return t;
}

function resetTally(t: EventTally): void {
  t.fill(0);
  for (let i = NEWEST; i < t.length; i += STRIDE) t[i] = Infinity;
}

/**
 * The contribution of one event rule from its tally, or null when it gives no (rounded)
 * points.
 *
 * - `once`: one occurrence counts, the most recent one, so a lead who re-engages today is
 *   not scored at the decayed value of their first visit a year ago.
 * - `max` caps the absolute RAW (undecayed) sum. When it binds, occurrences are taken
 *   newest-first until the cap is reached (the last one partially), and only those are
 *   decayed. Capping before decay keeps the cap meaning what the admin wrote ("at most 10
 *   points of email opens") and rewards recent activity over old activity; capping after
 *   decay would let a burst of stale events keep a lead at the cap for months.
 */
export function scoreEventRule(
  p: EventPlan,
  kind: SectionKind,
  tally: EventTally | null,
  events: readonly EngagementEvent[],
  now: number,
  out: RuleOut,
): ScoreContribution | null {
  if (tally === null) return null;
  const at = p.slot * STRIDE;
  let count = tally[at + COUNT]!;
  if (count === 0) return null;
  let decayed = tally[at + DECAYED]!;
  // `once`: the most recent occurrence alone; `max`: the newest occurrences up to the cap.
  if (p.once) count = 1;
  const t = countTexts(p, count);
  if (p.once) decayed = t.kept * decayFactor(p, tally[at + NEWEST]!);
  else if (t.capped) decayed = sumNewestUpTo(p, events, now);

  const points = round2(decayed);
  if (points === 0) return null;
  const note = points !== t.keptRounded ? t.noteDecayed : t.note;
  const c: ScoreContribution = { kind, group: p.group, rule: p.id, label: t.label, count, raw: t.rawRounded, points };
  if (note) c.note = note;
  out.points = points;
  return c;
}


const MAX_CACHED_COUNT = 1_000;

function countTexts(p: EventPlan, count: number): CountTexts {
  const cached = count < MAX_CACHED_COUNT ? p.byCount[count] : undefined;
  if (cached !== undefined) return cached;
  let raw = count * p.points; // before decay and caps
  let kept = raw; // after once / max, before decay
  let capped = false;
  let capNote = '';
  if (p.once) {
    raw = kept = p.points;
    if (p.max !== undefined && Math.abs(kept) > p.max) {
      kept = Math.sign(p.points) * p.max;
      capNote = `capped at ${round2(kept)}`;
    }
  } else if (p.max !== undefined && Math.abs(raw) > p.max) {
    kept = Math.sign(p.points) * p.max;
    capped = true;
    capNote = `capped at ${round2(kept)}`;
  }
  const keptRounded = round2(kept);
  const decayNote = `decayed from ${keptRounded}`;
  const t: CountTexts = {
    capped,
    kept,
    keptRounded,
    rawRounded: round2(raw),
    label: p.label ?? countLabel(count, p.event),
    note: capNote,
    noteDecayed: capNote ? `${capNote}, ${decayNote}` : decayNote,
  };
  if (count < MAX_CACHED_COUNT) p.byCount[count] = t;
  return t;
}

/** Decayed sum of the newest matching occurrences whose raw points reach |max|. */
function sumNewestUpTo(p: EventPlan, events: readonly EngagementEvent[], now: number): number {
  // Only reached when the cap binds, so this second pass and its allocation stay off the
  // common path.
  const ages: number[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.type !== p.event) continue;
    const age = ageOf(e, now);
    if (age <= p.windowMs && propsMatch(p, e)) ages.push(age);
  }
  ages.sort((a, b) => a - b);
  const unit = Math.abs(p.points);
  const sign = Math.sign(p.points);
  let remaining = p.max!;
  let sum = 0;
  for (let i = 0; i < ages.length && remaining > 0; i++) {
    const take = Math.min(unit, remaining);
    sum += sign * take * decayFactor(p, ages[i]!);
    remaining -= take;
  }
  return sum;
}
