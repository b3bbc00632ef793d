// The example configs do what their comments promise, on small hand-written leads.
import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load.ts';
import type { Lead } from '../../../src/engine/types.ts';
import { simulateLeads } from '../../../src/simulate/run-simulation.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const NOW = Date.parse('2026-03-10T09:00:00Z'); // Tuesday
const example = (name: string) => loadConfig(`${root}config/examples/${name}.yaml`).compiled;
const lead = (id: string, fields: Lead['fields'], extra: Partial<Lead> = {}): Lead => ({ id, fields, ...extra });
const run = (name: string, leads: Lead[], now = NOW) => new Map(simulateLeads(leads, example(name), now).leads.map((l) => [l.id, l]));

describe('config/examples', () => {
  it('region-by-postcode: PSČ ranges and prefixes, DACH by country, Berlin is not Prague', () => {
    const r = run('region-by-postcode', [
      lead('prague', { country: 'CZ', postcode: '110 00' }),
      lead('brno', { country: 'CZ', postcode: '60200' }),
      lead('ostrava', { country: 'CZ', postcode: '702 00' }),
      lead('plzen', { country: 'CZ', postcode: '301 00' }),
      lead('berlin', { country: 'DE', postcode: '10115' }),
      lead('paris', { country: 'FR', postcode: '75001' }),
    ]);
    expect(r.get('prague')).toMatchObject({ rule: 'prague', team: 'prague' });
    expect(r.get('brno')).toMatchObject({ rule: 'south-moravia', owner: 'brno@example.com' });
    expect(r.get('ostrava')).toMatchObject({ rule: 'moravia-silesia', owner: 'ostrava@example.com' });
    expect(r.get('plzen')).toMatchObject({ rule: 'rest-of-czechia', owner: 'cechy@example.com' });
    expect(r.get('berlin')).toMatchObject({ rule: 'dach', team: 'dach' });
    expect(r.get('paris')).toMatchObject({ target: 'fallback', owner: 'inside-sales@example.com' });
  });

  it('vertical-teams: GxP pharma needs the GxP specialist; other verticals their teams', () => {
    const r = run('vertical-teams', [
      lead('gxp', { industry: 'Pharmaceuticals', job_title: 'Head of Quality' }),
      lead('bank', { industry: 'Banking' }),
      lead('factory', { industry: 'Manufacturing' }),
      lead('shop', { industry: 'Retail' }),
    ]);
    expect(r.get('gxp')).toMatchObject({ rule: 'pharma-regulated', owner: 'anna.pharma@example.com' });
    expect(r.get('bank')).toMatchObject({ team: 'financial-services' });
    expect(r.get('factory')).toMatchObject({ owner: 'eva.manufacturing@example.com' });
    expect(r.get('shop')).toMatchObject({ team: 'generalists' });
  });

  it('company-size-segments: account owner first, then enterprise / mid-market / SMB', () => {
    const r = run('company-size-segments', [
      lead('owned', { employees: 5000 }, { accountOwner: 'ent.2@example.com' }),
      lead('ent', { employees: 5000 }),
      lead('rich', { employees: 40, annual_revenue: 250_000_000 }),
      lead('mid', { employees: 400 }),
      lead('smb', { employees: 12 }),
      lead('unknown', {}),
    ]);
    expect(r.get('owned')).toMatchObject({ rule: 'enterprise-account-owner', owner: 'ent.2@example.com', target: 'account_owner' });
    expect(r.get('ent')).toMatchObject({ rule: 'enterprise', team: 'enterprise' });
    expect(r.get('rich')).toMatchObject({ rule: 'enterprise' });
    expect(r.get('mid')).toMatchObject({ rule: 'mid-market' });
    expect(r.get('smb')).toMatchObject({ rule: 'smb' });
    expect(r.get('unknown')).toMatchObject({ rule: 'smb' });
  });

  it('product-specialisation: only reps with the product skill are picked', () => {
    const leads = Array.from({ length: 6 }, (_, i) => lead(`a${i}`, { product_interest: 'analytics' }));
    leads.push(lead('de', { product_interest: 'compliance', language: 'de' }), lead('none', {}));
    const r = run('product-specialisation', leads);
    const analysts = new Set(leads.slice(0, 6).map((l) => r.get(l.id)!.owner));
    expect(analysts).toEqual(new Set(['ada@example.com', 'bo@example.com']));
    expect(r.get('de')).toMatchObject({ rule: 'compliance-german', owner: 'di@example.com' });
    expect(r.get('none')).toMatchObject({ target: 'fallback', owner: 'presales@example.com' });
  });

  it('score-seniority: hot -> senior, warm -> mid, cold -> junior, negative -> nurture', () => {
    const events = [
      { type: 'meeting', at: NOW - 86_400_000 },
      { type: 'page_view', at: NOW - 3_600_000, props: { url: '/pricing' } },
    ];
    const r = run('score-seniority', [
      lead('hot', { employees: 900, job_title: 'VP Sales' }, { events }),
      lead('warm', { employees: 900, job_title: 'Analyst' }, { events: [events[1]!] }),
      lead('cold', { employees: 20, job_title: 'Analyst' }),
      lead('student', { job_title: 'Student', email: 'kid@gmail.com' }),
    ]);
    expect(r.get('hot')!.tier).toBe('hot');
    expect(r.get('hot')!.owner).toMatch(/^senior\./);
    expect(r.get('warm')!.tier).toBe('warm');
    expect(r.get('warm')!.owner).toMatch(/^(mid|senior)\./);
    expect(r.get('cold')!.owner).toMatch(/^junior\./);
    expect(r.get('student')).toMatchObject({ tier: 'disqualified', owner: 'nurture@example.com' });
  });

  it('urgent-escalation: CFO of 1000+ to the director, with the escalation SLA', () => {
    const compiled = example('urgent-escalation');
    const r = simulateLeads([lead('cfo', { job_title: 'CFO', employees: 3000 }), lead('rep', { job_title: 'Buyer', employees: 10 })], compiled, NOW);
    expect(r.leads[0]).toMatchObject({ rule: 'urgent', owner: 'director@example.com' });
    expect(r.leads[1]).toMatchObject({ rule: 'everyone-else', team: 'reps' });
    const rule = compiled.config.routing.rules.find((x) => x.name === 'urgent')!;
    expect(rule.sla).toMatchObject({ onBreach: 'escalate', escalateTo: 'vp.sales@example.com' });
  });

  it('weighted-round-robin: weights shape the split, caps overflow to the fallback, inactive reps get nothing', () => {
    const core = Array.from({ length: 60 }, (_, i) => lead(`c${i}`, { country: 'US' }));
    const other = Array.from({ length: 60 }, (_, i) => lead(`o${i}`, { country: 'BR' }));
    const result = simulateLeads([...core, ...other], example('weighted-round-robin'), NOW);
    const counts = result.summary.owners;
    expect(counts['senior.ae@example.com']!.count).toBe(20); // perDay cap 20
    expect(counts['ae.1@example.com']!.count).toBe(10);
    expect(counts['part.time@example.com']!.count).toBe(5);
    expect(counts['sdr.1@example.com']!.count).toBe(25); // maxOpen 25
    expect(counts['sdr.2@example.com']!.count).toBe(25);
    expect(counts['sdr.3@example.com']).toBeUndefined(); // active: false
    expect(counts['overflow@example.com']!.count).toBe(60 - 45 + 60 - 50);
    // Before anyone hits a cap, weight 2 gets twice the leads of weight 1.
    const first9 = result.leads.slice(0, 9).map((l) => l.owner);
    expect(first9.filter((o) => o === 'senior.ae@example.com').length).toBe(4);
  });

  it('sla: working hours required, tier SLAs attached, OOO rep skipped', () => {
    // 2026-07-07 15:00 UTC: 11:00 New York, 10:00 Chicago, 08:00 Los Angeles (before hours, and on leave)
    const r = run('sla', [lead('a', { employees: 100 }), lead('b', { employees: 100 }), lead('c', { employees: 100 })], Date.parse('2026-07-07T15:00:00Z'));
    expect(new Set([...r.values()].map((l) => l.owner))).toEqual(new Set(['ae.east@example.com', 'ae.central@example.com']));
  });
});
