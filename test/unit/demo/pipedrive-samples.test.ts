// The Pipedrive demo's sample data goes into the real sandbox one person at a time (person, its
// web-form activity, its Leads-Inbox lead), so a person's webhooks arrive together and it is
// scored once: creating all persons first and their activities afterwards made API-call counts
// differ between runs with one seed (a person read before its activity arrived was written twice).
import { afterEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { createPipedriveSandbox, type PipedriveSandbox } from '../../../connectors/pipedrive/sandbox/index.ts';
import { loadConfig } from '../../../src/config/load.ts';
import { pipedriveSandboxSeeds } from '../../../src/demo/pipedrive-seeds.ts';
import { createPipedriveSamples, LEAD_EVERY } from '../../../src/demo/pipedrive-samples.ts';
import { generateSampleData } from '../../../src/demo/sample-data.ts';

const config = loadConfig(join(import.meta.dirname, '../../../config/lead-router.yaml')).config;
let sandbox: PipedriveSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

/** The sandbox, with every sample-data call recorded in order as [kind, person id]. */
function recordingSandbox() {
  const seeds = pipedriveSandboxSeeds(config);
  const sb = createPipedriveSandbox({ companyId: 8087566, plan: 'growth', activityTypes: ['webinar', 'form_submission'], ...seeds });
  sandbox = sb;
  const calls: [string, number][] = [];
  const target = {
    users: () => sb.users(),
    createOrganizations: (o: Record<string, unknown>[]) => sb.createOrganizations(o as never),
    createPersons: (p: Record<string, unknown>[]) => {
      const made = sb.createPersons(p as never);
      for (const x of made) calls.push(['person', x['id'] as number]);
      return made;
    },
    logActivity: (a: Record<string, unknown>) => {
      calls.push(['activity', a['person_id'] as number]);
      return sb.logActivity(a as never);
    },
    createLeads: (l: Record<string, unknown>[]) => {
      for (const x of l) calls.push(['lead', x['person_id'] as number]);
      return sb.createLeads(l as never);
    },
  };
  return { sb, seeds, target, calls };
}

describe('createPipedriveSamples', () => {
  it("creates each person together with its activity and lead, before the next person", () => {
    const { sb, seeds, target, calls } = recordingSandbox();
    const data = generateSampleData({ leads: 120, seed: 42, owners: config.owners.length });
    const { orgs, ids, leadIds } = createPipedriveSamples(target, data, config, seeds);
    expect(orgs).toHaveLength(data.companies.length);
    expect(ids).toHaveLength(120);
    expect(leadIds.map((l) => l.person)).toEqual(ids.filter((_, i) => i % LEAD_EVERY === 0));
    const forms = data.contacts.filter((c) => c.activity.some((a) => a.type === 'form_submission')).length;
    expect(forms).toBeGreaterThan(0);
    expect(calls.filter(([k]) => k === 'activity')).toHaveLength(forms);
    // Every call about person X comes before any call about the next person.
    const order = calls.map(([, id]) => ids.indexOf(id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const [kind, id] of calls) if (kind !== 'person') expect(calls.findIndex(([k, p]) => k === 'person' && p === id)).toBeLessThan(calls.findIndex(([k, p]) => k === kind && p === id));
    // The data really is in the sandbox: the person's org and custom fields, the lead's person.
    const first = sb.getPerson(ids[0]!) as { org_id?: number };
    expect(first.org_id).toBeDefined();
    expect(sb.getLead(leadIds[0]!.id)?.['person_id']).toBe(ids[0]);
  });

  it('is the same for the same seed', () => {
    const a = recordingSandbox();
    createPipedriveSamples(a.target, generateSampleData({ leads: 30, seed: 7, owners: config.owners.length }), config, a.seeds);
    const first = a.calls.map(([k]) => k);
    void a.sb.close();
    const b = recordingSandbox();
    createPipedriveSamples(b.target, generateSampleData({ leads: 30, seed: 7, owners: config.owners.length }), config, b.seeds);
    expect(b.calls.map(([k]) => k)).toEqual(first);
  });
});
