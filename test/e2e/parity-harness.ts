// Shared by the simulate parity tests (HubSpot, Pipedrive): generated leads, a config that
// exercises every decision the engine owns, the record of the live pipeline's decisions, and
// the replay of those decisions through `simulate`.
import { expect } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedConfig } from '../../src/config/load.ts';
import { generateSampleData, type SampleCompany, type SampleContact } from '../../src/demo/sample-data.ts';
import type { Evaluation } from '../../src/engine/types.ts';
import { readLeadsFile } from '../../src/simulate/read-leads.ts';
import { simulateLeads } from '../../src/simulate/run-simulation.ts';
import type { SimulationResult } from '../../src/simulate/types.ts';
import type { Store } from '../../src/store/types.ts';

export const CONFIG = join(import.meta.dirname, '../../config/lead-router.yaml');
export const LEADS = 300;
/** Wednesday 2026-03-04 10:00 UTC: most reps are on shift, the US rep is not. */
export const T0 = Date.UTC(2026, 2, 4, 10, 0);
export const HOUR = 3_600_000;
/** A CRM user who is not one of the config's owners. */
export const OUTSIDER = 'outsider@example.com';
export const EDITED_TITLE = 'Chief Financial Officer';

/**
 * The default config, re-routing owned leads (keepCurrentOwner off: a current owner who is an
 * eligible member of the picked team keeps the lead), with caps that bind within a few hundred
 * leads. Its teams use round robin, weighted and least loaded; its SLAs reassign and escalate.
 */
export function parityConfig(dir: string): string {
  const text = readFileSync(CONFIG, 'utf8')
    .replace('keepCurrentOwner: true', 'keepCurrentOwner: false')
    .replace(/perDay: \d+/g, 'perDay: 20')
    .replace(/maxOpen: \d+/g, 'maxOpen: 25');
  const file = join(dir, 'parity.yaml');
  writeFileSync(file, text);
  return file;
}

/** One clock for the app and the sandbox, started at T0; `jump` moves it forward. */
export function parityClock(): { now: () => number; jump: (ms: number) => void } {
  const started = Date.now();
  let jumped = 0;
  return { now: () => T0 + (Date.now() - started) + jumped, jump: (ms) => (jumped += ms) };
}

export interface SampleLead {
  contact: SampleContact;
  company: SampleCompany;
  /** The owner the lead has in the CRM before lead-router sees it. */
  owner: string | null;
  /** Its company's owner (the account owner). */
  accountOwner: string | null;
}

/** Generated leads; every fourth is owned already, mostly by a rep of the team its country goes to. */
export function sampleLeads(emails: string[]): { companies: SampleCompany[]; leads: SampleLead[] } {
  const data = generateSampleData({ leads: LEADS, seed: 7, owners: emails.length });
  const byKey = new Map(data.companies.map((c) => [c.key, c]));
  const local: Record<string, string[]> = { CZ: ['jan.dvorak@example.com', 'petra.novakova@example.com'], DE: ['max.schmidt@example.com', 'lena.huber@example.com'] };
  const ownerAt = (i: number, country: string): string | null => {
    if (i % 4 !== 0) return null;
    if (i % 36 === 0) return OUTSIDER;
    const reps = local[country] ?? ['sarah.jones@example.com', 'david.miller@example.com', 'tomas.kral@example.com'];
    return reps[(i / 4) % reps.length]!;
  };
  const leads = data.contacts.map((contact, i) => {
    const company = byKey.get(contact.companyKey)!;
    return { contact, company, owner: ownerAt(i, contact.country), accountOwner: company.ownerIndex === null ? null : emails[company.ownerIndex]! };
  });
  return { companies: data.companies, leads };
}

export type Decided = { leadId: string; evaluation: Evaluation };

/**
 * Record every routing decision in the order the store's routing lock serialized them, which
 * decisions answered a fired SLA timer (the lead's first decision after its timer fired), and
 * the SLA timers still pending (lead -> due time).
 */
export function recordDecisions(store: Store): { log: Decided[]; breaches: Set<number>; pending: Map<string, number> } {
  const log: Decided[] = [];
  const firing = new Set<string>();
  const breaches = new Set<number>();
  const pending = new Map<string, number>();
  const schedule = store.scheduleTimer.bind(store);
  store.scheduleTimer = async (t) => {
    const id = await schedule(t);
    if (t.kind === 'sla') pending.set(t.leadId, t.dueAt);
    return id;
  };
  const cancel = store.cancelTimers.bind(store);
  store.cancelTimers = async (tenant, leadId, kind) => {
    await cancel(tenant, leadId, kind);
    if (kind === undefined || kind === 'sla') pending.delete(leadId);
  };
  const claim = store.claimDueTimers.bind(store);
  store.claimDueTimers = async (now, limit) => {
    const due = await claim(now, limit);
    for (const t of due) {
      firing.add(t.leadId);
      pending.delete(t.leadId);
    }
    return due;
  };
  const route = store.routeAtomically.bind(store);
  store.routeAtomically = (tenant, leadId, owners, teams, fn) =>
    route(tenant, leadId, owners, teams, (tx) => {
      const out = fn(tx);
      if (firing.delete(leadId)) breaches.add(log.length);
      log.push({ leadId, evaluation: (out.result as { evaluation: Evaluation }).evaluation });
      return out;
    });
  return { log, breaches, pending };
}

