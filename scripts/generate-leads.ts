#!/usr/bin/env node
// Realistic synthetic B2B leads for simulate, demos and benchmarks, using the default
// config's field aliases. Deterministic: the same --seed gives the same leads (and the
// same timestamps, relative to --now).
//
//   node scripts/generate-leads.ts --count 1000 --seed 42 --format csv --out leads.csv
//   node scripts/generate-leads.ts --count 50 --seed 7 --format json
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { EngagementEvent, Lead } from '../src/engine/types.ts';
import { parseIsoTime } from '../src/simulate/parse-time.ts';
import { digits, pick, seededRandom, weighted, type Rng } from '../src/demo/random.ts';

export { seededRandom };

const DAY = 86_400_000;


const COUNTRIES = [['CZ', 30], ['DE', 15], ['GB', 10], ['US', 12], ['AT', 5], ['SK', 5], ['CH', 4], ['PL', 4], ['IT', 4], ['FR', 4], ['', 7]] as const;
const INDUSTRIES = [
  ['Software', 18], ['Manufacturing', 16], ['Financial Services', 10], ['Retail', 10], ['Pharmaceuticals', 6], ['Biotechnology', 3],
  ['Logistics', 7], ['Healthcare', 6], ['Energy', 4], ['Construction', 5], ['Consulting', 6], ['Education', 4], ['', 5],
] as const;
const TITLES = [
  ['CEO', 4], ['CFO', 3], ['CTO', 3], ['Founder', 2], ['Chief Financial Officer', 1], ['VP Sales', 3], ['VP Engineering', 2],
  ['Head of IT', 5], ['Head of Operations', 4], ['Director of Finance', 3], ['Operations Director', 3], ['IT Manager', 8],
  ['Marketing Manager', 7], ['Procurement Manager', 5], ['Project Manager', 6], ['Data Analyst', 7], ['Software Engineer', 8],
  ['Consultant', 5], ['Assistant', 4], ['Student', 4], ['Marketing Intern', 2], ['', 6],
] as const;
const FIRST = ['jana', 'petr', 'lucie', 'tomas', 'eva', 'martin', 'anna', 'lukas', 'sophie', 'max', 'emma', 'james', 'olivia', 'noah', 'marek', 'katerina', 'felix', 'laura'];
const LAST = ['novak', 'svoboda', 'dvorak', 'cerny', 'muller', 'schmidt', 'weber', 'smith', 'jones', 'brown', 'kowalski', 'rossi', 'martin', 'horak', 'fischer'];
const COMPANY = ['kovo', 'data', 'pharma', 'soft', 'logi', 'energo', 'stav', 'bio', 'fin', 'retail', 'medi', 'auto', 'cloud', 'agro'];
const SUFFIX = ['tech', 'works', 'group', 'systems', 'labs', 'solutions', 'invest', 'trade'];
const FREE_MAIL = ['gmail.com', 'seznam.cz', 'outlook.com', 'yahoo.com', 'icloud.com'];
const GB_POSTCODES = ['SW1A 1AA', 'EC2N 2DB', 'M1 1AE', 'B1 1BB', 'LS1 4AP', 'OX1 2JD', 'CB2 1TN', 'EH1 1YZ'];
const PAGES = [['/', 5], ['/product', 4], ['/pricing', 3], ['/pricing/enterprise', 1], ['/blog/lead-scoring', 4], ['/careers', 1], ['/docs', 2]] as const;
const EVENTS = [['email_open', 30], ['email_click', 12], ['page_view', 35], ['form_submission', 5], ['ebook_download', 6], ['webinar', 4], ['meeting', 2]] as const;

function postcode(rng: Rng, country: string): string {
  switch (country) {
    case 'CZ':
      return `${1 + Math.floor(rng() * 7)}${digits(rng, 2)} ${digits(rng, 2)}`; // PSČ "110 00"
    case 'SK':
      return `${8 + Math.floor(rng() * 2)}${digits(rng, 2)} ${digits(rng, 2)}`;
    case 'DE':
    case 'US':
    case 'FR':
    case 'IT':
      return `${1 + Math.floor(rng() * 9)}${digits(rng, 4)}`;
    case 'AT':
    case 'CH':
      return `${1 + Math.floor(rng() * 9)}${digits(rng, 3)}`;
    case 'PL':
      return `${digits(rng, 2)}-${digits(rng, 3)}`;
    case 'GB':
      return pick(rng, GB_POSTCODES);
    default:
      return rng() < 0.5 ? '' : `${1 + Math.floor(rng() * 7)}${digits(rng, 2)} ${digits(rng, 2)}`;
  }
}

function events(rng: Rng, now: number, engaged: number): EngagementEvent[] {
  const n = Math.floor(rng() * rng() * 10 * engaged);
  const out: EngagementEvent[] = [];
  for (let i = 0; i < n; i++) {
    const type = weighted(rng, EVENTS);
    // Minute precision, so CSV / JSON round trips are exact.
    const at = Math.floor((now - rng() * rng() * 120 * DAY) / 60_000) * 60_000;
    const e: EngagementEvent = { type, at };
    if (type === 'page_view') e.props = { url: weighted(rng, PAGES) };
    out.push(e);
  }
  return out.sort((a, b) => a.at - b.at);
}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** epoch ms; events and createdAt fall in the weeks before it */
  now: number;
  /** owner emails to use as current / account owners */
  owners?: readonly string[];
}

