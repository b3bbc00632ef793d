// Parity: `simulate` decides exactly what the live pipeline decided. A few hundred generated
// leads go through the HubSpot sandbox and the real app (signed webhooks, batch reads, atomic
// routing, write-back); then simulate runs the same leads with the same config, in the order
// the pipeline decided them and at the same instants, and must give every decision the same
// owner, tier, score and rule. The config re-routes owned leads (keepCurrentOwner off, so a
// current owner who is an eligible member of the picked team keeps the lead), uses round
// robin, weighted and least-loaded teams, tight daily / open caps, and SLA deadlines; the
// clock then jumps twice by two hours, so first-touch deadlines pass and the SLA timers
// reassign and escalate leads (simulate is told when a lead's timer fired, nothing more).
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { generateSampleData } from '../../src/demo/sample-data.ts';
import type { Evaluation } from '../../src/engine/types.ts';
import { readLeadsFile } from '../../src/simulate/read-leads.ts';
import { simulateLeads } from '../../src/simulate/run-simulation.ts';
import type { Store } from '../../src/store/types.ts';
import { CONFIG, startPair, waitUntil } from './hubspot-harness.ts';

const LEADS = 300;
const TENANT = 'hubspot:62515';
/** Wednesday 2026-03-04 10:00 UTC: most reps are on shift, the US rep is not. */
const T0 = Date.UTC(2026, 2, 4, 10, 0);
const OUTSIDER = { email: 'outsider@example.com', firstName: 'Out', lastName: 'Sider' };
const HOUR = 3_600_000;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** The default config, re-routing owned leads, with caps that bind within a few hundred leads. */
function parityConfig(dir: string): string {
  const text = readFileSync(CONFIG, 'utf8')
    .replace('keepCurrentOwner: true', 'keepCurrentOwner: false')
    .replace(/perDay: \d+/g, 'perDay: 20')
    .replace(/maxOpen: \d+/g, 'maxOpen: 25');
  const file = join(dir, 'parity.yaml');
  writeFileSync(file, text);
  return file;
}

type Decided = { leadId: string; evaluation: Evaluation };

/**
 * Record every routing decision in the order the store's routing lock serialized them, and
 * which decisions answered a fired SLA timer (the lead's first decision after its timer fired).
 */
