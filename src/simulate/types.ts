// Result shapes of `lead-router simulate`. These field names are the documented JSON output
// (stable: scripts and spreadsheets depend on them).
import type { RouteTargetKind } from '../engine/types.ts';

/** One lead's outcome under one config. */
export interface SimulatedLead {
  id: string;
  fit: number;
  engagement: number;
  score: number; // fit + engagement after caps (the total)
  tier: string;
  grade: string | null; // e.g. "A1"; null without a grade matrix
  owner: string | null; // owner email; null = unassigned
  rule: string | null; // matched routing rule; null for keep-current / fallback
  target: RouteTargetKind; // owner | team | account_owner | keep_current | fallback | unassigned
  team: string | null;
  reasons: string; // the same short text written to the CRM
  /** Win probability in whole percent (scoring.predictive with the tenant's model: simulate
   *  --tenant); absent without a model. */
  winProbability?: number;
}

export interface ShareCount {
  count: number;
  percent: number; // share of all leads, 0-100, one decimal
}

export interface SimulationSummary {
  total: number;
  /** owner email (or "unassigned") -> leads; most leads first. */
  owners: Record<string, ShareCount>;
  /** tier -> leads, in the config's tier order (every tier listed, also with 0). */
  tiers: Record<string, ShareCount>;
}

export interface SimulationResult {
  config: string; // config file used
  now: string; // ISO time the simulation ran at
  leads: SimulatedLead[];
  summary: SimulationSummary;
}

export const UNASSIGNED_KEY = 'unassigned';

export type ComparedField = 'owner' | 'tier' | 'rule';

export interface LeadOutcomeBrief {
  owner: string | null;
  tier: string;
  rule: string | null;
  score: number;
}

/** A lead whose owner, tier or rule differs between the two configs. */
export interface LeadChange {
  id: string;
  changed: ComparedField[];
  base: LeadOutcomeBrief;
  candidate: LeadOutcomeBrief;
}

export interface CountDelta {
  base: number;
  candidate: number;
  delta: number; // candidate - base
}

export interface Comparison {
  base: SimulationResult;
  candidate: SimulationResult;
  changes: LeadChange[];
  deltas: {
    owners: Record<string, CountDelta>;
    tiers: Record<string, CountDelta>;
  };
}