/**
 * Nobody touches the leads: two hours later the hot leads' first-touch deadlines have passed
 * (reassign, or escalate for the urgent rule). Then the clock moves past the next deadline
 * still pending, so leads breach again: a reassigned lead's second deadline, or a warm lead's.
 * (Not a fixed two hours more: which rep a reassigned lead lands with, and so whether its
 * deadline runs in working hours or waits for the next shift, depends on the routing order,
 * which batch timing may change.)
 */
export async function letDeadlinesPass(args: {
  clock: { now: () => number; jump: (ms: number) => void };
  breaches: Set<number>;
  pending: Map<string, number>;
  settle: () => Promise<void>;
  waitUntil: (check: () => boolean, ms: number, what: string) => Promise<void>;
}): Promise<void> {
  const { clock, breaches, settle, waitUntil } = args;
  for (const round of [1, 2]) {
    const before = breaches.size;
    const next = Math.min(...args.pending.values());
    expect(Number.isFinite(next)).toBe(true); // SLA timers are pending
    clock.jump(Math.max(2 * HOUR, next - clock.now() + 60_000));
    await waitUntil(() => breaches.size > before, 60_000, `SLA breaches, round ${round}`);
    // Every breach of this round answered (each answer has scheduled its next timer) before the
    // clock moves again: a loaded machine processes them over several batches.
    let seen = -1;
    let stableSince = Date.now();
    await waitUntil(
      () => {
        if (breaches.size !== seen) [seen, stableSince] = [breaches.size, Date.now()];
        return Date.now() - stableSince >= 1_500;
      },
      60_000,
      `SLA breaches of round ${round} to settle`,
    );
    await settle();
  }
}

const brief = (e: { owner: string | null; tier: string; score: number; rule: string | null }) => ({ owner: e.owner, tier: e.tier, score: e.score, rule: e.rule });

/**
 * Replay the recorded decisions through simulate: the same leads (written as a lead file and
 * read by simulate's own reader; edited leads with their new title from their second decision
 * on), in the same order, each at its decision's instant, telling simulate where an SLA timer
 * fired. Every decision must agree on owner, tier, score and rule.
 */
export async function replayThroughSimulate(args: {
  dir: string;
  config: LoadedConfig;
  store: Store;
  tenant: string;
  ids: string[];
  leads: SampleLead[];
  edited: Set<string>;
  log: Decided[];
  breaches: Set<number>;
}): Promise<SimulationResult> {
  const { config, log, ids } = args;
  const file = join(args.dir, 'leads.json');
  const json = args.leads.map((l, i) => ({
    id: ids[i]!,
    fields: { email: l.contact.email, job_title: l.contact.jobTitle, employees: l.company.employees, industry: l.company.industry, country: l.contact.country, postcode: l.contact.postcode },
    ...(l.owner ? { currentOwner: l.owner } : {}),
    ...(l.accountOwner ? { accountOwner: l.accountOwner } : {}),
  }));
  writeFileSync(file, JSON.stringify(json));
  const leads = new Map(readLeadsFile(file, config.config).map((l) => [l.id, l]));

  // Each decision's instant, from the audit (the k-th decision of a lead is its k-th audit).
  const audits = new Map<string, number[]>();
  for (const id of ids) audits.set(id, (await args.store.getAudit(args.tenant, id, 100)).map((a) => a.at).reverse());
  const nth = new Map<string, number>();
  const replay = log.map((d) => {
    const k = nth.get(d.leadId) ?? 0;
    nth.set(d.leadId, k + 1);
    const lead = leads.get(d.leadId)!;
    const input = k > 0 && args.edited.has(d.leadId) ? { ...lead, fields: { ...lead.fields, job_title: EDITED_TITLE } } : lead;
    return { input, at: audits.get(d.leadId)![k]! };
  });
  for (const id of ids) expect([id, nth.get(id) ?? 0]).toEqual([id, audits.get(id)!.length]);

  const sim = simulateLeads(
    replay.map((r) => r.input),
    config.compiled,
    T0,
    { clock: (_, i) => replay[i]!.at, slaFired: (_, i) => args.breaches.has(i) },
  );
  const disagreements = log
    .map((d, i) => ({ lead: d.leadId, at: new Date(replay[i]!.at).toISOString(), live: brief({ ...d.evaluation.route, tier: d.evaluation.tier, score: d.evaluation.score.total }), simulate: brief(sim.leads[i]!) }))
    .filter((x) => JSON.stringify(x.live) !== JSON.stringify(x.simulate));
  expect({ count: disagreements.length, first: disagreements.slice(0, 5) }).toEqual({ count: 0, first: [] });
  return sim;
}

/** The run exercised what it claims to. */
export function expectCoverage(log: Decided[], breaches: Set<number>): void {
  const routes = log.map((d) => d.evaluation.route);
  expect(routes.filter((r) => r.reason.includes('already a member of team')).length).toBeGreaterThan(0);
  expect(routes.filter((r) => r.rotation !== undefined).length).toBeGreaterThan(20);
  expect(routes.filter((r) => r.candidates.some((c) => c.skipped === 'at_daily_cap')).length).toBeGreaterThan(0);
  expect(routes.filter((r) => r.sla !== undefined).length).toBeGreaterThan(20);
  expect(routes.filter((r) => r.rule === 'existing-account-owner').length).toBeGreaterThan(0);
  const breached = [...breaches].map((i) => routes[i]!);
  expect(breached.filter((r) => r.reason.startsWith('SLA breached')).length).toBeGreaterThan(0);
  expect(breached.filter((r) => r.candidates.some((c) => c.skipped === 'excluded') || r.trace.some((t) => t.includes('excluded'))).length).toBeGreaterThan(0);
}
