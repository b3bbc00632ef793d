// Rep feedback as a HubSpot property, end to end against the sandbox: lead-router creates the
// "Lead Router feedback" enumeration and note on install; a rep setting them in HubSpot (a
// CRM_UI property change webhook) becomes one feedback row on the contact's decision, with the
// rep's user id and the note, without a rescore; re-sending the same value adds nothing. A
// verdict given on the card is written to the properties once, and its echo adds no row.
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load.ts';
import { giveFeedback } from '../../src/server/give-feedback.ts';
import { CONFIG, PORTAL, sampleContacts, startPair, waitUntil } from './hubspot-harness.ts';

const props = loadConfig(CONFIG).config.writeBack.properties;
const TENANT = `hubspot:${PORTAL}`;
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('HubSpot rep feedback property end to end', () => {
  it('turns a rep setting the property into one feedback row, and writes card feedback to it once', async () => {
    const { sandbox, app } = await startPair();
    cleanup = async () => {
      await app.close();
      await sandbox.close();
    };
    const [a, b] = sandbox.createContacts(sampleContacts(2));
    await waitUntil(() => [a!.id, b!.id].every((id) => sandbox.getContact(id)?.properties[props.score] !== undefined), 20_000, 'write-back');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    const [decided] = await app.store.getAudit(TENANT, a!.id, 1);
    const auditsBefore = (await app.store.getAudit(TENANT, a!.id, 50)).length;

    // The rep sets the enumeration (option value) and a note in HubSpot: two property changes.
    sandbox.updateContact(a!.id, { lead_router_feedback: 'wrong_owner', lead_router_feedback_note: 'belongs to the EMEA team' });
    await waitUntil(async () => (await app.store.listFeedback(TENANT, a!.id)).length > 0, 20_000, 'the feedback row');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    const rows = await app.store.listFeedback(TENANT, a!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'wrong_owner', note: 'belongs to the EMEA team', source: 'crm', userId: expect.stringMatching(/^\d+$/) });
    expect(rows[0]!.decision).toEqual({
      decidedAt: decided!.at, owner: decided!.evaluation.route.owner, rule: decided!.evaluation.route.rule,
      tier: decided!.evaluation.tier, score: decided!.evaluation.score.total, configVersion: decided!.configVersion,
    });
    // Feedback is not a score-relevant change: no new decision.
    expect(await app.store.getAudit(TENANT, a!.id, 50)).toHaveLength(auditsBefore);

    // The same value saved again (only the note re-saved): no second row.
    sandbox.updateContact(a!.id, { lead_router_feedback_note: 'belongs to the EMEA team ' });
    sandbox.updateContact(a!.id, { lead_router_feedback: 'duplicate' });
    await waitUntil(async () => (await app.store.listFeedback(TENANT, a!.id)).length > 1, 20_000, 'the second verdict');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    expect((await app.store.listFeedback(TENANT, a!.id)).map((r) => [r.kind, r.note])).toEqual([
      ['duplicate', 'belongs to the EMEA team'],
      ['wrong_owner', 'belongs to the EMEA team'],
    ]);

    // A verdict from the card: stored, then written to the contact's properties by the worker.
    const writesBefore = sandbox.stats().calls['POST /crm/v3/objects/contacts/batch/update'] ?? 0;
    await giveFeedback(app.store, { tenant: TENANT, leadId: b!.id, at: Date.now(), userId: '4242', kind: 'bad_fit', note: 'student', source: 'card' });
    await waitUntil(() => sandbox.getContact(b!.id)?.properties['lead_router_feedback'] === 'bad_fit', 20_000, 'the CRM property');
    await sandbox.flushWebhooks();
    await app.worker.drain();
    expect(sandbox.getContact(b!.id)?.properties['lead_router_feedback_note']).toBe('student');
    expect((sandbox.stats().calls['POST /crm/v3/objects/contacts/batch/update'] ?? 0) - writesBefore).toBe(1);
    expect((await app.store.listFeedback(TENANT, b!.id)).map((r) => [r.kind, r.note, r.source, r.userId])).toEqual([['bad_fit', 'student', 'card', '4242']]);
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);
});
