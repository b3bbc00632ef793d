// Nurture hand-off decisions (config `nurture`): which leads go to marketing automation instead
// of a rep, and when a nurtured lead has re-engaged and goes to sales. Pure, like the rest of
// the engine; decide.ts applies it inside the one decision entry.
import type { NurtureProgram } from '../config/schema.ts';
import type { CompiledConfig, Evaluation, NurtureMark, RouteDecision } from './types.ts';

/** The part of the lead's assignment (decide.ts LeadAssignment) nurture looks at. */
interface LeadAssignment {
  owner: string | null;
  assignedAt: number;
  closed: boolean;
  nurture?: string | null;
}

/** The first program that takes this evaluation (by its tier, or the rule that routed it). */
export function matchNurtureProgram(compiled: CompiledConfig, e: Evaluation): { program: NurtureProgram; via: string } | null {
  for (const program of compiled.config.nurture?.programs ?? []) {
    if (program.tiers.includes(e.tier)) return { program, via: `tier ${e.tier}` };
    if (e.route.rule !== null && program.rules.includes(e.route.rule)) return { program, via: `rule ${e.route.rule}` };
  }
  return null;
}

/** The lead's open assignment is a nurture one and nobody changed the owner since (in the CRM). */
export function nurtureAssignment<A extends LeadAssignment>(assignment: A | null, currentOwner: string | null): A | null {
  if (!assignment || assignment.closed || !assignment.nurture) return null;
  return (assignment.owner ?? null) === currentOwner ? assignment : null;
}

/** A nurtured lead whose total reached `nurture.reengageAt`: routed to sales now. */
export function isReengaged(compiled: CompiledConfig, nurtured: LeadAssignment | null, total: number): boolean {
  const at = compiled.config.nurture?.reengageAt;
  return nurtured !== null && at !== undefined && total >= at;
}

export function nurtureMark(program: NurtureProgram, via: string): NurtureMark {
  return {
    program: program.name,
    via,
    assign: program.assign,
    ...(program.hubspot ? { hubspot: { ...program.hubspot } } : {}),
    ...(program.pipedrive ? { pipedrive: { ...program.pipedrive } } : {}),
  };
}

/** assign: none: the lead stays unassigned (no rotation turn, no capacity, no SLA). */
export function nurtureRoute(route: RouteDecision, mark: NurtureMark): RouteDecision {
  return {
    owner: null,
    rule: null, // nobody routed it: the rules' pick is in the trace
    target: 'unassigned',
    reason: `nurture program ${mark.program} (${mark.via}): left unassigned for marketing automation`,
    trace: [...route.trace, `nurture program ${mark.program} (${mark.via}): not assigned`],
    candidates: [],
  };
}

export function reengagedRoute(route: RouteDecision, nurtured: LeadAssignment, total: number, at: number): RouteDecision {
  const since = new Date(nurtured.assignedAt).toISOString();
  const why = `re-engaged: score ${round(total)} >= ${at} after nurture program ${nurtured.nurture} since ${since}`;
  return { ...route, reengaged: true, reason: `${why}; ${route.reason}`, trace: [why, ...route.trace] };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
