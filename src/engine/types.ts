// Engine data types. The engine is PURE: no I/O, no clock, no randomness. Time comes in as
// `now` (epoch ms); routing state comes in as a value and changes come out as a value.
import type { LeadRouterConfig, OwnerConfig, TeamConfig } from '../config/schema.ts';

export type FieldValue = string | number | boolean | null;

/** A behavioural event from the engagement ledger (email open, page view, webinar, ...). */
export interface EngagementEvent {
  type: string;
  /** epoch ms */
  at: number;
  props?: Record<string, string | number | boolean>;
  id?: string;
}

/** A lead as the engine sees it: CRM-neutral, fields already mapped to the config's aliases. */
export interface Lead {
  id: string;
  fields: Record<string, FieldValue | undefined>;
  /** Current owner's email, if the lead has one that lead-router knows. */
  currentOwner?: string | null;
  /**
   * The CRM's id of the lead's owner, when the CRM has one: also set when lead-router cannot map
   * it to an email (a CRM user outside the config, archived), which keepCurrentOwner keeps.
   */
  currentOwnerCrmId?: string | null;
  /** Owner email of the lead's company / organization (existing account owner). */
  accountOwner?: string | null;
  events?: EngagementEvent[];
  /** epoch ms */
  createdAt?: number;
}

export interface ScoreContribution {
  kind: 'fit' | 'engagement';
  group: string;
  rule: string; // rule id
  label: string; // human label, e.g. "company size 1000+"
  value?: FieldValue; // the field value that matched (predicate/bands/counter rules)
  count?: number; // events / units counted
  raw: number; // points before decay and caps
  points: number; // points after decay (rounded to 2 decimals)
  note?: string; // e.g. "decayed from 15 (half-life 30d)", "capped at 10"
}

export interface ScoreAdjustment {
  scope: string; // "fit", "engagement", "total" or "fit/<group>"
  reason: 'cap' | 'floor';
  from: number;
  to: number;
}

export interface ScoreResult {
  fit: number;
  engagement: number;
  total: number;
  contributions: ScoreContribution[];
  adjustments: ScoreAdjustment[];
}

export interface Classification {
  tier: string;
  grade: string | null; // e.g. "A1"; null when no grade matrix is configured
}

// ---------------------------------------------------------------------------------------
// Routing state (owned by the store; a plain value here)
// ---------------------------------------------------------------------------------------
export interface OwnerLoad {
  assignedToday: number; // since local midnight in the owner's time zone
  assignedThisWeek: number; // since local Monday 00:00 in the owner's time zone
  openLeads: number; // assigned and not yet touched / closed
}

/**
 * Fair rotation per team: start-time fair queuing. Each member has a pointer (virtual finish
 * time, in turns); the eligible member with the lowest start is picked (ties: team order),
 * then its pointer advances by 1/weight and virtualTime moves to the picked start. A member
 * whose pointer is missing or below virtualTime (new, or back from an absence) starts one tick
 * (1/720720 turn) AFTER virtualTime: behind everyone still due at virtualTime, so it neither
 * banks credit nor gets served now and again first in the next round (no catch-up burst).
 * Roster changes reset nothing. Pointers are compared as whole ticks, so shares are exact.
 * See src/engine/strategies/fair-queue.ts.
 */
export interface TeamRotation {
  virtualTime: number;
  pointers: Record<string, number>; // owner email -> pointer
}

export interface RoutingState {
  loads: Record<string, OwnerLoad>; // owner email -> load
  rotations: Record<string, TeamRotation>; // team name -> rotation
  /** Reps' own absences set from the CRM (owner email -> periods), on top of the config's
   *  outOfOffice dates; absent or empty: none. */
  absences?: Record<string, RepAbsence[]>;
}

/** A period a rep marked themselves away, [from, to) in epoch ms (ended early: `to` is the end). */
export interface RepAbsence {
  from: number;
  to: number;
  note: string | null;
  setBy: string;
}

export type SkipReason =
  | 'inactive'
  | 'unknown_owner'
  | 'out_of_office'
  | 'outside_hours'
  | 'at_daily_cap'
  | 'at_weekly_cap'
  | 'at_open_cap'
  | 'missing_skill'
  | 'seniority'
  | 'excluded';

