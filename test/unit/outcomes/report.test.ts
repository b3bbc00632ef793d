// The report's numerics and output: Wilson intervals against published values, percentiles,
// small groups flagged, and the CLI's table / csv / json on a real SQLite file.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '../../../src/outcomes/report/build-funnel.ts';
import { wilsonRate } from '../../../src/outcomes/report/wilson.ts';
import { createSqliteStore } from '../../../src/store/sqlite/create-sqlite-store.ts';
import { cli } from '../cli/run-cli.ts';
import { evaluation } from '../store/fixtures.ts';

describe('wilsonRate', () => {
  it.each([
    // successes, n, low, high (Wilson 95%, e.g. Newcombe 1998 table I / statsmodels proportion_confint method="wilson")
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [10, 10, 0.7225, 1],
    [81, 263, 0.2553, 0.3662],
  ])('%i of %i -> [%f, %f]', (k, n, low, high) => {
    const r = wilsonRate(k, n);
    expect(r.rate).toBeCloseTo(k / n, 10);
    expect(r.low!).toBeCloseTo(low, 4);
    expect(r.high!).toBeCloseTo(high, 4);
  });

  it('has no rate or interval without observations', () => {
    expect(wilsonRate(0, 0)).toEqual({ successes: 0, n: 0, rate: null, low: null, high: null });
  });
});

describe('percentile', () => {
  it('interpolates between ranks', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(90);
  });
});

describe('lead-router report', () => {
  it('prints the funnel per rep as a table, csv and json', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'lr-report-cli-')), 'x.db');
    const store = createSqliteStore(db);
    await store.migrate();
    const now = Date.now();
    await store.appendAudit(['a', 'b'].map((id, i) => ({ tenant: 'hubspot:62515', leadId: id, at: now - 1000 + i, evaluation: evaluation(id, 40), configVersion: 'v1' })));
    await store.upsertOutcome({
      tenant: 'hubspot:62515', leadId: 'a', dealId: 'd1', status: 'won', amount: 1200, currency: 'EUR', dealCreatedAt: now - 500, closedAt: now - 100, lostReason: null, observedAt: now - 100,
      decision: { decidedAt: now - 1000, owner: 'anna@x.test', rule: 'default', tier: 'A', score: 40, configVersion: 'v1' },
    });
    await store.close();
    const env = { DATABASE_URL: db, HUBSPOT_PORTAL_ID: '62515', HUBSPOT_ACCESS_TOKEN: 'pat-x', HUBSPOT_CLIENT_SECRET: 'secret-0123456789abcdef' };

    const table = await cli(['report'], { env });
    expect(table.stderr).toBe('');
    expect(table.stdout).toMatch(/^Funnel of hubspot:62515 by rep, leads decided since /);
    expect(table.stdout).toMatch(/anna@x\.test \*\s+2\s+0\/0 -\s+-\s+-\s+1 50% \(9\.5-90\.5\)\s+1 50% \(9\.5-90\.5\)\s+1200 EUR/);
    expect(table.stdout).toContain('* fewer than 30 leads');
    // the sections after the funnel
    expect(table.stdout).toMatch(/SLA: 0 of 0 assignments breached \(-\); 0 re-assigned after a breach; 0 escalated/);
    expect(table.stdout).toMatch(/Fallback owner: 0 of 2 leads \(0%\)/);
    expect(table.stdout).toMatch(/Scores: 40 to 49 2/);
    expect(table.stdout).toContain('Rep feedback: none in the window');

    const bySegment = await cli(['report', '--by', 'segment'], { env });
    expect(bySegment.stdout).toMatch(/^SEGMENT\s+LEADS/m);
    expect(bySegment.stdout).toMatch(/^sales \*\s+2/m);
    expect(bySegment.stdout).toContain('Segment: the team the route targeted');

    const csv = await cli(['report', '--format', 'csv', '--by', 'tier'], { env });
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('group,leads,assigned,touched,touched_5m,touched_5m_rate,touched_5m_low,touched_5m_high,median_touch_min,p90_touch_min,converted,converted_rate,converted_low,converted_high,won,won_rate,won_low,won_high,revenue,small,reassigned_in_crm,closed_unworked');
    expect(lines[1]).toMatch(/,true,0,0$/);
    expect(table.stdout).toMatch(/REVENUE +REASSIGNED IN CRM +CLOSED UNWORKED\n/);
    expect(table.stdout).toContain('Reassigned in CRM: leads a manager gave another owner in the CRM.');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['group', 'A', '(all)']);

    const json = JSON.parse((await cli(['report', '--format', 'json', '--tenant', 'hubspot:62515'], { env })).stdout) as { rows: { group: string; won: { successes: number } }[] };
    expect(json.rows.map((r) => [r.group, r.won.successes])).toEqual([['anna@x.test', 1]]);

    const bad = await cli(['report', '--by', 'color'], { env });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/Allowed choices are rep, source, tier, rule/);
  });
});
