// Fairness: each rep's share of a team's leads in the window against the share the config
// entitles them to. Entitlement = weight (weighted teams; 1 for round-robin and least-loaded)
// × availability (the part of the window the rep was active and not out of office: the
// config's outOfOffice days, read as UTC days, and absences set from the CRM), normalised over
// the team's members. Pure.
import type { LeadRouterConfig } from '../../config/schema.ts';
import type { ReportWindow } from '../../store/report-types.ts';
import type { AbsenceRecord } from '../../store/types.ts';

const DAY_MS = 86_400_000;

export interface FairnessRow {
  team: string;
  owner: string;
  leads: number;
  /** leads / the team's leads (null: the team got none) */
  share: number | null;
  weight: number;
  /** 0..1: part of the window the rep could take leads */
  availability: number;
  /** The share weight × availability entitles the rep to (null: nobody in the team was available) */
  entitled: number | null;
}

type Period = [number, number];

function covered(periods: Period[], since: number, until: number): number {
  const clipped = periods.map(([a, b]): Period => [Math.max(a, since), Math.min(b, until)]).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = since;
  for (const [a, b] of clipped) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

export function fairnessSection(config: LeadRouterConfig, perTeam: ReportWindow['perTeam'], absences: readonly AbsenceRecord[], since: number, now: number): FairnessRow[] {
  const owners = new Map(config.owners.map((o) => [o.email.toLowerCase(), o]));
  const span = Math.max(1, now - since);
  const availability = (email: string): number => {
    const o = owners.get(email);
    if (!o || !o.active) return 0;
    const periods: Period[] = o.outOfOffice.map((r) => [Date.parse(`${r.from}T00:00:00Z`), Date.parse(`${r.to}T00:00:00Z`) + DAY_MS]);
    for (const a of absences) if (a.owner === email) periods.push([a.from, Math.min(a.to, a.endedAt ?? a.to)]);
    return 1 - covered(periods, since, now) / span;
  };
  const rows: FairnessRow[] = [];
  for (const team of config.teams) {
    const members = team.members.map((m) => m.toLowerCase());
    const counts = new Map(members.map((m) => [m, 0]));
    let teamLeads = 0;
    for (const a of perTeam) {
      if (a.team !== team.name || !counts.has(a.owner)) continue;
      counts.set(a.owner, counts.get(a.owner)! + a.count);
      teamLeads += a.count;
    }
    const parts = members.map((m) => {
      const weight = team.strategy === 'weighted' ? (owners.get(m)?.weight ?? 1) : 1;
      return { m, weight, availability: availability(m) };
    });
    const sum = parts.reduce((x, p) => x + p.weight * p.availability, 0);
    for (const p of parts) {
      const leads = counts.get(p.m)!;
      rows.push({
        team: team.name,
        owner: p.m,
        leads,
        share: teamLeads ? leads / teamLeads : null,
        weight: p.weight,
        availability: p.availability,
        entitled: sum > 0 ? (p.weight * p.availability) / sum : null,
      });
    }
  }
  return rows;
}
