// The API's answers as the console reads them (src/server/console/views.ts builds them).
export interface Session {
  tenant: string;
  csrfToken: string;
  expiresAt: number;
  /** Who signed in (the CRM user of the hand-off, or admin-link --as); null: an anonymous link. */
  user: { id: string; name: string } | null;
}

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

export interface Filters {
  rules: string[];
  owners: string[];
  tiers: string[];
}

export interface Contribution {
  kind: 'fit' | 'engagement';
  group: string;
  rule: string;
  label: string;
  value?: string | number | boolean | null;
  count?: number;
  raw: number;
  points: number;
  note?: string;
}

export interface Candidate {
  owner: string;
  eligible: boolean;
  skipped?: string;
  detail?: string;
  pointer?: number;
  openLeads?: number;
}

export interface Evaluation {
  leadId: string;
  score: { fit: number; engagement: number; total: number; contributions: Contribution[]; adjustments: { scope: string; reason: 'cap' | 'floor'; from: number; to: number }[] };
  tier: string;
  grade: string | null;
  route: {
    owner: string | null;
    rule: string | null;
    target: string;
    team?: string;
    reason: string;
    trace: string[];
    candidates: Candidate[];
    tieBreak?: string;
    sla?: { firstTouchMinutes: number; onBreach: string; escalateTo?: string; maxReassignments: number; deadline: number; source: string };
  };
  reasons: string;
}

export interface LeadView {
  leadId: string;
  crmUrl: string | null;
  latest: { at: number; configVersion: string | null; evaluation: Evaluation } | null;
  history: { at: number; configVersion: string | null; score: number; tier: string; grade: string | null; owner: string | null; rule: string | null; target: string }[];
  feedback: FeedbackView[];
}

export interface FeedbackView {
  at: number;
  kind: string;
  note: string | null;
  userId: string | null;
  /** card (HubSpot), panel (Pipedrive) or crm (the feedback property / field set in the CRM) */
  source: string;
  /** The decision the verdict judged. */
  decision: { decidedAt: number; owner: string | null; rule: string | null } | null;
}
