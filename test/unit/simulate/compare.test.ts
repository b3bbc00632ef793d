import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig, parseConfigText } from '../../../src/config/load.ts';
import { compareSimulations } from '../../../src/simulate/compare.ts';
import { parseLeadsText } from '../../../src/simulate/read-leads.ts';
import { simulateLeads } from '../../../src/simulate/run-simulation.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const baseText = readFileSync(`${root}config/lead-router.yaml`, 'utf8');
const base = loadConfig(`${root}config/lead-router.yaml`);
const leads = parseLeadsText(readFileSync(`${root}test/fixtures/leads.csv`, 'utf8'), 'leads.csv', base.config);
const NOW = Date.parse('2026-03-10T09:00:00Z');
const baseResult = simulateLeads(leads, base.compiled, NOW, { configName: 'base' });

function variant(from: string, to: string) {
  expect(baseText).toContain(from);
  const candidate = parseConfigText(baseText.replace(from, to), 'candidate.yaml');
  return compareSimulations(baseResult, simulateLeads(leads, candidate.compiled, NOW, { configName: 'candidate' }));
}

describe('compareSimulations', () => {
  it('the same config changes nothing', () => {
    const c = compareSimulations(baseResult, simulateLeads(leads, base.compiled, NOW));
    expect(c.changes).toEqual([]);
    expect(Object.values(c.deltas.owners).every((d) => d.delta === 0)).toBe(true);
  });

  it('sending urgent leads to a different owner changes exactly those leads, owner only', () => {
    const urgent = baseResult.leads.filter((l) => l.rule === 'urgent-escalation');
    expect(urgent.length).toBeGreaterThanOrEqual(5);
    const c = variant('assign: { owner: eva.svobodova@example.com }', 'assign: { owner: sarah.jones@example.com }');
    expect(c.changes.map((ch) => ch.id)).toEqual(urgent.map((l) => l.id));
    for (const ch of c.changes) {
      expect(ch.changed).toEqual(['owner']);
      expect(ch.base.owner).toBe('eva.svobodova@example.com');
      expect(ch.candidate.owner).toBe('sarah.jones@example.com');
      expect(ch.candidate.rule).toBe('urgent-escalation');
    }
    expect(c.deltas.owners['eva.svobodova@example.com']).toEqual({ base: urgent.length, candidate: 0, delta: -urgent.length });
    expect(c.deltas.owners['sarah.jones@example.com']!.delta).toBe(urgent.length);
    expect(Object.values(c.deltas.tiers).every((d) => d.delta === 0)).toBe(true);
  });

  it('raising the hot threshold moves exactly the leads scoring 70-85 from hot to warm', () => {
    const moved = baseResult.leads.filter((l) => l.score >= 70 && l.score < 85);
    expect(moved.length).toBeGreaterThan(0);
    const c = variant('- { name: hot, min: 70 }', '- { name: hot, min: 85 }');
    expect(c.changes.map((ch) => ch.id)).toEqual(moved.map((l) => l.id));
    expect(c.changes.every((ch) => ch.changed.join() === 'tier' && ch.base.tier === 'hot' && ch.candidate.tier === 'warm')).toBe(true);
    expect(c.deltas.tiers).toEqual({
      hot: { base: baseResult.summary.tiers.hot!.count, candidate: baseResult.summary.tiers.hot!.count - moved.length, delta: -moved.length },
      warm: { base: baseResult.summary.tiers.warm!.count, candidate: baseResult.summary.tiers.warm!.count + moved.length, delta: moved.length },
      cold: { base: baseResult.summary.tiers.cold!.count, candidate: baseResult.summary.tiers.cold!.count, delta: 0 },
    });
  });

  it('refuses to compare different lead lists', () => {
    const shorter = simulateLeads(leads.slice(1), base.compiled, NOW);
    expect(() => compareSimulations(baseResult, shorter)).toThrow(/different lead lists/);
  });
});