/** Leads as the engine sees them (fields keyed by the default config's aliases). */
export function generateLeads(opts: GenerateOptions): Lead[] {
  const rng = seededRandom(opts.seed);
  const owners = opts.owners ?? [];
  const width = String(opts.count).length;
  const leads: Lead[] = [];
  for (let i = 0; i < opts.count; i++) {
    const country = weighted(rng, COUNTRIES);
    const first = pick(rng, FIRST);
    const last = pick(rng, LAST);
    const company = `${pick(rng, COMPANY)}${pick(rng, SUFFIX)}`;
    const r = rng();
    const domain = r < 0.15 ? pick(rng, FREE_MAIL) : r < 0.16 ? 'rival-crm.example' : `${company}.example`;
    const employees = rng() < 0.08 ? undefined : Math.max(1, Math.round(Math.exp(rng() * Math.log(50_000))));
    const fields: Lead['fields'] = {
      email: `${first}.${last}${rng() < 0.3 ? Math.floor(rng() * 100) : ''}@${domain}`,
      job_title: weighted(rng, TITLES),
      industry: weighted(rng, INDUSTRIES),
      country,
      postcode: postcode(rng, country),
      product_interest: pick(rng, ['analytics', 'integrations', 'compliance', '', '']),
      email_opens: Math.floor(rng() * rng() * 30),
      page_views: Math.floor(rng() * rng() * 80),
      unsubscribed: rng() < 0.03,
      bounced: rng() < 0.02,
    };
    if (employees !== undefined) fields.employees = employees;
    for (const [k, v] of Object.entries(fields)) if (v === '') delete fields[k];
    const lead: Lead = {
      id: `G${String(i + 1).padStart(width, '0')}`,
      fields,
      createdAt: Math.floor((opts.now - rng() * 30 * DAY) / 60_000) * 60_000,
    };
    const ev = events(rng, opts.now, rng() < 0.3 ? 2 : 1);
    if (ev.length > 0) lead.events = ev;
    if (owners.length > 0 && rng() < 0.05) lead.currentOwner = pick(rng, owners);
    if (owners.length > 0 && rng() < 0.08) lead.accountOwner = pick(rng, owners);
    leads.push(lead);
  }
  return leads;
}

const CSV_FIELDS = ['email', 'job_title', 'employees', 'industry', 'country', 'postcode', 'product_interest', 'email_opens', 'page_views', 'unsubscribed', 'bounced'];

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The simulate CSV format (header: id, aliases, current_owner, account_owner, created_at, events). */
export function leadsToCsv(leads: readonly Lead[]): string {
  const header = ['id', ...CSV_FIELDS, 'current_owner', 'account_owner', 'created_at', 'events'];
  const rows = leads.map((l) => {
    const ev = (l.events ?? []).map((e) => `${e.type}@${iso(e.at)}${e.props ? Object.entries(e.props).map(([k, v]) => `@${k}=${v}`).join('') : ''}`);
    return [l.id, ...CSV_FIELDS.map((f) => l.fields[f]), l.currentOwner, l.accountOwner, l.createdAt === undefined ? '' : iso(l.createdAt), ev.join(';')]
      .map(csvCell)
      .join(',');
  });
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** The simulate JSON format ({ id, fields, currentOwner?, accountOwner?, createdAt, events }). */
export function leadsToJson(leads: readonly Lead[]): string {
  const records = leads.map((l) => ({
    id: l.id,
    fields: l.fields,
    ...(l.currentOwner ? { currentOwner: l.currentOwner } : {}),
    ...(l.accountOwner ? { accountOwner: l.accountOwner } : {}),
    ...(l.createdAt !== undefined ? { createdAt: iso(l.createdAt) } : {}),
    ...(l.events ? { events: l.events.map((e) => ({ type: e.type, at: iso(e.at), ...(e.props ? { props: e.props } : {}) })) } : {}),
  }));
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** Owner emails of the default config (so current / account owners are known reps). */
export const DEFAULT_OWNERS = [
  'petra.novakova@example.com',
  'jan.dvorak@example.com',
  'lena.huber@example.com',
  'max.schmidt@example.com',
  'anna.berg@example.com',
  'sarah.jones@example.com',
];

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      count: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      now: { type: 'string', default: '2026-03-10T09:00:00Z' },
    },
  });
  const count = Number(values.count);
  const seed = Number(values.seed);
  const now = parseIsoTime(values.now);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${values.count}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  if (now === undefined) throw new Error(`--now must be an ISO time, got ${values.now}`);
  if (values.format !== 'csv' && values.format !== 'json') throw new Error(`--format must be csv or json, got ${values.format}`);
  const leads = generateLeads({ count, seed, now, owners: DEFAULT_OWNERS });
  const text = values.format === 'json' ? leadsToJson(leads) : leadsToCsv(leads);
  if (values.out) {
    writeFileSync(values.out, text);
    process.stderr.write(`wrote ${count} leads to ${values.out}\n`);
  } else process.stdout.write(text);
}

if (import.meta.main) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`generate-leads: ${(err as Error).message}\n`);
    process.exitCode = 2;
  }
}
