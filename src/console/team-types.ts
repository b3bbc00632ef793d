// The Team and Health API answers as the console reads them (src/server/console/team-view.ts,
// team-routes.ts, health-api.ts build them).
export interface TeamMember {
  email: string;
  name: string | null;
  teams: string[];
  weight: number;
  capacity: { perDay: number | null; perWeek: number | null; maxOpen: number | null };
  load: { openLeads: number; assignedToday: number; assignedThisWeek: number };
  timezone: string;
  localTime: string;
  workingHours: string | null;
  available: boolean;
  unavailable: { kind: string; text: string; until?: number }[];
  outOfOffice: { from: string; to: string; note: string | null; state: 'now' | 'ahead' | 'over' }[];
  absences: { from: number; to: number; note: string | null; setBy: string; setAt: number; now: boolean }[];
}

export interface Team {
  at: number;
  config: string;
  members: TeamMember[];
  teams: { name: string; strategy: string; members: string[] }[];
  versions: { version: string; author: string; comment: string; at: number; valid: boolean; active: boolean; draft: boolean }[];
}

export interface OooChange {
  action: 'add' | 'end';
  owner: string;
  from: string;
  to: string;
  note?: string;
  comment?: string;
  basedOn?: string;
}

export interface OooPreview {
  summary: string;
  basedOn: string;
  since: string;
  decisions: number;
  withoutInput: number;
  moved: number;
  movedFromOwner: number;
  leads: { leadId: string; at: string; from: string | null; to: string | null; reasons: string }[];
  fallback: number;
}

export interface FailedRow {
  id: number;
  source: string;
  kind: string;
  objectId: string;
  occurredAt: number;
  receivedAt: number;
  attempts: number;
  lastError: string | null;
}

export interface Health {
  at: number;
  windowMs: number;
  intake: { recent: { source: string; received: number; lastReceivedAt: number }[]; lastReceivedAt: number | null };
  queue: { pending: number; processing: number; failed: number; oldestPendingAt: number | null };
  writeBack: { samples: number; p50Ms: number | null; p90Ms: number | null; maxMs: number | null; lastAt: number | null } | null;
  rateLimited: { count: number; burst: number; daily: number; lastAt: number | null; windowMs: number } | null;
  failed: FailedRow[];
  failedShown: number;
  install: {
    crm: string | null;
    installed: boolean;
    mode: 'oauth' | 'token';
    externalId?: string;
    scopes: string[];
    missingScopes: string[];
    token: 'accepted' | 'refused' | 'lacks_permission';
    installedAt: number | null;
    updatedAt: number | null;
    degraded: { reason: string; detail: string; since: number } | null;
  };
}
