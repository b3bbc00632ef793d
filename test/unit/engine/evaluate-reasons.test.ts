// evaluateLead formats the reasons text when it is first read (preview compares 100,000
// replayed decisions and needs the text only for the changed ones): the text, the serialized
// evaluation and copies of it are the same as when the text was formatted up front.
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/load.ts';
import { emptyState } from '../../../src/engine/apply-state.ts';
import { evaluateLead } from '../../../src/engine/evaluate.ts';
import { formatReasons } from '../../../src/engine/explain.ts';
import { leadOf, MON_10Z } from './route-fixtures.ts';

const { compiled } = loadConfig('config/lead-router.yaml');
const maxLength = compiled.config.writeBack.reasonsMaxLength;
const lead = leadOf(
  { industry: 'Manufacturing', country: 'PL', email_opens: 1, page_views: 26 },
  { id: 'L1', events: [{ type: 'form_submission', at: MON_10Z - 86_400_000 }] },
);

describe('evaluateLead reasons', () => {
  it('reads as the text formatReasons gives for its score and route', () => {
    const e = evaluateLead(lead, compiled, emptyState(), MON_10Z);
    expect(e.reasons).toBe(formatReasons(e.score, e.route, maxLength));
    expect(e.reasons).toContain('+10 industry manufacturing');
    expect(e.reasons).toBe(e.reasons); // formatted once, the same string after
  });

  it('serializes and copies with the text, in the same key order as a plain object', () => {
    const e = evaluateLead(lead, compiled, emptyState(), MON_10Z);
    const plain = { leadId: e.leadId, score: e.score, tier: e.tier, grade: e.grade, route: e.route, reasons: e.reasons };
    expect(JSON.stringify(e)).toBe(JSON.stringify(plain));
    expect({ ...e }).toEqual(plain);
    expect(structuredClone(e)).toEqual(plain);
    expect(Object.keys(e)).toEqual(Object.keys(plain));
  });

  it('takes a text set by the caller (decideLead after it changes the route)', () => {
    const e = evaluateLead(lead, compiled, emptyState(), MON_10Z);
    e.reasons = 'kept';
    expect(e.reasons).toBe('kept');
    expect(JSON.parse(JSON.stringify(e)).reasons).toBe('kept');
  });
});
