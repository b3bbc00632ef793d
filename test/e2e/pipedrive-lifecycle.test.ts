// What happens to a person after its first routing, end to end against the Pipedrive sandbox:
// organization changes rescore its persons, a rep's logged call is the first touch, a delete
// purges, a merge re-keys, a Leads-Inbox lead is routed through its person, and (with
// `source: { pipedrive: lead.source_name }`) the lead source of the person's first Leads-Inbox
// lead is the person's source in `lead-router report --by source` (persons have none of their own).
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipedriveSandbox } from '../../connectors/pipedrive/sandbox/index.ts';
import type { RunningApp } from '../../src/main.ts';
import type { FunnelReport } from '../../src/outcomes/report/run-report.ts';
import { cli } from '../unit/cli/run-cli.ts';
import { CONFIG, envFor, freePort, isScored, settle, startPair, TENANT, userId, waitUntil, written } from './pipedrive-harness.ts';

let pair: Awaited<ReturnType<typeof startPair>> | null = null;
afterEach(async () => {
  await pair?.close();
  pair = null;
});

/** The default config with the Pipedrive source mapped. */
function configWithLeadSource(): string {
  const yaml = readFileSync(CONFIG, 'utf8').replace(/^ {2}source: \{ hubspot: hs_analytics_source \}/m, '  source: { hubspot: hs_analytics_source, pipedrive: lead.source_name }');
  if (!yaml.includes('pipedrive: lead.source_name')) throw new Error('the default config no longer maps source as expected');
  const path = join(mkdtempSync(join(tmpdir(), 'lr-pd-source-')), 'lead-router.yaml');
  writeFileSync(path, yaml);
  return path;
}

async function routed(sandbox: PipedriveSandbox, app: RunningApp, ids: number[]): Promise<void> {
  await waitUntil(() => ids.every((id) => isScored(sandbox, id)), 20_000, 'write-back');
  await settle(sandbox, app);
}

