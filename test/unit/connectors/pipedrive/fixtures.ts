// Test doubles shared by the Pipedrive connector tests: a scheduler that just runs the call
// and records what it observed, an in-memory install store, a config and field fixtures.
// No nock here: unit tests import this file too.
import type { Lane, RateLimitObservation, TenantScheduler } from '../../../../src/queue/types.ts';
import type { InstallRecord, Store } from '../../../../src/store/types.ts';
import { configSchema, type LeadRouterConfig } from '../../../../src/config/schema.ts';
import type { PipedriveField } from '../../../../connectors/pipedrive/types.ts';

export const API = 'https://acme.pipedrive.com';

export const COMPANY = '8087566';
export const TENANT = `pipedrive:${COMPANY}`;

export interface RecordingScheduler extends TenantScheduler {
  observations: RateLimitObservation[];
  lanes: Lane[];
}

export function recordingScheduler(tenant = TENANT): RecordingScheduler {
  const observations: RateLimitObservation[] = [];
  const lanes: Lane[] = [];
  return {
    tenant,
    observations,
    lanes,
    run<T>(lane: Lane, fn: () => Promise<T>) {
      lanes.push(lane);
      return fn();
    },
    observe(obs) {
      observations.push(obs);
    },
    stats: () => ({ tenant, queued: 0, running: 0, calls: lanes.length, rateLimited: 0, retries: 0, failures: 0, pausedUntil: null }),
    close: async () => {},
  };
}

export type InstallStoreFake = Pick<Store, 'getInstall' | 'saveInstall' | 'deleteTenant' | 'listInstalls'> & { records: Map<string, InstallRecord> };

export function memoryInstallStore(): InstallStoreFake {
  const records = new Map<string, InstallRecord>();
  return {
    records,
    async getInstall(tenant) {
      const r = records.get(tenant);
      return r ? structuredClone(r) : null;
    },
    async saveInstall(install) {
      records.set(install.tenant, structuredClone(install));
    },
    async deleteTenant(tenant) {
      records.delete(tenant);
    },
    async listInstalls(crm) {
      return [...records.values()].filter((r) => !crm || r.crm === crm);
    },
  };
}

/** A reversible stand-in for the AES cipher that makes "stored encrypted" checkable. */
export const fakeCipher = {
  encrypt: (s: string, context?: string) => `sealed:${context ?? ''}:${Buffer.from(s).toString('base64')}`,
  decrypt: (s: string, context?: string) => {
    const prefix = `sealed:${context ?? ''}:`;
    if (!s.startsWith(prefix)) throw new Error('wrong context');
    return Buffer.from(s.slice(prefix.length), 'base64').toString('utf8');
  },
};

export function testConfig(fields: LeadRouterConfig['fields'] | Record<string, unknown> = {}): LeadRouterConfig {
  return configSchema.parse({
    version: 1,
    fields,
    scoring: {},
    tiers: { priority: [{ name: 'hot', min: 70 }, { name: 'warm', min: 40 }, { name: 'cold' }] },
    owners: [{ email: 'anna@acme.test' }],
    routing: {},
  });
}

export const H = {
  industry: 'a'.repeat(40),
  channels: 'b'.repeat(40),
  budget: 'c'.repeat(40),
  score: '1'.repeat(40),
  fit: '2'.repeat(40),
  engagement: '3'.repeat(40),
  priority: '4'.repeat(40),
  grade: '5'.repeat(40),
  reasons: '6'.repeat(40),
  employees: '7'.repeat(40),
  hq: '8'.repeat(40),
  feedback: '9'.repeat(40),
  feedbackNote: 'f'.repeat(40),
};

const builtin = (code: string, name: string, type = 'varchar'): PipedriveField => ({ field_code: code, field_name: name, field_type: type, is_custom_field: false });
const custom = (code: string, name: string, type: string, options?: { id: number; label: string }[]): PipedriveField => ({
  field_code: code,
  field_name: name,
  field_type: type,
  is_custom_field: true,
  ...(options ? { options } : {}),
});

export const PERSON_FIELDS: PipedriveField[] = [
  builtin('name', 'Name'),
  builtin('emails', 'Email', 'varchar'),
  builtin('owner_id', 'Owner', 'user'),
  { ...builtin('label_ids', 'Labels', 'set'), options: [{ id: 1, label: 'Customer' }, { id: 2, label: 'Hot lead' }] },
  custom(H.industry, 'Industry', 'enum', [
    { id: 11, label: 'Pharma' },
    { id: 12, label: 'Retail' },
  ]),
  custom(H.channels, 'Channels', 'set', [
    { id: 21, label: 'Web' },
    { id: 22, label: 'Events' },
    { id: 23, label: 'Partners' },
  ]),
  custom(H.budget, 'Budget', 'monetary'),
];

/** lead-router's own fields, as ensureProperties creates them. */
/** The rep feedback option + note fields (connectors/pipedrive/feedback-fields.ts). */
export const FEEDBACK_FIELDS: PipedriveField[] = [
  custom(H.feedback, 'Lead Router feedback', 'enum', [
    { id: 91, label: 'Good lead' },
    { id: 92, label: 'Bad fit' },
    { id: 93, label: 'Wrong owner' },
    { id: 94, label: 'Duplicate' },
  ]),
  custom(H.feedbackNote, 'Lead Router feedback note', 'text'),
];

export const OWN_FIELDS: PipedriveField[] = [
  custom(H.score, 'lead_router_score', 'double'),
  custom(H.fit, 'lead_router_fit', 'double'),
  custom(H.engagement, 'lead_router_engagement', 'double'),
  custom(H.priority, 'lead_router_priority', 'enum', [
    { id: 41, label: 'hot' },
    { id: 42, label: 'warm' },
    { id: 43, label: 'cold' },
  ]),
  custom(H.grade, 'lead_router_grade', 'varchar'),
  custom(H.reasons, 'lead_router_reasons', 'text'),
  ...FEEDBACK_FIELDS,
];

export const ORG_FIELDS: PipedriveField[] = [
  builtin('name', 'Name'),
  builtin('owner_id', 'Owner', 'user'),
  builtin('address', 'Address', 'address'),
  custom(H.employees, 'Employees', 'double'),
  custom(H.hq, 'HQ address', 'address'),
];
