// What the console API answers: plain JSON shapes built from audit rows, one per view.
import type { DecisionRecord } from '../../store/console-types.ts';
import type { AuditRecord, FeedbackRecord, InstallRecord } from '../../store/types.ts';
import { parseTenantKey } from '../../crm/tenant-key.ts';

export interface DecisionSummary {
  id: number;
  leadId: string;
  at: number;
  score: number;
  tier: string;
  grade: string | null;
  owner: string | null;
  rule: string | null;
  target: string;
  reason: string;
}

export function summarize(d: DecisionRecord): DecisionSummary {
  const e = d.evaluation;
  return { id: d.id, leadId: d.leadId, at: d.at, score: e.score.total, tier: e.tier, grade: e.grade, owner: e.route.owner, rule: e.route.rule, target: e.route.target, reason: e.route.reason };
}

export function historyItem(a: AuditRecord) {
  const e = a.evaluation;
  return { at: a.at, configVersion: a.configVersion ?? null, score: e.score.total, tier: e.tier, grade: e.grade, owner: e.route.owner, rule: e.route.rule, target: e.route.target };
}

/** The record's page in the CRM: HubSpot contact by portal; Pipedrive person when the install names its domain. */
export function crmRecordUrl(tenant: string, leadId: string, install: InstallRecord | null): string | null {
  const parsed = parseTenantKey(tenant);
  if (!parsed || !/^[\w-]+$/.test(leadId)) return null;
  if (parsed.crm === 'hubspot') return `https://app.hubspot.com/contacts/${encodeURIComponent(parsed.externalId)}/record/0-1/${leadId}`;
  const domain = install?.meta.api_domain;
  return typeof domain === 'string' && /^https:\/\/[\w.-]+$/.test(domain) ? `${domain}/person/${leadId}` : null;
}

export function leadView(tenant: string, leadId: string, audits: AuditRecord[], feedback: FeedbackRecord[], install: InstallRecord | null) {
  const [latest] = audits;
  return {
    leadId,
    crmUrl: crmRecordUrl(tenant, leadId, install),
    latest: latest ? { at: latest.at, configVersion: latest.configVersion ?? null, evaluation: latest.evaluation } : null,
    history: audits.map(historyItem),
    feedback: feedback.map((f) => ({
      at: f.at, kind: f.kind, note: f.note, userId: f.userId, source: f.source,
      // the decision the verdict judged (wrong owner: the owner the rep says is wrong)
      decision: f.decision ? { decidedAt: f.decision.decidedAt, owner: f.decision.owner, rule: f.decision.rule } : null,
    })),
  };
}
