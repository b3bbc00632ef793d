// Lead scoring (pure): fit + engagement sections of groups of rules, each level bounded by
// its cap/floor, every applied bound recorded, every non-zero rule explained.
//
// Rounding: every contribution's points are rounded to 2 decimals, and the group, section
// and total sums are built from those rounded points (and rounded again only to remove
// float noise). So the numbers a rep sees always add up, and the stored total IS the exact
// total: there is no hidden, differently-rounded value. Tiers and routing conditions compare
// that total as is (never rounded further), so re-classifying a stored result, a simulation
// and the live pipeline all agree.
import { applyBounds, round2 } from './score-math.ts';
import { planScoring } from './score-plan.ts';
import type { RulePlan, SectionKind, SectionPlan } from './score-plan.ts';
import { scoreEventRule, tallyEvents } from './score-events.ts';
import type { EventTally } from './score-events.ts';
import { scoreBandsRule, scoreCounterRule, scorePredicateRule, type RuleOut } from './score-fields.ts';
import type { CompiledConfig, EngagementEvent, FieldValue, Lead, ScoreAdjustment, ScoreContribution, ScoreResult } from './types.ts';

const NO_EVENTS: readonly EngagementEvent[] = [];

/**
 * The lead's own value for a field alias. `fields` is a plain object, so an alias such as
 * "constructor" would otherwise read Object.prototype; anything not a FieldValue is missing.
 */
function readField(lead: Lead, field: string): FieldValue | undefined {
  const v: unknown = lead.fields[field];
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
}

/** What every rule of one lead reads: the lead, the clock and the one-pass event tally. */
interface LeadInput extends RuleOut {
  /** the lead's value of each of the plan's fields, read once (see ScorePlan.fields) */
  values: readonly (FieldValue | undefined)[];
  events: readonly EngagementEvent[];
  tally: EventTally | null;
  now: number;
  /** Reasons item per contribution (null: formatted from the contribution); null: not wanted */
  texts: (string | null)[] | null;
}

function scoreRule(r: RulePlan, kind: SectionKind, input: LeadInput): ScoreContribution | null {
  switch (r.kind) {
    case 'predicate':
      return scorePredicateRule(r, kind, input.values[r.fieldSlot], input);
    case 'bands':
      return scoreBandsRule(r, kind, input.values[r.fieldSlot], input);
    case 'counter':
      return scoreCounterRule(r, kind, input.values[r.fieldSlot], input);
    case 'event':
      return scoreEventRule(r, kind, input.tally, input.events, input.now, input);
  }
}

function scoreSection(
  section: SectionPlan,
  input: LeadInput,
  contributions: ScoreContribution[],
  adjustments: ScoreAdjustment[],
): number {
  let sum = 0;
  const texts = input.texts;
  for (const g of section.groups) {
    let groupSum = 0;
    for (const r of g.rules) {
      const c = scoreRule(r, section.kind, input);
      if (c === null) continue;
      contributions.push(c);
      if (texts !== null) texts.push(input.text);
      input.text = null;
      groupSum += input.points;
    }
    sum += round2(applyBounds(round2(groupSum), g.cap, g.floor, g.scope, adjustments));
  }
  return round2(applyBounds(round2(sum), section.cap, section.floor, section.kind, adjustments));
}

/**
 * Score one lead at time `now` (epoch ms; event decay is measured against it). Deterministic:
 * contributions come out in config order (fit groups, then engagement groups).
 */
export function scoreLead(lead: Lead, compiled: CompiledConfig, now: number): ScoreResult {
  return scoreLeadWithTexts(lead, compiled, now, null);
}

/**
 * scoreLead, also filling `texts` (when given) with the reasons item of each contribution
 * that the plan knows up front ("+30 company size 1000+"), null for the others: evaluateLead
 * hands them to formatReasons so static items are not formatted again for every lead.
 */
export function scoreLeadWithTexts(lead: Lead, compiled: CompiledConfig, now: number, texts: (string | null)[] | null): ScoreResult {
  const plan = planScoring(compiled);
  const contributions: ScoreContribution[] = [];
  const adjustments: ScoreAdjustment[] = [];
  const events = lead.events ?? NO_EVENTS;
  const tally = plan.eventRuleCount > 0 && events.length > 0 ? tallyEvents(plan, events, now) : null;
  const values = plan.values;
  for (let i = 0; i < plan.fields.length; i++) values[i] = readField(lead, plan.fields[i]!);
  const input: LeadInput = { values, events, tally, now, texts, text: null, points: 0 };
  const fit = scoreSection(plan.fit, input, contributions, adjustments);
  const engagement = scoreSection(plan.engagement, input, contributions, adjustments);
  const total = round2(applyBounds(round2(fit + engagement), plan.totalCap, plan.totalFloor, 'total', adjustments));
  return { fit, engagement, total, contributions, adjustments };
}
