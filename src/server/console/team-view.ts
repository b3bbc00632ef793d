// The Team page's data: each rep of the tenant's running config with teams, weight, caps,
// current load (store counts, the same the routing state uses), working hours, and whether
// the rep can take a lead right now and, if not, every reason (inactive, config out-of-office,
// outside working hours, the rep's own absence set from the CRM and who set it).
import type { LoadedConfig } from '../../config/load.ts';
import type { OwnerConfig } from '../../config/schema.ts';
import { describeOutsideHours, isWithinWorkingHours, outOfOfficeRange, periodStarts } from '../../engine/availability.ts';
import type { AbsenceRecord, OwnerLoadCounts, Store, TenantKey } from '../../store/types.ts';
import { localDay } from '../../tenants/out-of-office.ts';

export type UnavailableKind = 'inactive' | 'out_of_office' | 'absence' | 'outside_hours';

export interface TeamMemberView {
  email: string;
  name: string | null;
  teams: string[];
  weight: number;
  capacity: { perDay: number | null; perWeek: number | null; maxOpen: number | null };
  load: OwnerLoadCounts;
  timezone: string;
  localTime: string;
  workingHours: string | null;
  available: boolean;
  /** Why not now; `until`: when a rep's own absence ends (epoch ms, shown in the admin's locale). */
  unavailable: { kind: UnavailableKind; text: string; until?: number }[];
  outOfOffice: { from: string; to: string; note: string | null; state: 'now' | 'ahead' | 'over' }[];
  absences: { from: number; to: number; note: string | null; setBy: string; setAt: number; now: boolean }[];
}

export interface TeamView {
  at: number;
  config: string;
  members: TeamMemberView[];
  teams: { name: string; strategy: string; members: string[] }[];
}

const DAY_ORDER = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const dayName = (d: string) => d[0]!.toUpperCase() + d.slice(1);

/** "Mon–Fri 08:00–18:00", "Mon, Wed, Fri 09:00–12:00": runs of 3+ days shortened. */
function hoursText(o: OwnerConfig): string | null {
  const wh = o.workingHours;
  if (!wh) return null;
  const idx = [...new Set(wh.days.map((d) => DAY_ORDER.indexOf(d)))].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j]! + 1) j++;
    const run = idx.slice(i, j + 1).map((k) => dayName(DAY_ORDER[k]!));
    parts.push(run.length >= 3 ? `${run[0]}–${run.at(-1)}` : run.join(', '));
    i = j + 1;
  }
  return `${parts.join(', ')} ${wh.start}–${wh.end}`;
}

const clocks = new Map<string, Intl.DateTimeFormat>(); // one per time zone: building one is the costly part

function clock(now: number, timeZone: string): string {
  let f = clocks.get(timeZone);
  if (!f) clocks.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return f.format(now);
}

const running = (a: AbsenceRecord, now: number) => a.from <= now && now < (a.endedAt ?? a.to) && now < a.to;

export async function buildTeamView(store: Store, tenant: TenantKey, loaded: LoadedConfig, now: number): Promise<TeamView> {
  const { config } = loaded;
  const owners = config.owners;
  const windows = owners.map((o) => ({ owner: o.email.toLowerCase(), ...periodStarts(now, o.timezone || 'UTC') }));
  const [loads, absences] = await Promise.all([store.ownerLoads(tenant, windows), store.listAbsences(tenant, { after: now })]);
  const teamsOf = (email: string) => config.teams.filter((t) => t.members.some((m) => m.toLowerCase() === email)).map((t) => t.name);

  const members = owners.map((o): TeamMemberView => {
    const email = o.email.toLowerCase();
    const tz = o.timezone || 'UTC';
    const today = localDay(now, tz);
    const own = absences.filter((a) => a.owner === email);
    const unavailable: TeamMemberView['unavailable'] = [];
    if (!o.active) unavailable.push({ kind: 'inactive', text: 'inactive in the config (active: false): gets no new leads' });
    const ooo = outOfOfficeRange(o, now);
    if (ooo) unavailable.push({ kind: 'out_of_office', text: `out of office ${ooo} (set in the config)` });
    for (const a of own.filter((x) => running(x, now))) {
      unavailable.push({ kind: 'absence', text: `away${a.note ? ` (${a.note})` : ''}, set by ${a.setBy}`, until: a.endedAt !== null && a.endedAt < a.to ? a.endedAt : a.to });
    }
    if (!isWithinWorkingHours(o, now)) unavailable.push({ kind: 'outside_hours', text: describeOutsideHours(o, now) });
    return {
      email,
      name: o.name ?? null,
      teams: teamsOf(email),
      weight: o.weight,
      capacity: { perDay: o.capacity.perDay ?? null, perWeek: o.capacity.perWeek ?? null, maxOpen: o.capacity.maxOpen ?? null },
      load: loads[email] ?? { openLeads: 0, assignedToday: 0, assignedThisWeek: 0 },
      timezone: tz,
      localTime: clock(now, tz),
      workingHours: hoursText(o),
      available: unavailable.length === 0,
      unavailable,
      outOfOffice: o.outOfOffice.map((p) => ({ from: p.from, to: p.to, note: p.note ?? null, state: p.to < today ? 'over' : p.from <= today ? 'now' : 'ahead' })),
      absences: own.map((a) => ({ from: a.from, to: a.endedAt !== null && a.endedAt < a.to ? a.endedAt : a.to, note: a.note, setBy: a.setBy, setAt: a.setAt, now: running(a, now) })),
    };
  });
  return {
    at: now,
    config: loaded.version ?? `file ${loaded.hash.slice(0, 12)}`,
    members,
    teams: config.teams.map((t) => ({ name: t.name, strategy: t.strategy, members: t.members.map((m) => m.toLowerCase()) })),
  };
}
