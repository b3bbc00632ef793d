// Preview is honest: leads that went through the live pipeline (HubSpot sandbox), previewed
// with the config that decided them, come back with 0 differences; a draft that sends every
// lead to one rep shows each changed lead, the load shift and no fallback.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadConfig } from '../../src/config/load.ts';
import type { PreviewReport } from '../../src/preview/run-preview.ts';
import type { Store } from '../../src/store/types.ts';
import { cli } from '../unit/cli/run-cli.ts';
import { databaseUrl, dropSchemas, freshSchema, pgReachable } from '../helpers/postgres.ts';
import { CONFIG, PORTAL, envFor, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

const TENANT = `hubspot:${PORTAL}`;
const N = 300;
const props = loadConfig(CONFIG).config.writeBack.properties;
const EVA = 'eva.svobodova@example.com';
const draftDir = mkdtempSync(join(tmpdir(), 'lr-preview-'));
const DRAFT = join(draftDir, 'all-to-eva.yaml');
writeFileSync(
  DRAFT,
  readFileSync(CONFIG, 'utf8').replace(/^routing:\n(.*\n)*?  rules:\n/m, (head) => `${head}    - name: all-to-eva\n      when: { field: email, exists: true }\n      assign: { owner: ${EVA} }\n`),
);

// Routing order is kept by each store (migration 20): both stores.
const STORES: [string, () => Record<string, string>][] = [['SQLite', () => ({})]];
if (await pgReachable()) {
  STORES.push(['PostgreSQL', () => ({ DATABASE_URL: databaseUrl(freshSchema('lr_preview')) })]);
  afterAll(() => dropSchemas());
}

describe.each(STORES)('preview on the tenant\'s own history (HubSpot sandbox, %s)', (_name, storeEnv) => {
  let env: Record<string, string>;
  let close: () => Promise<void>;
  let store: Store;
  let leadIds: string[];

  beforeAll(async () => {
    const extra = storeEnv();
    const { sandbox, app, dir, sandboxUrl } = await startPair({ env: extra });
    close = async () => {
      await app.close();
      await sandbox.close();
    };
    env = envFor(sandboxUrl, sandbox.privateAppToken, dir, extra);
    const companies = sandbox.createCompanies([
      { name: 'Big Pharma', domain: 'bigpharma.example.com', industry: 'pharmaceuticals', numberofemployees: '5000', country: 'CZ' },
      { name: 'Small Shop', domain: 'shop.example.com', industry: 'retail', numberofemployees: '12', country: 'DE' },
    ]);
    const created = sandbox.createContacts(sampleContacts(N).map((c, i) => ({ ...c, ...(i % 3 === 0 ? {} : { companyId: companies[i % 2]!.id }) })));
    await waitUntil(() => created.every((c) => sandbox.getContact(c.id)?.properties[props.score] !== undefined), 60_000, 'write-back');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    store = app.store;
    leadIds = created.map((c) => c.id);
  }, 90_000);

  afterAll(async () => {
    await close?.();
  });

  it('reproduces history exactly with the config that made it', async () => {
    const r = await cli(['preview', '--format', 'json'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PreviewReport;
    expect(report.tenant).toBe(TENANT);
    expect(report.decisions).toBeGreaterThanOrEqual(N);
    expect(report.withoutInput).toBe(0);
    expect(report.changes).toEqual([]);
    expect(Object.values(report.owners).every((d) => d.delta === 0)).toBe(true);
    // the history really rotated through several reps
    expect(Object.keys(report.owners).length).toBeGreaterThan(3);
  }, 60_000);

  it('records each decision at the time the engine used', async () => {
    for (const id of leadIds.slice(0, 50)) {
      const rows = await store.getAudit(TENANT, id);
      expect(rows.length).toBeGreaterThan(0);
      for (const r of rows) expect(r.at).toBe((r.input as { now: number }).now);
    }
  });

  it('shows what a draft would change, with both explanations and the load shift', async () => {
    const r = await cli(['preview', '--tenant', TENANT, '--config', DRAFT, '--since', '1d', '--format', 'json'], { env });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as PreviewReport;
    const notEva = Object.entries(report.owners).filter(([o]) => o !== EVA).reduce((n, [, d]) => n + d.base, 0);
    // every decision changes rule; those not already with Eva change owner too
    expect(report.changes.length).toBe(report.decisions);
    expect(report.changes.filter((c) => c.changed.includes('owner')).length).toBe(notEva);
    expect(notEva).toBeGreaterThan(0);
    for (const c of report.changes) {
      expect(c.draft).toMatchObject({ owner: EVA, rule: 'all-to-eva' });
      expect(c.changed).toContain('rule');
      expect(c.recorded.reasons).not.toBe(c.draft.reasons);
    }
    expect(report.owners[EVA]).toMatchObject({ candidate: report.decisions });
    expect(report.rules['all-to-eva']).toMatchObject({ base: 0, candidate: report.decisions });
    expect(report.fallback).toEqual([]);

    const table = await cli(['preview', '--config', DRAFT], { env });
    expect(table.stdout).toMatch(new RegExp(`^Preview of .*all-to-eva\\.yaml on ${TENANT}: ${report.decisions} decisions since .*, ${report.decisions} would change\\n`));
    expect(table.stdout).toContain('Why (history | draft):');
    const csv = await cli(['preview', '--config', DRAFT, '--format', 'csv'], { env });
    expect(csv.stdout.split('\r\n')[0]).toBe('id,at,changed,history_owner,draft_owner,history_tier,draft_tier,history_grade,draft_grade,history_rule,draft_rule,history_reasons,draft_reasons');
  }, 60_000);
});
