// Seed a store with synthetic decisions and outcomes (scripts/calibration-synthetic.ts): one
// audit row per lead, a won or lost deal attributed to it for closed leads, and for every 10th
// closed lead a LATER decision without a deal (calibration must learn from the attributed one).
import { generateSyntheticLeads, SYNTHETIC_CONFIG, type SyntheticLead } from '../../../scripts/calibration-synthetic.ts';
import type { AuditInput } from '../../../src/store/console-types.ts';
import type { Store } from '../../../src/store/types.ts';
import { publishConfig } from '../../../src/tenants/config-versions.ts';

export const TENANT = 'hubspot:62515';

export async function seedCalibration(store: Store, opts: { count: number; now: number }): Promise<SyntheticLead[]> {
  const leads = generateSyntheticLeads({ count: opts.count, seed: 11, now: opts.now });
  await publishConfig(store, { tenant: TENANT, yaml: SYNTHETIC_CONFIG, author: 'ada', comment: 'synthetic', now: opts.now - 1000 });
  const audits: AuditInput[] = [];
  for (const l of leads) {
    audits.push({ tenant: TENANT, leadId: l.leadId, at: l.at, evaluation: l.evaluation, configVersion: 'v1' });
    if (l.closed && Number(l.leadId.slice(1)) % 10 === 0) {
      // a rescore later on: other score, nothing attributed to it
      const later = { ...l.evaluation, tier: 'cold', score: { ...l.evaluation.score, total: -99, contributions: [] } };
      audits.push({ tenant: TENANT, leadId: l.leadId, at: l.at + 5_000_000, evaluation: later, configVersion: 'v1' });
    }
  }
  for (let i = 0; i < audits.length; i += 500) await store.appendAudit(audits.slice(i, i + 500));
  for (const l of leads) {
    if (!l.closed) continue;
    await store.upsertOutcome({
      tenant: TENANT, leadId: l.leadId, dealId: `D-${l.leadId}`, status: l.won ? 'won' : 'lost', amount: 1000, currency: 'EUR',
      dealCreatedAt: l.at + 1000, closedAt: l.at + 2000, lostReason: null, observedAt: l.at + 2000,
      decision: { decidedAt: l.at, owner: 'ae@example.com', rule: 'everyone', tier: l.tier, score: l.score, configVersion: 'v1' },
    });
  }
  return leads;
}

/**
 * Reps' "bad fit" verdicts on the seeded leads `pick` selects (given 3 s after the decision, from
 * the CRM field); returns the leads marked. Won leads may be marked too: the won deal wins.
 */
export async function markBadFit(store: Store, leads: readonly SyntheticLead[], pick: (l: SyntheticLead) => boolean): Promise<SyntheticLead[]> {
  const marked = leads.filter(pick);
  for (const l of marked) {
    await store.appendFeedback({ tenant: TENANT, leadId: l.leadId, at: l.at + 3000, userId: null, kind: 'bad_fit', note: null, source: 'crm' });
  }
  return marked;
}
