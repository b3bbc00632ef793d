// The Pipedrive interpreter on the rep feedback fields: a v2 person change whose `previous`
// names the feedback option or note field becomes feedback (option label -> kind, by
// meta.user_id); with nothing else changed the person is not rescored. Changes without custom
// fields never look the fields up.
import { describe, expect, it } from '@jest/globals';
import { createPipedriveInterpreter } from '../../../../connectors/pipedrive/interpret.ts';
import type { CrmTenantClient } from '../../../../src/crm/types.ts';
import type { InboxRow } from '../../../../src/store/types.ts';
import { FEEDBACK_FIELDS, H } from './fixtures.ts';

let nextId = 1;
function change(personId: string, data: Record<string, unknown>, previous: Record<string, unknown>, userId = '55'): InboxRow {
  return {
    id: nextId++, tenant: 'pipedrive:1', source: 'pipedrive-webhook', dedupeKey: `k${nextId}`, kind: 'person.change', objectId: personId, occurredAt: 9_000,
    payload: { meta: { action: 'change', entity: 'person', entity_id: personId, user_id: userId }, data, previous },
    status: 'processing', attempts: 1, availableAt: 0, receivedAt: 0, lastError: null,
  };
}

function client() {
  let lookups = 0;
  const c = {
    tenant: 'pipedrive:1',
    async feedbackFields() {
      lookups += 1;
      return { verdict: FEEDBACK_FIELDS[0], note: FEEDBACK_FIELDS[1] };
    },
  } as unknown as CrmTenantClient;
  return { c, lookups: () => lookups };
}

describe('Pipedrive interpreter: rep feedback fields', () => {
  it('records the verdict and its note by the user who set them, without a rescore when nothing else changed', async () => {
    const { c } = client();
    const rows = [
      change('1', { custom_fields: { [H.feedback]: { type: 'enum', id: 93 }, [H.feedbackNote]: { type: 'text', value: ' EMEA ' } } }, { custom_fields: { [H.feedback]: null, [H.feedbackNote]: null }, update_time: 'x' }),
      // the verdict and the job title changed together: feedback and a rescore
      change('2', { job_title: 'CFO', custom_fields: { [H.feedback]: { type: 'enum', id: 92 } } }, { job_title: 'Intern', custom_fields: { [H.feedback]: { type: 'enum', id: 91 } } }, '66'),
      // cleared: nothing recorded, nothing rescored
      change('3', { custom_fields: { [H.feedback]: null } }, { custom_fields: { [H.feedback]: { type: 'enum', id: 91 } } }),
      // another custom field: a rescore only
      change('4', { custom_fields: { [H.score]: 3 } }, { custom_fields: { [H.score]: 2 } }),
    ];
    const out = await createPipedriveInterpreter().interpret(rows, c);
    expect(out.feedback).toEqual([
      { leadId: '1', kind: 'wrong_owner', note: 'EMEA', userId: '55', at: 9_000 },
      { leadId: '2', kind: 'bad_fit', note: null, userId: '66', at: 9_000 },
    ]);
    expect([...out.rescore].sort()).toEqual(['2', '4']);
  });

  it('does not look the fields up for changes without custom fields', async () => {
    const { c, lookups } = client();
    const out = await createPipedriveInterpreter().interpret([change('1', { job_title: 'CFO' }, { job_title: 'Intern' })], c);
    expect(lookups()).toBe(0);
    expect([...out.rescore]).toEqual(['1']);
  });
});
