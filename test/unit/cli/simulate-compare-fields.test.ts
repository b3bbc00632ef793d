import { describe, expect, it } from '@jest/globals';
import { cli as runCli } from './run-cli.ts';

describe('simulate --compare with configs whose fields differ', () => {
  it('reads the lead file with both configs\' aliases and shows the changed leads', async () => {
    const r = await runCli(['simulate', 'test/fixtures/leads.csv', '--now', '2026-11-23T10:00:00Z', '--compare', 'config/examples/score-seniority.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { changes: { id: string; changed: string[] }[]; base: { leads: unknown[] }; candidate: { leads: unknown[] } };
    expect(out.base.leads.length).toBe(41);
    expect(out.candidate.leads.length).toBe(41);
    expect(out.changes.length).toBeGreaterThan(0);
  });

  it('ignores, and notes once, the columns neither config uses', async () => {
    const r = await runCli(['simulate', 'test/fixtures/leads.csv', '--config', 'config/examples/score-seniority.yaml', '--compare', 'config/examples/sla.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      "test/fixtures/leads.csv: ignored 8 columns the config does not use: 'industry', 'country', 'postcode', 'product_interest', 'email_opens', 'page_views', 'unsubscribed', 'bounced'; the config reads the field aliases in its fields section\n",
    );
  });
});
