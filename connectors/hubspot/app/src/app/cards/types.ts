// The card backend's answer (GET /hubspot/card/:objectId, src/server/hubspot-card/card-view.ts).
// Declared here again because the card is bundled by HubSpot from this folder alone; the card
// tests render it from what the real backend route returns, so the two cannot drift unseen.
export type FeedbackKind = 'good_lead' | 'bad_fit' | 'wrong_owner' | 'duplicate';

export interface CardView {
  objectId: string;
  scoredAt: number;
  score: { total: number; fit: number; engagement: number };
  tier: string;
  grade: string | null;
  owner: string | null;
  reasons: { label: string; points: number; kind: 'fit' | 'engagement' }[];
  decision: {
    sentence: string;
    rule: string | null;
    target: string;
    team: string | null;
    rulesTried: string[];
    skipped: { owner: string; reason: string; detail: string | null }[];
    tieBreak: string | null;
  };
  configVersion: string;
  feedback: { kind: FeedbackKind; at: number; userId: string | null; note: string | null }[];
}

export const FEEDBACK_LABELS: Record<FeedbackKind, string> = {
  good_lead: 'Good lead',
  bad_fit: 'Bad fit',
  wrong_owner: 'Wrong owner',
  duplicate: 'Duplicate',
};
