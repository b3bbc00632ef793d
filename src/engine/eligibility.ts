// Eligibility gates that run before any strategy picks: who may receive a new lead right now.
// Working hours are not a gate here: their policy depends on the team (see pick-from-team.ts).
import type { OwnerConfig } from '../config/schema.ts';
import { outOfOfficeRange } from './availability.ts';
import type { CompiledConfig, OwnerLoad, RoutingState, SkipReason } from './types.ts';

export const ZERO_LOAD: Readonly<OwnerLoad> = Object.freeze({ assignedToday: 0, assignedThisWeek: 0, openLeads: 0 });

/** Requirements of the team and the rule target (skills all needed, seniority in every list). */
export interface Gates {
  requireSkills?: readonly string[] | undefined;
  seniority?: readonly (readonly string[])[] | undefined;
}

export const NO_GATES: Gates = Object.freeze({});

export interface Ineligible {
  skipped: SkipReason;
  detail: string;
}

const lowerSkills = new WeakMap<OwnerConfig, Set<string>>();

function skillsOf(owner: OwnerConfig): Set<string> {
  let s = lowerSkills.get(owner);
  if (!s) {
    s = new Set(owner.skills.map((k) => k.toLowerCase()));
    lowerSkills.set(owner, s);
  }
  return s;
}

const ids = new WeakMap<OwnerConfig, string>();

/**
 * The engine's id for an owner: the lower-cased email, as compiled.owners, the store's loads
 * and rotation pointers, and the pipeline's owner directory all key owners.
 */
export function ownerId(owner: OwnerConfig): string {
  let id = ids.get(owner);
  if (id === undefined) {
    id = owner.email.toLowerCase();
    ids.set(owner, id);
  }
  return id;
}

/** The owner config for an email (case-insensitive), or undefined. */
export function findOwner(compiled: CompiledConfig, email: string): OwnerConfig | undefined {
  return compiled.owners.get(email) ?? compiled.owners.get(email.toLowerCase());
}

export function loadOf(state: RoutingState, owner: string): Readonly<OwnerLoad> {
  return state.loads[owner] ?? ZERO_LOAD;
}

/**
 * Why `owner` may not take a new lead now, or null when every gate passes. Order: static
 * facts first (inactive, excluded, skills, seniority), then time (out of office), then load.
 */
export function checkEligibility(
  owner: OwnerConfig,
  state: RoutingState,
  now: number,
  gates: Gates,
  /** lower-cased emails excluded for this lead (RouteOptions.exclude) */
  exclude?: ReadonlySet<string>,
): Ineligible | null {
  if (!owner.active) return { skipped: 'inactive', detail: 'marked active: false in the config' };
  if (exclude && exclude.has(ownerId(owner))) {
    return { skipped: 'excluded', detail: 'excluded for this lead (e.g. breached its SLA)' };
  }
  if (gates.requireSkills && gates.requireSkills.length > 0) {
    const has = skillsOf(owner);
    for (const skill of gates.requireSkills) {
      if (!has.has(skill.toLowerCase())) return { skipped: 'missing_skill', detail: `missing skill "${skill}"` };
    }
  }
  if (gates.seniority) {
    for (const allowed of gates.seniority) {
      if (!allowed.includes(owner.seniority)) {
        return { skipped: 'seniority', detail: `seniority ${owner.seniority} not in [${allowed.join(', ')}]` };
      }
    }
  }
  const ooo = outOfOfficeRange(owner, now);
  if (ooo !== null) return { skipped: 'out_of_office', detail: `out of office ${ooo}` };
  const away = state.absences?.[ownerId(owner)]?.find((a) => a.from <= now && now < a.to);
  if (away) {
    const until = new Date(away.to).toISOString().slice(0, 16).replace('T', ' ');
    return { skipped: 'out_of_office', detail: `away until ${until} UTC${away.note ? ` (${away.note})` : ''}, set by ${away.setBy}` };
  }
  const cap = owner.capacity;
  if (cap.perDay !== undefined || cap.perWeek !== undefined || cap.maxOpen !== undefined) {
    const load = loadOf(state, ownerId(owner));
    if (cap.perDay !== undefined && load.assignedToday >= cap.perDay) {
      return { skipped: 'at_daily_cap', detail: `${load.assignedToday}/${cap.perDay} today` };
    }
    if (cap.perWeek !== undefined && load.assignedThisWeek >= cap.perWeek) {
      return { skipped: 'at_weekly_cap', detail: `${load.assignedThisWeek}/${cap.perWeek} this week` };
    }
    if (cap.maxOpen !== undefined && load.openLeads >= cap.maxOpen) {
      return { skipped: 'at_open_cap', detail: `${load.openLeads}/${cap.maxOpen} open leads` };
    }
  }
  return null;
}
