// End to end in the Pipedrive sandbox with the shipped nurture example: a cold person keeps
// lead-router's own (intake) owner and gets the nurture label, its other labels kept; a webinar
// later makes it warm and it is routed to a sales rep with the reason "re-engaged", and the
// nurture label comes off (Customer kept).
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipedriveSandbox } from '../../connectors/pipedrive/sandbox/index.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { RunningApp } from '../../src/main.ts';
import { databaseUrl, dropSchemas, freshSchema, pgReachable } from '../helpers/postgres.ts';
import { API_TOKEN, envFor, freePort, sandboxFor, settle, startApp2, TENANT, userId, waitUntil } from './pipedrive-harness.ts';

const EXAMPLE = join(import.meta.dirname, '../../config/examples/nurture-hand-off.yaml');
const props = loadConfig(EXAMPLE).config.writeBack.properties;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function labelIds(sandboxUrl: string): Promise<Map<string, number>> {
  const res = await fetch(`${sandboxUrl}/api/v2/personFields?limit=500`, { headers: { 'x-api-token': API_TOKEN } });
  const body = (await res.json()) as { data: { field_code: string; options?: { id: number; label: string }[] }[] };
  return new Map((body.data.find((f) => f.field_code === 'label_ids')?.options ?? []).map((o) => [o.label, o.id]));
}

const fields = (sandbox: PipedriveSandbox, id: number) => sandbox.readPersonFields(id) ?? {};
const person = (sandbox: PipedriveSandbox, id: number) => sandbox.getPerson(id) as { owner_id: number; label_ids: number[] };

// The nurture program lives in the store (assignments.nurture): both stores.
const STORES: [string, () => Record<string, string>][] = [['SQLite', () => ({})]];
if (await pgReachable()) {
  STORES.push(['PostgreSQL', () => ({ DATABASE_URL: databaseUrl(freshSchema('lr_pd_nurture')) })]);
  afterAll(() => dropSchemas());
}

describe.each(STORES)('Pipedrive nurture hand-off end to end (%s)', (_name, storeEnv) => {
  it('cold: label added, no rep; a webinar later: routed to sales as "re-engaged", the label taken off', async () => {
    const sandbox = sandboxFor({}, EXAMPLE);
    const { url } = await sandbox.listen(0);
    const port = await freePort();
    const app: RunningApp = await startApp2(envFor(url, port, mkdtempSync(join(tmpdir(), 'lr-pd-nurture-')), { LEAD_ROUTER_CONFIG: EXAMPLE, ...storeEnv() }), port);
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    await waitUntil(async () => (await fetch(`${app.url}/readyz`)).ok, 15_000, 'the app to set up Pipedrive');
    const labels = await labelIds(url);
    const customer = labels.get('Customer')!;

    const [p] = sandbox.createPersons([{ name: 'Cold Carl', email: 'carl@acme.example', job_title: 'IT Manager', label_ids: [customer] }]);
    const id = p!['id'] as number;
    await waitUntil(() => typeof fields(sandbox, id)[props.score] === 'number', 20_000, 'write-back');
    await settle(sandbox, app);
    const intakeOwner = person(sandbox, id).owner_id;
    expect(fields(sandbox, id)[props.priority]).toBe('cold');
    expect(person(sandbox, id).label_ids.sort()).toEqual([customer, labels.get('Cold lead')!].sort()); // Customer kept
    expect(await app.store.getAssignment(TENANT, String(id))).toMatchObject({ owner: null, nurture: 'cold-leads' });
    const [nurtured] = await app.store.getAudit(TENANT, String(id));
    expect(nurtured!.evaluation.route.reason).toBe('nurture program cold-leads (tier cold): left unassigned for marketing automation');

    // The webinar (15 points) makes it warm (>= reengageAt 20).
    sandbox.logActivity({ type: 'webinar', subject: 'Product webinar', person_id: id, done: true });
    await waitUntil(() => person(sandbox, id).owner_id !== intakeOwner, 20_000, 'the re-engaged person to get a rep');
    await settle(sandbox, app);
    const reps = ['ae.1@example.com', 'ae.2@example.com'].map((e) => userId(sandbox, e));
    expect(reps).toContain(person(sandbox, id).owner_id);
    expect(fields(sandbox, id)[props.reasons]).toContain('(re-engaged, team sales)');
    const [routed] = await app.store.getAudit(TENANT, String(id));
    expect(routed!.evaluation.route).toMatchObject({ rule: 'everyone', reengaged: true });
    expect(routed!.evaluation.route.reason).toMatch(/^re-engaged: score 25 >= 20 after nurture program cold-leads since /);
    expect(await app.store.getAssignment(TENANT, String(id))).toMatchObject({ nurture: null });
    // Back with sales: the nurture label is taken off, the person's own label stays.
    expect(routed!.evaluation.reengagedFrom).toMatchObject({ program: 'cold-leads', pipedrive: { label: 'Cold lead' } });
    const rep = person(sandbox, id).owner_id;
    await waitUntil(() => !person(sandbox, id).label_ids.includes(labels.get('Cold lead')!), 20_000, 'the nurture label to come off');
    await settle(sandbox, app);
    expect(person(sandbox, id).label_ids).toEqual([customer]);
    // Its echo (the label change coming back) routes nothing again: same rep, no label added back.
    expect((await app.store.getAudit(TENANT, String(id)))[0]!.evaluation.route.owner).toBe(routed!.evaluation.route.owner);
    expect(person(sandbox, id).owner_id).toBe(rep);
    const inbox = await app.store.inboxStats();
    expect(inbox.failed + inbox.pending + inbox.processing).toBe(0);
  }, 60_000);
});