export interface CandidateTrace {
  owner: string;
  eligible: boolean;
  skipped?: SkipReason;
  detail?: string; // e.g. "out of office 2026-12-20..2027-01-02", "20/20 today"
  pointer?: number; // effective rotation pointer (round_robin / weighted)
  openLeads?: number; // least_loaded
}

export type RouteTargetKind = 'owner' | 'team' | 'account_owner' | 'keep_current' | 'fallback' | 'unassigned';

export interface SlaDecision {
  firstTouchMinutes: number;
  onBreach: 'reassign' | 'escalate';
  escalateTo?: string;
  maxReassignments: number;
  /** epoch ms: assignedAt + firstTouchMinutes of the owner's working time */
  deadline: number;
  source: string; // "rule <name>" or "tier <tier>"
}

/** The state change a decision implies; the store applies it atomically with the assignment. */
export interface RotationUpdate {
  team: string;
  owner: string;
  pointer: number; // the owner's new pointer
  virtualTime: number; // the team's new virtual time
}

export interface RouteDecision {
  owner: string | null; // owner email, null = unassigned
  rule: string | null; // matched rule name; null when the fallback or keep-current applied
  target: RouteTargetKind;
  team?: string;
  reason: string; // one human sentence: "rule pharma-vertical -> team pharma (round_robin): anna@x"
  trace: string[]; // rule-by-rule evaluation: "rule 'urgent': no match (score 55 < 90)"
  candidates: CandidateTrace[]; // for team targets: every member considered
  tieBreak?: string; // how the pick was made among equals
  sla?: SlaDecision;
  rotation?: RotationUpdate;
  /** A nurtured lead whose score reached nurture.reengageAt, routed to sales now. */
  reengaged?: boolean;
}

/** The nurture program a lead is in (config `nurture`) and the CRM actions it asks for. */
export interface NurtureMark {
  program: string;
  /** "tier cold" / "rule low-fit": what matched. */
  via: string;
  assign: 'none' | 'rules';
  hubspot?: { lifecycleStage?: string; leadStatus?: string; listId?: string };
  pipedrive?: { label: string };
}

export interface Evaluation {
  leadId: string;
  score: ScoreResult;
  tier: string;
  grade: string | null;
  route: RouteDecision;
  /** Short human reasons that fit a CRM text property. */
  reasons: string;
  /** Set when a nurture program took the lead (its CRM actions are written with the lead). */
  nurture?: NurtureMark;
  /** Set when the lead re-engaged: the nurture program it left (as the config has it now), whose
   *  CRM marks the write plan takes back (the Pipedrive label). */
  reengagedFrom?: NurtureMark;
  /** The win probability of the tenant's predictive model (config scoring.predictive), when one exists. Never used for routing. */
  prediction?: Prediction;
}

export interface Prediction {
  /** 0..1 */
  probability: number;
  /** The items that moved the log-odds most, signed, e.g. ["+form_submission", "-free-mail domain"]. */
  factors: string[];
  /** When the model used was fitted (epoch ms). */
  modelFittedAt: number;
}

export interface RouteOptions {
  /** Owners that must not be picked (SLA reassignment: the rep who breached). */
  exclude?: string[];
  /** Ignore keepCurrentOwner (SLA reassignment, explicit re-route). */
  forceReroute?: boolean;
}

/**
 * An SLA deadline passed without a first touch (decideSlaBreach said what to do): re-route
 * excluding `exclude`, or hand the lead to `escalateTo`. `round` is the breached round.
 */
export interface SlaBreachRequest {
  round: number;
  exclude: string[];
  escalateTo?: string;
}

/** The config with lookups precomputed once (regexes compiled, owners/teams by key). */
export interface CompiledConfig {
  config: LeadRouterConfig;
  owners: Map<string, OwnerConfig>; // by lower-cased email
  teams: Map<string, TeamConfig>;
  /** Compiled regexes by pattern source (case-insensitive). */
  regex: Map<string, RegExp>;
}
