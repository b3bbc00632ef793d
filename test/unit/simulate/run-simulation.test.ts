import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load.ts';
import { parseLeadsText } from '../../../src/simulate/read-leads.ts';
import { simulateLeads } from '../../../src/simulate/run-simulation.ts';
import type { SimulatedLead } from '../../../src/simulate/types.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const loaded = loadConfig(`${root}config/lead-router.yaml`);
const NOW = Date.parse('2026-03-10T09:00:00Z'); // Tuesday 10:00 in Prague, 04:00 in New York
const csvLeads = parseLeadsText(readFileSync(`${root}test/fixtures/leads.csv`, 'utf8'), 'leads.csv', loaded.config);
const result = simulateLeads(csvLeads, loaded.compiled, NOW, { configName: 'default' });
const byId = new Map(result.leads.map((l) => [l.id, l]));
const lead = (id: string): SimulatedLead => byId.get(id)!;

const CZ_TEAM = ['petra.novakova@example.com', 'jan.dvorak@example.com'];
const PHARMA = ['anna.berg@example.com', 'lena.huber@example.com'];

describe('simulate the default config on test/fixtures/leads.csv', () => {
  it('runs every lead in file order', () => {
    expect(result.leads.map((l) => l.id)).toEqual(csvLeads.map((l) => l.id));
    expect(result.leads).toHaveLength(41);
    expect(result.now).toBe('2026-03-10T09:00:00.000Z');
  });

  it('the CFO of a 1000+ company goes to the sales director, even when the score is below 90', () => {
    expect(lead('L011')).toMatchObject({ owner: 'eva.svobodova@example.com', rule: 'urgent-escalation', target: 'owner' });
    expect(lead('L011').score).toBeLessThan(90);
    expect(lead('L001')).toMatchObject({ owner: 'eva.svobodova@example.com', rule: 'urgent-escalation' });
  });

  it('a score of 90+ also goes to the director (L009: CEO with pricing visits, form and meeting)', () => {
    expect(lead('L009').score).toBeGreaterThanOrEqual(90);
    expect(lead('L009')).toMatchObject({ owner: 'eva.svobodova@example.com', tier: 'hot', grade: 'A1' });
  });

  it('a Prague postcode in CZ goes to the Czech team; a Czech-format PSČ without country too', () => {
    expect(lead('L002')).toMatchObject({ rule: 'czech-republic', team: 'cz-sales', tier: 'hot' });
    expect(CZ_TEAM).toContain(lead('L002').owner);
    expect(lead('L041')).toMatchObject({ rule: 'czech-republic', team: 'cz-sales' });
  });

  it('a gmail student is cold, with both negatives in the reasons, and goes to nurture', () => {
    const l = lead('L003');
    expect(l.tier).toBe('cold');
    expect(l.grade).toBe('C3');
    expect(l.fit).toBe(-55); // -40 student, -15 free-mail
    expect(l.reasons).toMatch(/-40 student \/ intern/);
    expect(l.reasons).toMatch(/-15 free-mail address/);
    expect(l.rule).toBe('cold-nurture');
    expect(['tomas.kral@example.com', 'david.miller@example.com']).toContain(l.owner);
  });

  it('pharma / biotech leads go to the pharma specialists (Max lacks the skill)', () => {
    for (const id of ['L015', 'L016', 'L018']) {
      expect(lead(id)).toMatchObject({ rule: 'pharma-vertical', team: 'pharma' });
      expect(PHARMA).toContain(lead(id).owner);
    }
  });

  it('existing account owner and current owner are respected', () => {
    expect(lead('L006')).toMatchObject({ owner: 'max.schmidt@example.com', rule: 'existing-account-owner', target: 'account_owner' });
    expect(lead('L007')).toMatchObject({ owner: 'jan.dvorak@example.com', rule: null, target: 'keep_current' });
  });

  it('a competitor is cold whatever it does on the pricing page', () => {
    expect(lead('L008').tier).toBe('cold');
    expect(lead('L008').reasons).toContain('-60 competitor domain');
  });

  it('only reps within working hours get international leads (New York is asleep at 04:00)', () => {
    const international = result.leads.filter((l) => l.team === 'international');
    expect(international.length).toBeGreaterThan(0);
    expect(new Set(international.map((l) => l.owner))).toEqual(new Set(['sarah.jones@example.com']));
  });

  it('the weighted Czech team gives Petra (weight 2) twice the share of Jan; the junior gets none', () => {
    const cz = result.leads.filter((l) => l.team === 'cz-sales');
    const count = (o: string) => cz.filter((l) => l.owner === o).length;
    expect(count('tomas.kral@example.com')).toBe(0);
    expect(count('petra.novakova@example.com') + count('jan.dvorak@example.com')).toBe(cz.length);
    // Weighted fair rotation: within one lead of the exact 2:1 split at every point.
    expect(Math.abs(count('petra.novakova@example.com') - (2 * cz.length) / 3)).toBeLessThanOrEqual(1);
    expect(cz.length).toBeGreaterThanOrEqual(6);
  });

  it('summarizes per owner and per tier, shares adding up to 100%', () => {
    const { summary } = result;
    expect(summary.total).toBe(41);
    expect(Object.keys(summary.tiers)).toEqual(['hot', 'warm', 'cold']);
    const owners = Object.values(summary.owners);
    expect(owners.reduce((n, s) => n + s.count, 0)).toBe(41);
    expect(Math.round(owners.reduce((n, s) => n + s.percent, 0))).toBe(100);
    expect(summary.owners['eva.svobodova@example.com']).toEqual({
      count: result.leads.filter((l) => l.owner === 'eva.svobodova@example.com').length,
      percent: Math.round((result.leads.filter((l) => l.owner === 'eva.svobodova@example.com').length / 41) * 1000) / 10,
    });
    const counts = Object.values(summary.owners).map((s) => s.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a)); // most leads first
  });

  it('JSON fixtures (nested and flat leads) give exactly the same results as the CSV', () => {
    const jsonLeads = parseLeadsText(readFileSync(`${root}test/fixtures/leads.json`, 'utf8'), 'leads.json', loaded.config);
    expect(jsonLeads).toEqual(csvLeads);
    expect(simulateLeads(jsonLeads, loaded.compiled, NOW, { configName: 'default' })).toEqual(result);
  });

  it('is deterministic and does not modify a given start state', () => {
    const state = { loads: {}, rotations: {} };
    const again = simulateLeads(csvLeads, loaded.compiled, NOW, { configName: 'default', state });
    expect(again).toEqual(result);
    expect(state).toEqual({ loads: {}, rotations: {} });
  });

  it('an out-of-office rep gets no new leads but keeps the leads they own', () => {
    const holiday = simulateLeads(csvLeads, loaded.compiled, Date.parse('2026-12-22T09:00:00Z'));
    const jan = holiday.leads.filter((l) => l.owner === 'jan.dvorak@example.com');
    expect(jan.map((l) => [l.id, l.target])).toEqual([['L007', 'keep_current']]);
  });

  it('reports progress every N leads', () => {
    const calls: [number, number][] = [];
    simulateLeads(csvLeads, loaded.compiled, NOW, { progressEvery: 10, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls).toEqual([[10, 41], [20, 41], [30, 41], [40, 41]]);
  });
});
