// Semantic checks, part 2: things zod cannot see in one object. Duplicate names, time
// ranges that are empty, SLA escalation without a target, `unassigned` without
// allowUnassigned, teams nobody can serve, unreachable tiers.
import type { LeadRouterConfig, TeamConfig } from './schema.ts';
import type { PathKey } from './config-path.ts';
import type { DraftIssue } from './explain-zod-issues.ts';

function checkDuplicates(values: string[], path: (i: number) => PathKey[], what: string, out: DraftIssue[]): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const key = v.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else out.push({ path: path(i), message: `duplicate ${what} '${v}'`, hint: `already used at index ${first}; ${what}s must be unique` });
  });
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function isCalendarDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

function checkOwners(config: LeadRouterConfig, out: DraftIssue[]): void {
  checkDuplicates(config.owners.map((o) => o.email), (i) => ['owners', i, 'email'], 'owner email', out);
  config.owners.forEach((o, i) => {
    const wh = o.workingHours;
    if (wh) {
      for (const end of ['start', 'end'] as const) {
        if (wh[end].startsWith('24:') && wh[end] !== '24:00') {
          out.push({ path: ['owners', i, 'workingHours', end], message: `invalid time '${wh[end]}'`, hint: 'the latest time is 24:00' });
        }
      }
      // end < start is an overnight shift (22:00-06:00), which availability.ts supports;
      // equal times would be a zero-length (or 24-hour) day: ambiguous, so refused.
      if (minutes(wh.start) === minutes(wh.end)) {
        out.push({
          path: ['owners', i, 'workingHours', 'end'],
          message: `working hours start and end are both ${wh.start}`,
          hint: 'use e.g. start: "09:00", end: "17:00"; an overnight shift is start: "22:00", end: "06:00"; omit workingHours for always available',
        });
      }
    }
    o.outOfOffice.forEach((range, r) => {
      for (const end of ['from', 'to'] as const) {
        if (!isCalendarDate(range[end])) {
          out.push({ path: ['owners', i, 'outOfOffice', r, end], message: `'${range[end]}' is not a calendar date` });
        }
      }
      if (range.from > range.to) {
        out.push({
          path: ['owners', i, 'outOfOffice', r, 'to'],
          message: `out-of-office range ends (${range.to}) before it starts (${range.from})`,
          hint: 'from and to are inclusive dates with from <= to',
        });
      }
    });
  });
}

/** Can anyone in the team serve a lead that needs `skills` and one of `seniority`? */
function anyMemberFits(team: TeamConfig, config: LeadRouterConfig, skills: string[], seniority?: string[]): boolean {
  const owners = new Map(config.owners.map((o) => [o.email.toLowerCase(), o]));
  return team.members.some((m) => {
    const o = owners.get(m.toLowerCase());
    if (!o) return true; // reported as an unknown member already
    const has = new Set(o.skills.map((s) => s.toLowerCase()));
    return skills.every((s) => has.has(s.toLowerCase())) && (!seniority || seniority.includes(o.seniority));
  });
}

function checkTeams(config: LeadRouterConfig, out: DraftIssue[]): void {
  checkDuplicates(config.teams.map((t) => t.name), (i) => ['teams', i, 'name'], 'team name', out);
  config.teams.forEach((team, t) => {
    checkDuplicates(team.members, (i) => ['teams', t, 'members', i], 'member', out);
    if (!anyMemberFits(team, config, team.requireSkills, team.seniority)) {
      const needs = [team.requireSkills.length ? `skills ${team.requireSkills.join(' + ')}` : '', team.seniority ? `seniority ${team.seniority.join('/')}` : '']
        .filter(Boolean)
        .join(' and ');
      out.push({
        path: ['teams', t, team.requireSkills.length ? 'requireSkills' : 'seniority'],
        message: `no member of team '${team.name}' has ${needs}`,
        hint: 'add the skill / seniority to a member under owners, or relax the requirement',
      });
    }
  });
}

/** A field mapped for neither CRM is never read: every rule on it silently never matches. */
function checkFields(config: LeadRouterConfig, out: DraftIssue[]): void {
  for (const [alias, source] of Object.entries(config.fields)) {
    if (typeof source === 'object' && !source.hubspot && !source.pipedrive) {
      out.push({ path: ['fields', alias], message: `field '${alias}' has no CRM property`, hint: 'add hubspot: <property> and/or pipedrive: <field>' });
    }
  }
}

