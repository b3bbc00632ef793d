// Store shapes of the reports (src/outcomes/report): lean rows the database selects from its
// columns and indexes, aggregated in SQL where the report needs no per-lead detail, so a report
// over a month of decisions never parses a stored evaluation or loads whole rows.

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
  /** epoch ms of the lead's first assignment to an owner at or after `since` (null: none) */
  assignedAt: number | null;
  /** epoch ms of the earliest first touch of those assignments (null: not assigned or not touched) */
  firstTouchAt: number | null;
}

/** Rep feedback given in the window, counted per kind and the decision it is about. */
export interface FeedbackCount {
  kind: string;
  rule: string | null;
  owner: string | null;
  count: number;
}

export interface ReportWindow {
  /** One row per lead decided at or after `since` (its latest decision, with its first assignment in the window). */
  decisions: ReportDecision[];
  /** Assignments to an owner per owner and UTC day (epoch day number: floor(ms / 86,400,000)). */
  assignedPerDay: { owner: string; day: number; count: number }[];
  /** Assignments per team and owner (fairness); team null for a direct assignment. */
  perTeam: { team: string | null; owner: string; count: number }[];
  /** Per owner: assignments whose SLA deadline passed by `now` or that were touched, and of those the ones touched late or never. */
  sla: { owner: string; withSla: number; breached: number }[];
  /** Assignments in the window after an SLA breach (rounds 1+). */
  reassigned: number;
  feedback: FeedbackCount[];
  /** Decisions in the window that escalated a lead after an SLA breach. */
  escalations: number;
}
