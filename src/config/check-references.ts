// Semantic checks, part 1: every name the config refers to exists. Owners in teams,
// rules, fallback and escalations; teams in rules and fallback; field aliases in scoring
// rules and routing conditions; tier names in slaByTier and tier conditions.
import { ROUTING_PSEUDO_FIELDS, type Condition, type LeadRouterConfig, type SlaConfig } from './schema.ts';
import type { PathKey } from './config-path.ts';
import { hintFor } from './did-you-mean.ts';
import type { DraftIssue } from './explain-zod-issues.ts';

interface Names {
  owners: Set<string>; // lower-cased emails
  ownerList: string[];
  teams: string[];
  fields: string[];
  tiers: string[];
}

function checkOwner(email: string, path: PathKey[], names: Names, out: DraftIssue[], what: string): void {
  if (names.owners.has(email.toLowerCase())) return;
  const hint = hintFor(email, names.ownerList, 'owners') ?? 'add the owner under owners';
  out.push({ path, message: `${what} '${email}' is not listed under owners`, hint });
}

function checkTeam(team: string, path: PathKey[], names: Names, out: DraftIssue[]): void {
  if (names.teams.includes(team)) return;
  const hint = hintFor(team, names.teams, 'teams') ?? 'define it under teams';
  out.push({ path, message: `unknown team '${team}'`, hint });
}

function checkField(field: string, path: PathKey[], allowed: string[], names: Names, out: DraftIssue[]): void {
  if (allowed.includes(field)) return;
  const hint = hintFor(field, allowed, 'known fields') ?? `add '${field}' under fields`;
  const known = names.fields.length ? '' : ' (the config has no fields section)';
  out.push({ path, message: `unknown field alias '${field}'${known}`, hint });
}

function checkSla(sla: SlaConfig, path: PathKey[], names: Names, out: DraftIssue[]): void {
  if (sla.escalateTo !== undefined) checkOwner(sla.escalateTo, [...path, 'escalateTo'], names, out, 'escalation owner');
}

function checkCondition(cond: Condition, path: PathKey[], names: Names, out: DraftIssue[]): void {
  if ('all' in cond) cond.all.forEach((c, i) => checkCondition(c, [...path, 'all', i], names, out));
  else if ('any' in cond) cond.any.forEach((c, i) => checkCondition(c, [...path, 'any', i], names, out));
  else if ('not' in cond) checkCondition(cond.not, [...path, 'not'], names, out);
  else {
    checkField(cond.field, [...path, 'field'], [...names.fields, ...ROUTING_PSEUDO_FIELDS], names, out);
    if (cond.field === 'tier') {
      const values = [cond.equals, ...(cond.in ?? []), ...(cond.notIn ?? [])].filter((v) => v !== undefined);
      const op = cond.equals !== undefined ? 'equals' : cond.in ? 'in' : 'notIn';
      values.forEach((v, i) => {
        if (names.tiers.includes(String(v))) return;
        const at: PathKey[] = op === 'equals' ? [...path, op] : [...path, op, i];
        out.push({ path: at, message: `unknown tier '${String(v)}'`, hint: hintFor(String(v), names.tiers, 'tiers defined in tiers.priority') });
      });
    }
  }
}

export function checkReferences(config: LeadRouterConfig): DraftIssue[] {
  const out: DraftIssue[] = [];
  const names: Names = {
    owners: new Set(config.owners.map((o) => o.email.toLowerCase())),
    ownerList: config.owners.map((o) => o.email),
    teams: config.teams.map((t) => t.name),
    fields: Object.keys(config.fields),
    tiers: config.tiers.priority.map((t) => String(t.name)),
  };

  config.teams.forEach((team, t) =>
    team.members.forEach((m, i) => checkOwner(m, ['teams', t, 'members', i], names, out, 'member')),
  );

  for (const kind of ['fit', 'engagement'] as const) {
    config.scoring[kind].groups.forEach((group, g) =>
      group.rules.forEach((rule, r) => {
        if ('field' in rule) {
          checkField(rule.field, ['scoring', kind, 'groups', g, 'rules', r, 'field'], names.fields, names, out);
        }
      }),
    );
  }

  const routing = config.routing;
  routing.rules.forEach((rule, r) => {
    const base: PathKey[] = ['routing', 'rules', r];
    if (rule.when) checkCondition(rule.when, [...base, 'when'], names, out);
    if ('owner' in rule.assign) checkOwner(rule.assign.owner, [...base, 'assign', 'owner'], names, out, 'owner');
    if ('team' in rule.assign) checkTeam(rule.assign.team, [...base, 'assign', 'team'], names, out);
    if (rule.sla) checkSla(rule.sla, [...base, 'sla'], names, out);
  });
  if (routing.fallback && 'owner' in routing.fallback) {
    checkOwner(routing.fallback.owner, ['routing', 'fallback', 'owner'], names, out, 'fallback owner');
  }
  if (routing.fallback && 'team' in routing.fallback) {
    checkTeam(routing.fallback.team, ['routing', 'fallback', 'team'], names, out);
  }
  for (const [tier, sla] of Object.entries(routing.slaByTier)) {
    if (!names.tiers.includes(tier)) {
      out.push({
        path: ['routing', 'slaByTier', tier],
        message: `unknown tier '${tier}'`,
        hint: hintFor(tier, names.tiers, 'tiers defined in tiers.priority'),
        atKey: true,
      });
    }
    checkSla(sla, ['routing', 'slaByTier', tier], names, out);
  }
  checkNurture(config, names, out);
  return out;
}

function checkNurture(config: LeadRouterConfig, names: Names, out: DraftIssue[]): void {
  const rules = config.routing.rules.map((r) => r.name);
  const nurture = config.nurture;
  const seen = new Set<string>();
  nurture?.programs.forEach((p, i) => {
    if (seen.has(p.name)) out.push({ path: ['nurture', 'programs', i, 'name'], message: `duplicate nurture program name '${p.name}'`, hint: 'the audit and assignments name the program: give each its own name' });
    seen.add(p.name);
    p.tiers.forEach((t, j) => {
      if (!names.tiers.includes(t)) {
        out.push({ path: ['nurture', 'programs', i, 'tiers', j], message: `unknown tier '${t}'`, hint: hintFor(t, names.tiers, 'tiers defined in tiers.priority') });
        return;
      }
      // A lead at or above reengageAt is never nurtured: a tier that starts there would never be.
      const min = config.tiers.priority.find((x) => String(x.name) === t)?.min;
      if (typeof min === 'number' && min >= nurture.reengageAt) {
        out.push({
          path: ['nurture', 'programs', i, 'tiers', j],
          message: `tier '${t}' starts at ${min}, at or above nurture.reengageAt ${nurture.reengageAt}: none of its leads would ever be nurtured`,
          hint: `raise nurture.reengageAt above ${min} (e.g. the min of the tier above '${t}')`,
        });
      }
    });
    p.rules.forEach((r, j) => {
      if (!rules.includes(r)) out.push({ path: ['nurture', 'programs', i, 'rules', j], message: `unknown routing rule '${r}'`, hint: hintFor(r, rules, 'routing.rules names') ?? 'name a rule under routing.rules' });
    });
  });
}