function checkRouting(config: LeadRouterConfig, out: DraftIssue[]): void {
  const routing = config.routing;
  checkDuplicates(routing.rules.map((r) => r.name), (i) => ['routing', 'rules', i, 'name'], 'rule name', out);
  // An enabled rule without `when` whose target never passes on to the next rule (owner,
  // team, unassigned) ends the rule list: rules after it can never match.
  const stopper = routing.rules.findIndex((r) => r.enabled && !r.when && !('accountOwner' in r.assign) && !('keepCurrent' in r.assign));
  if (stopper >= 0) {
    routing.rules.forEach((rule, r) => {
      if (r > stopper && rule.enabled) {
        out.push({
          path: ['routing', 'rules', r, 'name'],
          message: `rule '${rule.name}' is never reached: rule '${routing.rules[stopper]!.name}' above it matches every lead`,
          hint: 'move the catch-all rule last, give it a when, or set enabled: false on this rule',
        });
      }
    });
  }
  const teams = new Map(config.teams.map((t) => [t.name, t]));
  routing.rules.forEach((rule, r) => {
    const base: PathKey[] = ['routing', 'rules', r];
    if ('unassigned' in rule.assign && !routing.allowUnassigned) {
      out.push({ path: [...base, 'assign', 'unassigned'], message: 'assign: unassigned needs routing.allowUnassigned: true', hint: 'set routing.allowUnassigned: true or assign a team / owner' });
    }
    if ('team' in rule.assign && (rule.assign.requireSkills?.length || rule.assign.seniority)) {
      const team = teams.get(rule.assign.team);
      const skills = [...(team?.requireSkills ?? []), ...(rule.assign.requireSkills ?? [])];
      const seniority = rule.assign.seniority ?? team?.seniority;
      if (team && !anyMemberFits(team, config, skills, seniority)) {
        out.push({
          path: [...base, 'assign'],
          message: `no member of team '${team.name}' matches this rule's requirements (skills: ${skills.join(' + ') || 'none'}; seniority: ${seniority?.join('/') ?? 'any'})`,
          hint: 'every lead matching this rule would fall through to the fallback',
        });
      }
    }
    if (rule.sla?.onBreach === 'escalate' && !rule.sla.escalateTo) {
      out.push({ path: [...base, 'sla', 'onBreach'], message: 'onBreach: escalate needs escalateTo', hint: 'add sla.escalateTo: <owner email>, or use onBreach: reassign' });
    }
  });
  for (const [tier, sla] of Object.entries(routing.slaByTier)) {
    if (sla.onBreach === 'escalate' && !sla.escalateTo) {
      out.push({ path: ['routing', 'slaByTier', tier, 'onBreach'], message: 'onBreach: escalate needs escalateTo', hint: 'add escalateTo: <owner email>, or use onBreach: reassign' });
    }
  }
}

/** Thresholds must go highest first and end with a catch-all, or some values get no tier. */
function checkThresholds(list: Record<string, unknown>[], key: string, path: PathKey[], out: DraftIssue[]): void {
  checkDuplicates(list.map((e) => String(e[key])), (i) => [...path, i, key], key === 'name' ? 'tier name' : 'grade', out);
  let previous = Infinity;
  list.forEach((entry, i) => {
    const min = entry.min as number | undefined;
    if (min === undefined && i < list.length - 1) {
      out.push({ path: [...path, i], message: `'${String(entry[key])}' has no min, so the entries after it are never reached`, hint: 'only the last entry may omit min' });
    }
    if (min !== undefined && min >= previous) {
      out.push({ path: [...path, i, 'min'], message: `min ${min} is not below the previous entry's min ${previous}`, hint: 'order entries highest min first' });
    }
    if (min !== undefined) previous = min;
  });
  const last = list[list.length - 1];
  if (last && last.min !== undefined) {
    out.push({ path: [...path, list.length - 1, 'min'], message: `the last entry '${String(last[key])}' has a min, so lower values get no ${key === 'name' ? 'tier' : 'grade'}`, hint: 'remove min from the last entry to make it the catch-all' });
  }
}

function checkScoring(config: LeadRouterConfig, out: DraftIssue[]): void {
  for (const kind of ['fit', 'engagement'] as const) {
    const groups = config.scoring[kind].groups;
    checkDuplicates(groups.map((g) => g.name), (i) => ['scoring', kind, 'groups', i, 'name'], 'group name', out);
  }
  const ids: string[] = [];
  const paths: PathKey[][] = [];
  for (const kind of ['fit', 'engagement'] as const) {
    config.scoring[kind].groups.forEach((g, gi) =>
      g.rules.forEach((r, ri) => {
        if (r.id) {
          ids.push(r.id);
          paths.push(['scoring', kind, 'groups', gi, 'rules', ri, 'id']);
        }
      }),
    );
  }
  checkDuplicates(ids, (i) => paths[i]!, 'rule id', out);
}

export function checkConsistency(config: LeadRouterConfig): DraftIssue[] {
  const out: DraftIssue[] = [];
  checkScoring(config, out);
  checkThresholds(config.tiers.priority, 'name', ['tiers', 'priority'], out);
  if (config.tiers.grade) {
    checkThresholds(config.tiers.grade.fit, 'grade', ['tiers', 'grade', 'fit'], out);
    checkThresholds(config.tiers.grade.engagement, 'grade', ['tiers', 'grade', 'engagement'], out);
  }
  checkFields(config, out);
  checkOwners(config, out);
  checkTeams(config, out);
  checkRouting(config, out);
  return out;
}
