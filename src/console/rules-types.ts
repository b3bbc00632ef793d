// The Rules API's answers as the console reads them (src/server/console/rules-routes.ts builds them).
export interface ConfigIssue {
  path: string;
  message: string;
  line?: number;
  column?: number;
  hint?: string;
}

export interface RulesSource {
  source: 'version' | 'file';
  label: string;
  version: number | null;
  yaml: string;
  unreviewed: boolean;
}

export interface VersionItem {
  version: number;
  label: string;
  author: string;
  createdAt: number;
  comment: string;
  valid: boolean;
  issues: ConfigIssue[];
  active: boolean;
  unreviewed: boolean;
  /** The active version only: who activated it (publish or rollback) and when. */
  activatedBy?: string;
  activatedAt?: number;
}

export interface CountDelta {
  base: number;
  candidate: number;
  delta: number;
}

export interface PreviewOutcome {
  owner: string | null;
  tier: string;
  grade: string | null;
  rule: string | null;
  target: string;
  reasons: string;
}

export interface PreviewResult {
  sinceDays: number;
  since: string;
  decisions: number;
  withoutInput: number;
  approximate: number;
  changedTotal: number;
  changes: { id: string; at: string; changed: string[]; recorded: PreviewOutcome; draft: PreviewOutcome }[];
  owners: Record<string, CountDelta>;
  rules: Record<string, CountDelta>;
  tiers: Record<string, CountDelta>;
  fallbackTotal: number;
  fallback: string[];
}