describe('Pipedrive lifecycle end to end', () => {
  it('rescores the persons of an organization when the organization changes', async () => {
    pair = await startPair();
    const { sandbox, app } = pair;
    const [org] = sandbox.createOrganizations([{ name: 'Small Retail s.r.o.', fields: { Employees: 40, Industry: 'retail', Country: 'US' } }]);
    const orgId = org!['id'] as number;
    const ids = sandbox.createPersons([
      { name: 'Hana Head', email: 'hana@smallretail.example.com', job_title: 'Head of IT', org_id: orgId },
      { name: 'Ivo Analyst', email: 'ivo@smallretail.example.com', job_title: 'Data Analyst', org_id: orgId },
    ]).map((p) => p['id'] as number);
    await routed(sandbox, app, ids);
    const before = ids.map((id) => written(sandbox, id));
    expect(before.map((w) => w.score)).toEqual([15, 0]);

    sandbox.actAs(userId(sandbox, 'petra.novakova@example.com'));
    sandbox.updateOrganization(orgId, { fields: { Employees: 2500, Industry: 'pharmaceuticals', Country: 'CZ' } });
    await waitUntil(() => ids.every((id, i) => written(sandbox, id).score !== before[i]!.score), 20_000, 'the rescore after the organization change');
    await settle(sandbox, app);
    const after = ids.map((id) => written(sandbox, id));
    expect(after.map((w) => w.score)).toEqual([70, 55]);
    expect(after[0]!.reasons).toContain('+30 company size 1000+');
    // keepCurrentOwner: the owners lead-router assigned stay.
    expect(after.map((w) => w.ownerId)).toEqual(before.map((w) => w.ownerId));
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);

  it("records the rep's logged call as the first touch", async () => {
    pair = await startPair();
    const { sandbox, app } = pair;
    const [org] = sandbox.createOrganizations([{ name: 'Pharma Big', fields: { Employees: 5000, Industry: 'pharmaceuticals', Country: 'CZ' } }]);
    const [p] = sandbox.createPersons([{ name: 'Cyril CFO', email: 'cyril@pharmabig.example.com', job_title: 'CFO', org_id: org!['id'] as number }]);
    const id = p!['id'] as number;
    await routed(sandbox, app, [id]);
    const assignment = await app.store.getAssignment(TENANT, String(id));
    expect(assignment).toMatchObject({ owner: 'eva.svobodova@example.com', rule: 'urgent-escalation', firstTouchAt: null });
    expect(assignment!.slaDeadline).not.toBeNull();

    sandbox.actAs(userId(sandbox, 'eva.svobodova@example.com'));
    sandbox.logActivity({ type: 'call', subject: 'Intro call', person_id: id, done: true });
    await waitUntil(async () => (await app.store.getAssignment(TENANT, String(id)))?.firstTouchAt != null, 10_000, 'the first touch');
    await settle(sandbox, app);
    const touched = await app.store.getAssignment(TENANT, String(id));
    expect(touched!.firstTouchAt).toBeGreaterThan(assignment!.assignedAt - 1);
    expect(touched!.owner).toBe('eva.svobodova@example.com');
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);

  it('purges a deleted person and re-keys a merged one', async () => {
    pair = await startPair();
    const { sandbox, app } = pair;
    const [gone, keep, merged] = sandbox.createPersons([
      { name: 'Del Ete', email: 'del@acme1.example.com', job_title: 'IT Manager' },
      { name: 'Kim Keep', email: 'kim@acme2.example.com', job_title: 'Head of IT' },
      { name: 'Kim K. (dup)', email: 'kim.k@acme2.example.com', job_title: 'Head of IT' },
    ]).map((p) => p['id'] as number) as [number, number, number];
    await routed(sandbox, app, [gone, keep, merged]);
    for (const id of [gone, keep, merged]) {
      expect(await app.store.getAssignment(TENANT, String(id))).not.toBeNull();
      expect(await app.store.getAudit(TENANT, String(id))).not.toHaveLength(0);
    }
    const keepAudits = (await app.store.getAudit(TENANT, String(keep), 100)).length;
    const mergedAudits = (await app.store.getAudit(TENANT, String(merged), 100)).length;

    sandbox.deletePerson(gone);
    sandbox.mergePersons(keep, merged);
    await waitUntil(async () => (await app.store.getAssignment(TENANT, String(gone))) === null, 10_000, 'the purge');
    await waitUntil(async () => (await app.store.getAssignment(TENANT, String(merged))) === null, 10_000, 'the merge');
    await settle(sandbox, app);

    expect(await app.store.getAudit(TENANT, String(gone))).toHaveLength(0);
    expect(await app.store.getAudit(TENANT, String(merged))).toHaveLength(0);
    expect((await app.store.getAudit(TENANT, String(keep), 100)).length).toBeGreaterThanOrEqual(keepAudits + mergedAudits);
    expect(await app.store.getAssignment(TENANT, String(keep))).not.toBeNull();
    expect(written(sandbox, keep).priority).toMatch(/^(hot|warm|cold)$/);
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);

  it('routes a Leads-Inbox lead through its person and gives the lead the same owner', async () => {
    pair = await startPair();
    const { sandbox, app } = pair;
    const admin = userId(sandbox, 'admin@acme.test');
    // A web form (run as the admin) creates a person and a lead for it at once.
    const [org] = sandbox.createOrganizations([{ name: 'Grossbank AG', fields: { Employees: 3000, Industry: 'financial services', Country: 'DE' } }]);
    const [p] = sandbox.createPersons([{ name: 'Greta Head', email: 'greta@grossbank.example.com', job_title: 'Head of Finance', org_id: org!['id'] as number }]);
    const personId = p!['id'] as number;
    const [lead] = sandbox.createLeads([{ title: 'Grossbank: pricing request', person_id: personId }]);
    const leadId = lead!['id'] as string;
    expect(sandbox.getLead(leadId)!['owner_id']).toBe(admin);

    await routed(sandbox, app, [personId]);
    await waitUntil(() => sandbox.getLead(leadId)!['owner_id'] !== admin, 10_000, 'the lead owner');
    await settle(sandbox, app);
    const owner = written(sandbox, personId).ownerId;
    expect(owner).not.toBe(admin);
    expect(sandbox.getLead(leadId)!['owner_id']).toBe(owner);
    expect(sandbox.stats().calls['PATCH /v1/leads/:id']).toBe(1);

    // A new lead for a person routed earlier takes the person's owner too; our own PATCH of the
    // lead comes back as an echo and changes nothing.
    const [second] = sandbox.createLeads([{ title: 'Grossbank: second request', person_id: personId }]);
    await waitUntil(() => sandbox.getLead(second!['id'] as string)!['owner_id'] === owner, 10_000, 'the second lead owner');
    await settle(sandbox, app);
    expect(sandbox.stats().calls['PATCH /v1/leads/:id']).toBe(2);
    // The person keeps its owner, and its rescore wrote nothing (nothing changed).
    expect(written(sandbox, personId).ownerId).toBe(owner);
    expect(sandbox.stats().calls['PATCH /api/v2/persons/:id']).toBe(1);
    expect(await app.store.inboxStats()).toMatchObject({ failed: 0, pending: 0, processing: 0 });
  }, 60_000);

  it('groups Pipedrive leads by the lead source of their first Leads-Inbox lead', async () => {
    const config = { LEAD_ROUTER_CONFIG: configWithLeadSource() };
    pair = await startPair({ env: config });
    const { sandbox, app } = pair;
    const [form, typed, archived, bare] = sandbox
      .createPersons([
        { name: 'Wanda Web', email: 'wanda@web.example.com', job_title: 'CFO' },
        { name: 'Tom Typed', email: 'tom@typed.example.com', job_title: 'IT Manager' },
        { name: 'Arno Archived', email: 'arno@old.example.com', job_title: 'Head of IT' },
        { name: 'Bea Bare', email: 'bea@bare.example.com', job_title: 'Student' },
      ])
      .map((p) => p['id'] as number) as [number, number, number, number];
    sandbox.createLeads([{ title: 'Quote request', person_id: form, source_name: 'Web forms' }]);
    sandbox.createLeads([{ title: 'Met at the fair', person_id: typed }]);
    const [old] = sandbox.createLeads([{ title: 'Imported list', person_id: archived, source_name: 'Import' }]);
    sandbox.archiveLead(old!['id'] as string);
    await waitUntil(() => [form, typed, archived, bare].every((id) => isScored(sandbox, id)), 20_000, 'write-back');
    await settle(sandbox, app);
    expect(sandbox.stats().calls['GET /v1/leads']).toBeGreaterThanOrEqual(4);

    const env = envFor(pair.sandboxUrl, await freePort(), pair.dir, config);
    const run = await cli(['report', '--tenant', TENANT, '--by', 'source', '--format', 'json'], { env });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as FunnelReport;
    expect(report.rows.map((r) => [r.group, r.leads]).sort()).toEqual([['(unknown)', 1], ['Import', 1], ['Manually created', 1], ['Web forms', 1]]);
    const table = await cli(['report', '--tenant', TENANT, '--by', 'source'], { env });
    expect(table.stdout).toMatch(/^Funnel of pipedrive:\d+ by source/);
    expect(table.stdout).toContain('Web forms');
    expect(await app.store.listFailedInbox(TENANT, 10)).toEqual([]);
  }, 60_000);
});