function recordDecisions(store: Store): { log: Decided[]; breaches: Set<number> } {
  const log: Decided[] = [];
  const firing = new Set<string>();
  const breaches = new Set<number>();
  const claim = store.claimDueTimers.bind(store);
  store.claimDueTimers = async (now, limit) => {
    const due = await claim(now, limit);
    for (const t of due) firing.add(t.leadId);
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
  return { log, breaches };
}

const brief = (e: { owner: string | null; tier: string; score: number; rule: string | null }) => ({ owner: e.owner, tier: e.tier, score: e.score, rule: e.rule });

describe('simulate agrees with the live pipeline', () => {
  it('gives every HubSpot decision the same owner, tier, score and rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-parity-'));
    const configFile = parityConfig(dir);
    const config = loadConfig(configFile);
    const owners = [...config.config.owners.map((o) => ({ email: o.email, firstName: o.name ?? 'Rep', lastName: '' })), OUTSIDER];
    // One clock for the app and the sandbox (webhook signatures carry its timestamps).
    const started = Date.now();
    let jumped = 0;
    const now = () => T0 + (Date.now() - started) + jumped;
    const { sandbox, app } = await startPair({ sandbox: { owners, now }, env: { LEAD_ROUTER_CONFIG: configFile }, now });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const { log, breaches } = recordDecisions(app.store);
    const idOf = new Map(sandbox.owners().map((o) => [o.email, o.id]));
    const emails = config.config.owners.map((o) => o.email);

    // Generated leads: companies (some with an account owner), contacts (some already owned by
    // a rep, some by a CRM user outside the config).
    const data = generateSampleData({ leads: LEADS, seed: 7, owners: emails.length });
    const companies = sandbox.createCompanies(
      data.companies.map((c) => ({
        name: c.name,
        domain: c.domain,
        industry: c.industry,
        numberofemployees: String(c.employees),
        country: c.country,
        ...(c.ownerIndex !== null ? { hubspot_owner_id: idOf.get(emails[c.ownerIndex]!) } : {}),
      })),
    );
    const companyOf = new Map(data.companies.map((c, i) => [c.key, { sample: c, id: companies[i]!.id }]));
    // Every fourth lead is owned already, mostly by a rep of the team its country goes to.
    const local: Record<string, string[]> = { CZ: ['jan.dvorak@example.com', 'petra.novakova@example.com'], DE: ['max.schmidt@example.com', 'lena.huber@example.com'] };
    const ownerAtStart = (i: number): string | null => {
      if (i % 4 !== 0) return null;
      if (i % 36 === 0) return OUTSIDER.email;
      const reps = local[data.contacts[i]!.country] ?? ['sarah.jones@example.com', 'david.miller@example.com', 'tomas.kral@example.com'];
      return reps[(i / 4) % reps.length]!;
    };
    const created = data.contacts.map((c, i) => {
      const owner = ownerAtStart(i);
      const properties = { email: c.email, firstname: c.firstName, lastname: c.lastName, jobtitle: c.jobTitle, country: c.country, zip: c.postcode, ...(owner ? { hubspot_owner_id: idOf.get(owner) } : {}) };
      return sandbox.createContacts([{ properties, companyId: companyOf.get(c.companyKey)!.id }])[0]!;
    });

    const scoreProp = config.config.writeBack.properties.score;
    await waitUntil(() => created.every((c) => sandbox.getContact(c.id)?.properties[scoreProp] !== undefined), 60_000, 'every lead scored');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    // A second wave: a rep edits every sixth lead's title, so it is rescored (and re-routed,
    // since keepCurrentOwner is off) while it already has an owner and an assignment.
    const edited = created.filter((_, i) => i % 6 === 1);
    const decidedBefore = log.length;
    for (const c of edited) sandbox.updateContact(c.id, { jobtitle: 'Chief Financial Officer' });
    await waitUntil(() => log.length >= decidedBefore + edited.length, 60_000, 'edited leads rescored');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    // Nobody touches the leads: two hours later the hot leads' first-touch deadlines have passed
    // (reassign, or escalate for the urgent rule); two hours more, the reassigned ones breach again.
    for (const round of [1, 2]) {
      const before = breaches.size;
      jumped += 2 * HOUR;
      await waitUntil(() => breaches.size > before, 30_000, `SLA breaches, round ${round}`);
      await new Promise((res) => setTimeout(res, 500));
      await sandbox.flushWebhooks();
      await app.worker.drain();
    }
    expect((await app.store.inboxStats()).failed).toBe(0);

    // The same leads as a simulate lead file, read by simulate's own reader.
    const file = join(dir, 'leads.json');
    const leadsJson = data.contacts.map((c, i) => {
      const company = companyOf.get(c.companyKey)!.sample;
      const owner = ownerAtStart(i);
      return {
        id: created[i]!.id,
        fields: { email: c.email, job_title: c.jobTitle, employees: company.employees, industry: company.industry, country: c.country, postcode: c.postcode },
        ...(owner ? { currentOwner: owner } : {}),
        ...(company.ownerIndex !== null ? { accountOwner: emails[company.ownerIndex] } : {}),
      };
    });
    writeFileSync(file, JSON.stringify(leadsJson));
    const leads = new Map(readLeadsFile(file, config.config).map((l) => [l.id, l]));
    // The edited leads as they read after the edit (simulate takes each decision's input).
    const editedIds = new Set(edited.map((c) => c.id));
    const afterEdit = (id: string, k: number) => (k > 0 && editedIds.has(id) ? { ...leads.get(id)!, fields: { ...leads.get(id)!.fields, job_title: 'Chief Financial Officer' } } : leads.get(id)!);

    // Each decision's instant, from the audit (the k-th decision of a lead is its k-th audit).
    const audits = new Map<string, number[]>();
    for (const c of created) audits.set(c.id, (await app.store.getAudit(TENANT, c.id, 100)).map((a) => a.at).reverse());
    const seen = new Map<string, number>();
    const instants = log.map((d) => {
      const k = seen.get(d.leadId) ?? 0;
      seen.set(d.leadId, k + 1);
      return audits.get(d.leadId)![k]!;
    });
    for (const c of created) expect([c.id, seen.get(c.id) ?? 0]).toEqual([c.id, audits.get(c.id)!.length]);

    const nth = new Map<string, number>();
    const inputs = log.map((d) => {
      const k = nth.get(d.leadId) ?? 0;
      nth.set(d.leadId, k + 1);
      return afterEdit(d.leadId, k);
    });
    const sim = simulateLeads(
      inputs,
      config.compiled,
      T0,
      { clock: (_, i) => instants[i]!, slaFired: (_, i) => breaches.has(i) },
    );
    const disagreements = log
      .map((d, i) => ({ lead: d.leadId, at: new Date(instants[i]!).toISOString(), live: brief({ ...d.evaluation.route, tier: d.evaluation.tier, score: d.evaluation.score.total }), simulate: brief(sim.leads[i]!) }))
      .filter((x) => JSON.stringify(x.live) !== JSON.stringify(x.simulate));
    expect({ count: disagreements.length, first: disagreements.slice(0, 5) }).toEqual({ count: 0, first: [] });
    expect(log.length).toBeGreaterThanOrEqual(LEADS + edited.length);

    // And the owner each lead ends with in the CRM is simulate's last decision for it.
    const ownerEmail = new Map(sandbox.owners().map((o) => [o.id, o.email]));
    const lastSim = new Map(sim.leads.map((l) => [l.id, l.owner]));
    for (const c of created) expect([c.id, ownerEmail.get(sandbox.getContact(c.id)!.properties['hubspot_owner_id']!) ?? null]).toEqual([c.id, lastSim.get(c.id)]);

    // The run exercised what it claims to.
    const routes = log.map((d) => d.evaluation.route);
    expect(routes.filter((r) => r.reason.includes('already a member of team')).length).toBeGreaterThan(0);
    expect(routes.filter((r) => r.rotation !== undefined).length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.candidates.some((c) => c.skipped === 'at_daily_cap')).length).toBeGreaterThan(0);
    expect(routes.filter((r) => r.sla !== undefined).length).toBeGreaterThan(20);
    expect(routes.filter((r) => r.rule === 'existing-account-owner').length).toBeGreaterThan(0);
    const breached = [...breaches].map((i) => routes[i]!);
    expect(breached.filter((r) => r.reason.startsWith('SLA breached')).length).toBeGreaterThan(0);
    expect(breached.filter((r) => r.trace.some((t) => t.includes('excluded')) || r.candidates.some((c) => c.skipped === 'excluded')).length).toBeGreaterThan(0);
  }, 120_000);
});
