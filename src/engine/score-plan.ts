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
import type { BandPlan, BandsPlan, CounterPlan, CountTexts, EventPlan, GroupPlan, PredicatePlan, RuleBase, RulePlan, ScorePlan, SectionKind, SectionPlan } from './score-plan-types.ts';
import type { CompiledConfig, FieldValue } from './types.ts';

export type { BandPlan, BandsPlan, CounterPlan, EventPlan, GroupPlan, PredicatePlan, RulePlan, ScorePlan, SectionKind, SectionPlan } from './score-plan-types.ts';

const DAY_MS = 86_400_000;

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
