// What a demo run reports, per CRM.
export interface DemoLeadResult {
  id: string;
  title: string;
  company: string;
  score: number | null; // null: never written back (lost)
  tier: string | null;
  grade: string | null;
  owner: string | null;
  reasons: string;
}

export interface DemoRun {
  crm: 'hubspot' | 'pipedrive';
  leads: DemoLeadResult[];
  apiCalls: number;
  rateLimited: number;
  webhooksSent: number;
  callsByRoute: Record<string, number>;
  /** Pipedrive: token cost of the calls (v2 costs). */
  tokens?: number;
  /** Extra result lines (Pipedrive: Leads-Inbox leads routed). */
  notes?: string[];
  /** The demo tenant ("hubspot:62515", "pipedrive:8087566"): the console link signs in to it. */
  tenant: string;
  /** With `serve`: the app and sandbox still running, closed by `close()`. */
  served?: ServedDemo;
}

export interface ServedDemo {
  url: string;
  store: import('../store/types.ts').Store;
  close(): Promise<void>;
}

/** What every CRM demo run is given. */
export interface DemoOptions {
  loaded: import('../config/load.ts').LoadedConfig;
  leads: number;
  seed: number;
  databaseUrl: string;
  logger: import('../logger.ts').Logger;
  /** A one-line note: what was created, why a wait ended early. */
  note: (s: string) => void;
  /** A long step's progress: `n` of `total` done (a bar on a terminal, plain lines otherwise). */
  track: (label: string, total: number) => StepProgress;
  timeoutMs: number;
  /** Keep the app and the sandbox running after the run (DemoRun.served) instead of closing them. */
  serve?: boolean;
}

export interface StepProgress {
  update(n: number, detail?: string): void;
  done(detail?: string): void;
}
