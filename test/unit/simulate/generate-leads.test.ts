import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load.ts';
import { parseLeadsText } from '../../../src/simulate/read-leads.ts';
import { DEFAULT_OWNERS, generateLeads, leadsToCsv, leadsToJson, seededRandom } from '../../../scripts/generate-leads.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { config } = loadConfig(`${root}config/lead-router.yaml`);
const now = Date.parse('2026-03-10T09:00:00Z');

describe('scripts/generate-leads', () => {
  it('the PRNG is deterministic per seed', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(xs[0]);
  });

  it('the same seed gives the same leads; another seed different ones', () => {
    const a = generateLeads({ count: 200, seed: 42, now });
    expect(generateLeads({ count: 200, seed: 42, now })).toEqual(a);
    expect(generateLeads({ count: 200, seed: 43, now })).not.toEqual(a);
    expect(new Set(a.map((l) => l.id)).size).toBe(200);
  });

  it('CSV and JSON output read back (with the default config) to exactly the generated leads', () => {
    const leads = generateLeads({ count: 300, seed: 5, now, owners: DEFAULT_OWNERS });
    expect(parseLeadsText(leadsToCsv(leads), 'g.csv', config)).toEqual(leads);
    expect(parseLeadsText(leadsToJson(leads), 'g.json', config)).toEqual(leads);
  });

  it('produces a realistic mix: Czech PSČ, free-mail, students, CFOs, events in the past', () => {
    const leads = generateLeads({ count: 2000, seed: 1, now, owners: DEFAULT_OWNERS });
    const share = (pred: (l: (typeof leads)[number]) => boolean) => leads.filter(pred).length / leads.length;
    expect(share((l) => l.fields.country === 'CZ' && /^[1-7]\d{2} \d{2}$/.test(String(l.fields.postcode)))).toBeGreaterThan(0.2);
    expect(share((l) => /@(gmail|seznam|outlook|yahoo|icloud)\./.test(String(l.fields.email)))).toBeGreaterThan(0.1);
    expect(share((l) => /student|intern/i.test(String(l.fields.job_title ?? '')))).toBeGreaterThan(0.02);
    expect(share((l) => /cfo|chief financial/i.test(String(l.fields.job_title ?? '')))).toBeGreaterThan(0.02);
    expect(share((l) => (l.events?.length ?? 0) > 0)).toBeGreaterThan(0.3);
    expect(leads.every((l) => (l.events ?? []).every((e) => e.at <= now))).toBe(true);
    expect(share((l) => l.currentOwner !== undefined)).toBeGreaterThan(0.02);
  });
});
