// The scoring config normalized once per compiled config (cached in a WeakMap, so a reloaded
// config gets a fresh plan and the old one is garbage-collected with it). Per lead, scoring
// then only reads fields, compares and adds: predicates are compiled matchers (value lists
// as Sets, regexes resolved), and static labels and their reasons items are built here once.
import type { BandsRule, CounterRule, EventRule, LeadRouterConfig, PredicateRule, ScoreGroup, ScoringRule } from '../config/schema.ts';
import { regexFor } from './compile.ts';
import { compilePredicate, type Matcher } from './predicate-match.ts';
import { formatRange, itemText, labelsByNorm, staticPredicateLabel, type LabelText } from './score-labels.ts';
import { round2 } from './score-math.ts';
import { createTally } from './score-events.ts';
import type { CountTexts, EventTally } from './score-events.ts';
import type { CompiledConfig, FieldValue } from './types.ts';

const DAY_MS = 86_400_000;

export type SectionKind = 'fit' | 'engagement';

interface RuleBase {
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

const plans = new WeakMap<CompiledConfig, ScorePlan>();

/** The cached plan for a compiled config (built on first use). */
export function planScoring(compiled: CompiledConfig): ScorePlan {
  let plan = plans.get(compiled);
  if (!plan) {
    plan = buildPlan(compiled);
    plans.set(compiled, plan);
  }
  return plan;
}

interface DecayConfig {
  halfLifeDays?: number | undefined;
  windowDays?: number | undefined;
}

type RegexFor = (src: string) => RegExp;

function planSection(kind: SectionKind, cfg: LeadRouterConfig['scoring']['fit'], decay: DecayConfig, regex: RegexFor): SectionPlan {
  const section: SectionPlan = {
    kind,
    cap: cfg.cap,
    floor: cfg.floor,
    groups: [],
    decayRate: decay.halfLifeDays === undefined ? 0 : Math.LN2 / (decay.halfLifeDays * DAY_MS),
    windowMs: decay.windowDays === undefined ? Infinity : decay.windowDays * DAY_MS,
  };
  section.groups = cfg.groups.map((g) => planGroup(section, g, regex));
  return section;
}

function buildPlan(compiled: CompiledConfig): ScorePlan {
  const { fit, engagement, total } = compiled.config.scoring;
  const regex: RegexFor = (src) => regexFor(compiled, src);
  // Fit never decays and has no window, whatever its rules are.
  const fitPlan = planSection('fit', fit, {}, regex);
  const engagementPlan = planSection('engagement', engagement, engagement, regex);
  const eventRulesByType = new Map<string, EventPlan[]>();
  let eventRuleCount = 0;
  const fields: string[] = [];
  for (const section of [fitPlan, engagementPlan]) {
    for (const g of section.groups) {
      for (const r of g.rules) {
        if (r.kind !== 'event') {
          const slot = fields.indexOf(r.field);
          r.fieldSlot = slot >= 0 ? slot : fields.push(r.field) - 1;
          continue;
        }
        r.slot = eventRuleCount++;
        const list = eventRulesByType.get(r.event);
        if (list) list.push(r);
        else eventRulesByType.set(r.event, [r]);
      }
    }
  }
  return {
    fit: fitPlan,
    engagement: engagementPlan,
    totalCap: total.cap,
    totalFloor: total.floor,
    eventRulesByType,
    eventRuleCount,
    fields,
    values: new Array<FieldValue | undefined>(fields.length).fill(undefined),
    eventTally: createTally(eventRuleCount),
  };
}

/** "Company Size" -> "company-size": the default rule id prefix. */
export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'group'
  );
}

function planGroup(section: SectionPlan, g: ScoreGroup, regex: RegexFor): GroupPlan {
  const slug = slugify(g.name);
  return {
    name: g.name,
    scope: `${section.kind}/${g.name}`,
    cap: g.cap,
    floor: g.floor,
    // Default ids are 1-based: "<group-slug>-1" is the group's first rule.
    rules: g.rules.map((r, i) => planRule(r, { id: r.id ?? `${slug}-${i + 1}`, group: g.name }, section, regex)),
  };
}

function planRule(r: ScoringRule, base: RuleBase, section: SectionPlan, regex: RegexFor): RulePlan {
  // Discriminate by keys, in the schema's own union order (bands, counter, event, predicate):
  // `max` alone is ambiguous (counter/event cap vs predicate bound), `perUnit`/`event` are not.
  if ('bands' in r) return planBands(r, base);
  if ('perUnit' in r) return planCounter(r, base);
  if ('event' in r) return planEvent(r, base, section);
  return planPredicate(r, base, regex);
}

function planPredicate(r: PredicateRule, base: RuleBase, regex: RegexFor): PredicatePlan {
  const label = r.label ?? staticPredicateLabel(r.field, r);
  const rounded = round2(r.points);
  return {
    ...base,
    kind: 'predicate',
    field: r.field,
    fieldSlot: -1,
    ops: r,
    points: r.points,
    rounded,
    active: r.points !== 0 && rounded !== 0,
    match: compilePredicate(r.field, r, regex),
    label,
    labels: label === null ? labelsByNorm(r.field, r.in ?? [], rounded) : null,
    text: label === null ? null : itemText(rounded, label, undefined),
  };
}

function planBands(r: BandsRule, base: RuleBase): BandsPlan {
  const prefix = r.label ?? r.field;
  return {
    ...base,
    kind: 'bands',
    field: r.field,
    fieldSlot: -1,
    bands: r.bands.map((b) => {
      const label = `${prefix} ${b.label ?? formatRange(b.min, b.max)}`;
      const rounded = round2(b.points);
      return { min: b.min ?? -Infinity, max: b.max ?? Infinity, points: b.points, rounded, label, text: itemText(rounded, label, undefined) };
    }),
  };
}

function planCounter(r: CounterRule, base: RuleBase): CounterPlan {
  return { ...base, kind: 'counter', field: r.field, fieldSlot: -1, perUnit: r.perUnit, max: r.max, label: r.label, texts: new Map() };
}

function planEvent(r: EventRule, base: RuleBase, section: SectionPlan): EventPlan {
  const where = Object.entries(r.where ?? {}).map(
    ([k, v]): [string, string | number | boolean] => [k, typeof v === 'string' ? v.trim().toLowerCase() : v],
  );
  const contains = Object.entries(r.contains ?? {}).map(([k, v]): [string, string] => [k, v.toLowerCase()]);
  return {
    ...base,
    kind: 'event',
    event: r.event,
    points: r.points,
    once: r.once,
    max: r.max,
    where,
    contains,
    label: r.label,
    slot: -1, // numbered in buildPlan
    decayRate: section.decayRate,
    windowMs: section.windowMs,
    byCount: [],
  };
}
