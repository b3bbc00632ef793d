// Leads from JSON: a list of { id, fields: {alias: value}, currentOwner?, accountOwner?,
// createdAt?, events?: [{type, at, props?}] }, or flat objects whose non-reserved keys are
// field aliases ({ id, job_title, employees, ... }). `{ "leads": [...] }` is accepted too.
// Fields the config does not use are skipped and noted (ignored-columns.ts).
import type { LeadRouterConfig } from '../config/schema.ts';
import type { Lead } from '../engine/types.ts';
import { coerceFieldValue } from './coerce-field.ts';
import { noteIgnored, type LeadFileNotes } from './ignored-columns.ts';
import { fieldTypes, RESERVED_JSON_KEYS } from './lead-columns.ts';
import { leadFileError, ProblemList } from './lead-file-error.ts';
import { parseEventsJson } from './parse-events.ts';
import { parseTimeValue } from './parse-time.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function ownerEmail(v: unknown, where: string, problems: ProblemList): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'string') return v.trim();
  problems.add(`${where}: expected an owner email string, got ${JSON.stringify(v)}`);
  return undefined;
}

function readLead(raw: unknown, index: number, config: LeadRouterConfig, problems: ProblemList, ids: Map<string, number>, notes?: LeadFileNotes): Lead | null {
  const types = fieldTypes(config);
  if (!isObj(raw)) {
    problems.add(`lead #${index + 1}: expected an object, got ${Array.isArray(raw) ? 'a list' : JSON.stringify(raw)}`);
    return null;
  }
  const idValue = raw.id;
  const id = typeof idValue === 'string' || typeof idValue === 'number' ? String(idValue).trim() : '';
  const at = id ? `lead #${index + 1} (id ${id})` : `lead #${index + 1}`;
  if (!id) problems.add(`${at}: missing id (a string or number)`);
  else if (ids.has(id)) problems.add(`${at}: duplicate id '${id}' (first at lead #${ids.get(id)! + 1})`);
  else ids.set(id, index);

  const lead: Lead = { id, fields: {} };
  // Nested `fields` plus flat alias keys; both may be used at once.
  const values: [string, unknown, string][] = [];
  if (raw.fields !== undefined) {
    if (!isObj(raw.fields)) problems.add(`${at}: fields must be an object of alias: value`);
    else for (const [k, v] of Object.entries(raw.fields)) values.push([k, v, `fields.${k}`]);
  }
  for (const [k, v] of Object.entries(raw)) {
    if (!(RESERVED_JSON_KEYS as readonly string[]).includes(k)) values.push([k, v, k]);
  }
  for (const [alias, value, key] of values) {
    const type = types.get(alias);
    if (!type) {
      noteIgnored(notes, alias); // a field the config does not use: skipped, noted once
      continue;
    }
    const coerced = coerceFieldValue(value, type);
    if (!coerced.ok) problems.add(`${at}, ${key}: ${coerced.error}`);
    else if (coerced.value !== undefined) lead.fields[alias] = coerced.value;
  }

  const currentOwner = ownerEmail(raw.currentOwner ?? raw.current_owner, `${at}, currentOwner`, problems);
  if (currentOwner) lead.currentOwner = currentOwner;
  const accountOwner = ownerEmail(raw.accountOwner ?? raw.account_owner, `${at}, accountOwner`, problems);
  if (accountOwner) lead.accountOwner = accountOwner;
  const created = raw.createdAt ?? raw.created_at;
  if (created !== undefined && created !== null && created !== '') {
    const ms = parseTimeValue(created);
    if (ms === undefined) problems.add(`${at}, createdAt: expected an ISO time or epoch ms, got ${JSON.stringify(created)}`);
    else lead.createdAt = ms;
  }
  const events = parseEventsJson(raw.events);
  if (!events.ok) problems.add(`${at}, ${events.error}`);
  else if (events.value.length > 0) lead.events = events.value;
  return lead;
}

export function parseJsonLeads(text: string, fileName: string, config: LeadRouterConfig, notes?: LeadFileNotes): Lead[] {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw leadFileError(fileName, [`not valid JSON: ${(err as Error).message}`]);
  }
  const list = isObj(data) && Array.isArray(data.leads) ? data.leads : data;
  if (!Array.isArray(list)) throw leadFileError(fileName, ['expected a JSON list of leads (or { "leads": [...] })']);
  if (list.length === 0) throw leadFileError(fileName, ['no leads: the list is empty']);
  const problems = new ProblemList();
  const ids = new Map<string, number>();
  const leads: Lead[] = [];
  for (let i = 0; i < list.length && !problems.full; i++) {
    const lead = readLead(list[i], i, config, problems, ids, notes);
    if (lead) leads.push(lead);
  }
  problems.throwIfAny(fileName);
  return leads;
}
