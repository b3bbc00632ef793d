// Builders shared by the store contract tests.
import type { Evaluation } from '../../../src/engine/types.ts';
import type { AssignmentInput, InboxEventInput, InstallRecord } from '../../../src/store/types.ts';

export const T0 = 1_700_000_000_000;
export const TENANT = 'hubspot:1';
export const OTHER = 'hubspot:12'; // shares TENANT's prefix on purpose

export function inboxEvent(over: Partial<InboxEventInput> & { dedupeKey: string }): InboxEventInput {
  return {
    tenant: TENANT,
    source: 'hubspot-webhook',
    kind: 'contact.propertyChange',
    objectId: 'c1',
    occurredAt: T0,
    payload: { eventId: over.dedupeKey, nested: { list: [1, 'two', null], ok: true } },
    ...over,
  };
}

export function assignment(over: Partial<AssignmentInput> = {}): AssignmentInput {
  return {
    tenant: TENANT,
    leadId: 'lead-1',
    owner: 'anna@x.test',
    team: 'sales',
    rule: 'default',
    tier: 'A',
    assignedAt: T0,
    slaDeadline: T0 + 3_600_000,
    ...over,
  };
}

export function install(over: Partial<InstallRecord> = {}): InstallRecord {
  return {
    tenant: TENANT,
    crm: 'hubspot',
    externalId: '1',
    credentials: 'v1:iv:tag:ciphertext',
    meta: { scopes: ['crm.objects.contacts.read'], apiDomain: 'api.hubapi.com', webhookId: 7 },
    installedAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function evaluation(leadId: string, total: number): Evaluation {
  return {
    leadId,
    score: {
      fit: total - 5,
      engagement: 5,
      total,
      contributions: [{ kind: 'fit', group: 'size', rule: 'big', label: 'company size 1000+', value: 1200, raw: 20, points: 20 }],
      adjustments: [{ scope: 'fit', reason: 'cap', from: 90, to: 80 }],
    },
    tier: 'A',
    grade: null,
    route: {
      owner: 'anna@x.test',
      rule: 'default',
      target: 'team',
      team: 'sales',
      reason: 'rule default -> team sales (round_robin): anna@x.test',
      trace: ["rule 'urgent': no match (score 55 < 90)"],
      candidates: [{ owner: 'anna@x.test', eligible: true, pointer: 1.5 }],
    },
    reasons: `score ${total}`,
  };
}
