// The types of a scoring plan (score-plan.ts builds it; score-fields.ts and score-events.ts
// read it), kept apart so the scoring modules import one another in one direction only.
import type { PredicateRule } from '../config/schema.ts';
import type { Matcher } from './predicate-match.ts';
import type { LabelText } from './score-labels.ts';
import type { FieldValue } from './types.ts';

export type SectionKind = 'fit' | 'engagement';

export interface RuleBase {
  id: string;
  group: string;
}
/** Rules that read one lead field; `fieldSlot` indexes ScorePlan.fields (numbered in buildPlan). */
interface FieldRuleBase extends RuleBase {
  field: string;
  fieldSlot: number;
}
export interface PredicatePlan extends FieldRuleBase {
  kind: 'predicate';
  ops: PredicateRule;
  points: number;
  /** round2(points): the contribution's raw and points (a predicate neither decays nor caps) */
  rounded: number;
  /** false when the rule can give no (rounded) points: it is skipped */
  active: boolean;
  match: Matcher;
  /** null: picked per lead (an `in` rule names the value that matched, see `labels`). */
  label: string | null;
  /** `in` rules without a static label: normalised value -> "<field> <matching literal>" */
  labels: Map<string, LabelText> | null;
  /** The reasons item ("+25 C-level / owner") when the label is static. */
  text: string | null;
}
export interface BandPlan {
  min: number;
  max: number;
  points: number;
  rounded: number; // round2(points)
  label: string;
  text: string; // the reasons item, "+30 company size 1000+"
}
export interface BandsPlan extends FieldRuleBase {
  kind: 'bands';
  bands: BandPlan[];
}
export interface CounterPlan extends FieldRuleBase {
  kind: 'counter';
  perUnit: number;
  max: number | undefined;
  label: string | undefined;
  /** reasons items by counter value (the whole contribution is a function of it); bounded */
  texts: Map<number, string>;
}
export interface EventPlan extends RuleBase {
  kind: 'event';
  event: string;
  points: number;
  once: boolean;
  max: number | undefined;
  /** [prop, expected]; strings pre-normalized (trimmed, lower-case). */
  where: [string, string | number | boolean][];
  /** [prop, lower-case substring]. */
  contains: [string, string][];
  label: string | undefined;
  /** Index of this rule's accumulators in the per-lead event tally. */
  slot: number;
  /** Copied from the rule's section so the single pass over events needs no lookups. */
  decayRate: number;
  windowMs: number;
  /** Label, notes and rounded raw points by count (see countTexts in score-events.ts). */
  byCount: CountTexts[];
}
export type RulePlan = PredicatePlan | BandsPlan | CounterPlan | EventPlan;

export interface GroupPlan {
  name: string;
  scope: string; // "fit/<group>"
  cap: number | undefined;
  floor: number | undefined;
  rules: RulePlan[];
}
export interface SectionPlan {
  kind: SectionKind;
  cap: number | undefined;
  floor: number | undefined;
  groups: GroupPlan[];
  /**
   * Exponential decay rate per ms of age, ln 2 / half-life: points × e^(-age × decayRate)
   * = points × 0.5^(age / half-life) (Math.exp is about twice as fast as Math.pow).
   * 0 = no decay (fit never decays).
   */
  decayRate: number;
  /** Events older than this are ignored; Infinity = no window. */
  windowMs: number;
}
export interface ScorePlan {
  fit: SectionPlan;
  engagement: SectionPlan;
  totalCap: number | undefined;
  totalFloor: number | undefined;
  /** Event rules of both sections by event type: each event is looked at once per lead. */
  eventRulesByType: Map<string, EventPlan[]>;
  eventRuleCount: number;
  /** The distinct fields the rules read: each is read once per lead (into `values`). */
  fields: string[];
  /** Scratch for the lead's values of `fields`, reused by every scoreLead call on this plan. */
  values: (FieldValue | undefined)[];
  /** Scratch accumulators reused by every scoreLead call on this plan (see tallyEvents). */
  eventTally: EventTally;
}

/** Accumulators per event rule slot: [count, decayed sum, newest age in ms]. */
export type EventTally = Float64Array;

/** What an event rule's contribution says for a given count; only the decayed points vary. */
export interface CountTexts {
  capped: boolean; // `max` binds (not `once`)
  kept: number; // points after once / max, before decay
  keptRounded: number;
  rawRounded: number; // points before decay and caps, rounded
  label: string;
  note: string; // when the points were not decayed ('' for none)
  noteDecayed: string; // when they were: "decayed from 15", "capped at 10, decayed from 10"
}

/**
 * What a rule reports besides its contribution: the contribution's points (read here rather
 * than from the contributions, which come in several shapes) and its reasons item when it is
 * known up front.
 */
export interface RuleOut {
  points: number;
  text: string | null;
}
