// End to end in the HubSpot sandbox with the predictive score on (scoring.predictive): decided
// leads with outcomes in the store, the refit job fits the tenant's model, and the next lead gets
// its win probability written next to the rule-based score (a number property lead-router
// created), with the top factors in the reasons and the prediction recorded with the decision.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticLeads, SYNTHETIC_CONFIG } from '../../scripts/calibration-synthetic.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { refitPredictive } from '../../src/pipeline/jobs/refit-predictive.ts';
import type { Store } from '../../src/store/types.ts';
import { PORTAL, startPair, waitUntil } from './hubspot-harness.ts';

const TENANT = `hubspot:${PORTAL}`;
const DAY = 86_400_000;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/** Decisions (audit rows) and won / lost deals attributed to them, as the pipeline and outcomes record them. */
async function seedOutcomes(store: Store, count: number): Promise<void> {
  const leads = generateSyntheticLeads({ count, seed: 5, now: Date.now() - 30 * DAY });
  for (let i = 0; i < leads.length; i += 500) {
    await store.appendAudit(leads.slice(i, i + 500).map((l) => ({ tenant: TENANT, leadId: `S${l.leadId}`, at: l.at, evaluation: { ...l.evaluation, leadId: `S${l.leadId}` }, configVersion: 'file' })));
  }
  for (const l of leads.filter((x) => x.closed)) {
    await store.upsertOutcome({
      tenant: TENANT, leadId: `S${l.leadId}`, dealId: `D-${l.leadId}`, status: l.won ? 'won' : 'lost', amount: 1000, currency: 'EUR',
      dealCreatedAt: l.at + 1000, closedAt: l.at + 2000, lostReason: null, observedAt: l.at + 2000,
      decision: { decidedAt: l.at, owner: 'ae@example.com', rule: 'everyone', tier: l.tier, score: l.score, configVersion: 'file' },
    });
  }
}

describe('HubSpot predictive score end to end', () => {
  it('fits the model from outcomes, then writes the win probability and its factors for the next lead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lr-predictive-'));
    const file = join(dir, 'lead-router.yaml');
    writeFileSync(file, SYNTHETIC_CONFIG.replace('scoring:\n', 'scoring:\n  predictive: { enabled: true, minOutcomes: 200 }\n'));
    const { sandbox, app, sandboxUrl } = await startPair({
      sandbox: { owners: [{ email: 'ae@example.com', firstName: 'Ada', lastName: 'E' }] },
      env: { LEAD_ROUTER_CONFIG: file },
    });
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    // No outcomes yet: no model, nothing to write.
    expect(await refitPredictive({ store: app.store, logger: createSilentLogger(), config: app.config, now: Date.now }, TENANT)).toMatchObject({ status: 'not-enough' });

    await seedOutcomes(app.store, 1200);
    const fitted = await refitPredictive({ store: app.store, logger: createSilentLogger(), config: app.config, now: Date.now }, TENANT);
    expect(fitted.status).toBe('fitted');
    expect(await app.store.getPredictiveModel(TENANT)).toMatchObject({ tenant: TENANT, leads: 1200 });

    const [lead] = sandbox.createContacts([{ properties: { email: 'ceo@acme.example', jobtitle: 'CEO', industry: 'software' } }]);
    await waitUntil(() => sandbox.getContact(lead!.id)?.properties['lead_router_win_probability'] !== undefined, 20_000, 'the win probability');
    await app.worker.drain();

    const props = sandbox.getContact(lead!.id)!.properties;
    const pct = Number(props['lead_router_win_probability']);
    expect(Number.isInteger(pct) && pct > 0 && pct < 100).toBe(true);
    expect(props['lead_router_score']).toBe('30'); // the rules' score is unchanged: c-level 20 + software 10
    expect(props['lead_router_reasons']).toContain(`win probability ${pct}%: +c-level`);
    const [decision] = await app.store.getAudit(TENANT, lead!.id);
    expect(decision!.evaluation.prediction).toMatchObject({ factors: expect.arrayContaining(['+c-level']) });
    expect(Math.round(decision!.evaluation.prediction!.probability * 100)).toBe(pct);
    expect(decision!.evaluation.route.owner).toBe('ae@example.com');

    // The property lead-router created in the portal: a number in the lead_router group.
    const res = await fetch(`${sandboxUrl}/crm/v3/properties/contacts/lead_router_win_probability`, { headers: { authorization: `Bearer ${sandbox.privateAppToken}` } });
    expect(await res.json()).toMatchObject({ name: 'lead_router_win_probability', type: 'number', groupName: 'lead_router' });
  }, 60_000);
});
