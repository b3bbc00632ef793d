// The audit of decisions as the Store hands it out: full records, and the lean entries preview
// replays (the narrow audit_preview rows).
import type { Evaluation } from '../engine/types.ts';
import type { TenantKey } from './keys.ts';

export interface AuditRecord {
  tenant: TenantKey;
  leadId: string;
  at: number;
  evaluation: Evaluation;
  /** The config version that decided it: "v3" (tenant version) or "file:<hash>" (config file). */
  configVersion?: string | null;
  /**
   * The engine input the decision was made from (src/pipeline/decision-input.ts), bounded in
   * size, so `preview` can re-evaluate it; pruned with the audit row. JSON, opaque to the store.
   */
  input?: unknown;
}

/** An audit row with its id: decisions in the order they were made (preview pages by id). */
export interface AuditEntry extends AuditRecord {
  id: number;
}

/** What preview needs of a recorded decision: its outcome and its input, nothing else. */
export interface PreviewEntry {
  id: number;
  leadId: string;
  at: number;
  /** Its place in the routing order (AuditInput.routingSeq; 0: decided before it was recorded). */
  seq: number;
  recorded: { owner: string | null; tier: string; grade: string | null; rule: string | null; target: string; reasons: string };
  /** The engine input; without `routing.state` unless asked for (one copy starts the replay). */
  input: unknown;
}

/** Where a page of listPreviewSince ends (its last entry). */
export type PreviewCursor = Pick<PreviewEntry, 'seq' | 'at' | 'id'>;
