// Out-of-office periods set by an admin are a config change: the period goes into the owner's
// `outOfOffice` list of the tenant's config text (comments and layout kept), and the result is
// previewed and published like any other version (author, comment, history). These helpers
// only edit text; validation is publishConfig's / parseConfigText's.
import { readFileSync } from 'node:fs';
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import type { LoadedConfig } from '../config/load.ts';
import { InputError, NotFoundError } from '../errors.ts';
import type { Store, TenantKey } from '../store/types.ts';

export interface OutOfOfficePeriod {
  /** YYYY-MM-DD, inclusive, in the owner's time zone (like the config's own field). */
  from: string;
  to: string;
  note?: string;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function checkDay(value: string, what: string): void {
  if (!ISO_DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new InputError(`${what} "${value}" is not a date: use YYYY-MM-DD (e.g. 2026-12-24)`);
  }
}

/** The day before `day` (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

// Building an Intl.DateTimeFormat costs far more than using one: one per time zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today in the time zone as YYYY-MM-DD. */
export function localDay(now: number, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(now);
}

/** The config text the tenant runs now: its active version, else the config file it falls back to. */
export async function runningConfigText(store: Store, tenant: TenantKey, running: LoadedConfig): Promise<{ yaml: string; basedOn: string }> {
  const active = await store.getActiveConfigVersion(tenant);
  if (active) return { yaml: active.yaml, basedOn: `v${active.version}` };
  return { yaml: readFileSync(running.file, 'utf8'), basedOn: 'the config file' };
}

function ownerNode(text: string, email: string) {
  const doc = parseDocument(text);
  const owners = doc.get('owners');
  const wanted = email.trim().toLowerCase();
  const owner = isSeq(owners) ? owners.items.find((o): o is YAMLMap => isMap(o) && String(o.get('email') ?? '').toLowerCase() === wanted) : undefined;
  if (!owner) throw new NotFoundError(`No owner ${email} in this tenant's config: add the rep under owners (Rules page or config publish) first`);
  return { doc, owner };
}

function periodsOf(owner: YAMLMap): OutOfOfficePeriod[] {
  const list = owner.get('outOfOffice');
  if (!isSeq(list)) return [];
  return list.items.map((p) => (isMap(p) ? (p.toJSON() as OutOfOfficePeriod) : { from: '', to: '' }));
}

/** The config text with the period added to the owner's outOfOffice (oldest first). */
export function addOutOfOffice(text: string, email: string, period: OutOfOfficePeriod): string {
  checkDay(period.from, 'from');
  checkDay(period.to, 'to');
  if (period.to < period.from) throw new InputError(`The period ends (${period.to}) before it starts (${period.from}): "to" is the last day away, inclusive`);
  const { doc, owner } = ownerNode(text, email);
  const entry = { from: period.from, to: period.to, ...(period.note?.trim() ? { note: period.note.trim() } : {}) };
  const periods = periodsOf(owner);
  if (periods.some((p) => p.from === entry.from && p.to === entry.to)) throw new InputError(`${email} is already out of office ${entry.from}..${entry.to}`);
  const list = owner.get('outOfOffice');
  const node = doc.createNode(entry);
  node.flow = true;
  if (isSeq(list)) {
    const at = periods.findIndex((p) => p.from > entry.from);
    list.items.splice(at === -1 ? list.items.length : at, 0, node);
  } else {
    owner.set('outOfOffice', doc.createNode([entry]));
    (owner.get('outOfOffice') as { items: { flow?: boolean }[] }).items.forEach((i) => (i.flow = true));
  }
  return doc.toString();
}

/**
 * The config text with the owner's period from..to ended: a period that has not started by
 * `today` is removed; one already running ends yesterday (the rep is available from today).
 */
export function endOutOfOffice(text: string, email: string, period: { from: string; to: string }, today: string): { yaml: string; action: 'removed' | 'ended' } {
  const { doc, owner } = ownerNode(text, email);
  const list = owner.get('outOfOffice');
  const index = periodsOf(owner).findIndex((p) => p.from === period.from && p.to === period.to);
  if (!isSeq(list) || index === -1) throw new NotFoundError(`${email} has no out-of-office period ${period.from}..${period.to} in this tenant's config`);
  if (period.to < today) throw new InputError(`${email}'s period ${period.from}..${period.to} is already over`);
  if (period.from >= today) {
    list.items.splice(index, 1);
    if (list.items.length === 0) owner.delete('outOfOffice');
    return { yaml: doc.toString(), action: 'removed' };
  }
  (list.items[index] as YAMLMap).set('to', dayBefore(today));
  return { yaml: doc.toString(), action: 'ended' };
}
