// Store shapes of the reports (src/outcomes/report): lean rows the database selects from its
// columns, so a report over a month of decisions never parses a stored evaluation.

/** A lead's latest decision in the report window, from the audit row's columns. */
export interface ReportDecision {
  leadId: string;
  /** epoch ms of the decision */
  at: number;
  owner: string | null;
  rule: string | null;
  tier: string;
  grade: string | null;
  score: number | null;
  /** The lead's `source` field (config alias) when it was decided; null when absent. */
  source: string | null;
  /** The team the route targeted (the report's segment); null for a direct owner / fallback. */
  segment: string | null;
  /** The route's target kind: team, owner, fallback, keep_current, ... */
  target: string;
}

/** Rep feedback given in the window, counted per kind and the decision it is about. */
export interface FeedbackCount {
  kind: string;
  rule: string | null;
  owner: string | null;
  count: number;
}

export interface ReportWindow {
  /** One row per lead decided at or after `since` (its latest decision). */
  decisions: ReportDecision[];
  feedback: FeedbackCount[];
  /** Decisions in the window that escalated a lead after an SLA breach. */
  escalations: number;
}
