// Rep feedback as Pipedrive person fields, end to end against the sandbox: lead-router creates
// the "Lead Router feedback" option field (one option per kind) and its note field; a rep setting
// them in Pipedrive (change.person, change_source app, meta.user_id) becomes one feedback row on
// the person's decision, by that user, without a rescore; the same value again adds nothing. A
// verdict given on the panel is written to the fields once (one PATCH), and its echo adds no row.
import { afterEach, describe, expect, it } from '@jest/globals';
import { giveFeedback } from '../../src/server/give-feedback.ts';
import { isScored, settle, startPair, TENANT, userId, waitUntil } from './pipedrive-harness.ts';

let pair: Awaited<ReturnType<typeof startPair>> | null = null;
afterEach(async () => {
  await pair?.close();
  pair = null;
});

describe('Pipedrive rep feedback field end to end', () => {
  it('turns a rep setting the field into one feedback row, and writes panel feedback to it once', async () => {
    pair = await startPair();
    const { sandbox, app } = pair;
    const [a, b] = sandbox
      .createPersons([
        { name: 'Cyril CFO', email: 'cyril@pharmabig.example.com', job_title: 'CFO' },
        { name: 'Ivo Analyst', email: 'ivo@smallretail.example.com', job_title: 'Data Analyst' },
      ])
      .map((p) => p['id'] as number) as [number, number];
    await waitUntil(() => isScored(sandbox, a) && isScored(sandbox, b), 20_000, 'write-back');
    await settle(sandbox, app);
    const [decided] = await app.store.getAudit(TENANT, String(a), 1);
    const auditsBefore = (await app.store.getAudit(TENANT, String(a), 50)).length;
    const options = sandbox.readPersonFields(a) ?? {};
    expect(options).toHaveProperty(['Lead Router feedback']);

    // A rep picks "Wrong owner" and writes a note in Pipedrive.
    const rep = userId(sandbox, 'eva.svobodova@example.com');
    sandbox.actAs(rep);
    sandbox.updatePerson(a, { fields: { 'Lead Router feedback': 'Wrong owner', 'Lead Router feedback note': 'belongs to EMEA' } });
    await waitUntil(async () => (await app.store.listFeedback(TENANT, String(a))).length > 0, 20_000, 'the feedback row');
    await settle(sandbox, app);
    const rows = await app.store.listFeedback(TENANT, String(a));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'wrong_owner', note: 'belongs to EMEA', source: 'crm', userId: String(rep) });
    expect(rows[0]!.decision).toMatchObject({ decidedAt: decided!.at, owner: decided!.evaluation.route.owner, rule: decided!.evaluation.route.rule });
    // Feedback is not a score-relevant change: no new decision.
    expect(await app.store.getAudit(TENANT, String(a), 50)).toHaveLength(auditsBefore);

    // Saved again unchanged (the note with a trailing space), then "Duplicate": one more row.
    sandbox.updatePerson(a, { fields: { 'Lead Router feedback note': 'belongs to EMEA ' } });
    sandbox.updatePerson(a, { fields: { 'Lead Router feedback': 'Duplicate' } });
    await waitUntil(async () => (await app.store.listFeedback(TENANT, String(a))).length > 1, 20_000, 'the second verdict');
    await settle(sandbox, app);
    expect((await app.store.listFeedback(TENANT, String(a))).map((r) => [r.kind, r.note])).toEqual([
      ['duplicate', 'belongs to EMEA'],
      ['wrong_owner', 'belongs to EMEA'],
    ]);

    // A verdict from the panel: stored, then written to the person's fields by the worker.
    const patches = () => sandbox.stats().calls['PATCH /api/v2/persons/:id'] ?? 0;
    const before = patches();
    await giveFeedback(app.store, { tenant: TENANT, leadId: String(b), at: Date.now(), userId: String(rep), kind: 'bad_fit', note: 'student', source: 'panel' });
    await waitUntil(() => sandbox.readPersonFields(b)?.['Lead Router feedback'] === 'Bad fit', 20_000, 'the CRM field');
    await settle(sandbox, app);
    expect(sandbox.readPersonFields(b)?.['Lead Router feedback note']).toBe('student');
    expect(patches() - before).toBe(1);
    expect((await app.store.listFeedback(TENANT, String(b))).map((r) => [r.kind, r.note, r.source])).toEqual([['bad_fit', 'student', 'panel']]);
    expect((await app.store.inboxStats()).failed).toBe(0);
  }, 60_000);
});
