// What a batch of inbox events means for the pipeline, decided per CRM (each CRM names its
// events and engagement objects differently). The pipeline does the generic work.
import type { EngagementEvent } from '../src/engine/types.ts';
import type { InboxRow } from '../src/store/types.ts';
import type { CrmTenantClient } from './types.ts';

export interface Interpretation {
  /** Leads to (re)score and route. */
  rescore: Set<string>;
  /** Companies / organizations whose leads must be rescored. */
  companies: Set<string>;
  /** Leads deleted or privacy-deleted: purge what we keep. */
  purge: Set<string>;
  /** Merges: move what we keep from `from` to `to`, then rescore `to`. */
  merges: { from: string; to: string }[];
  /** First touches by a rep (call, meeting, email logged): close the SLA. */
  touches: { leadId: string; at: number }[];
  /** Behavioural events for the engagement ledger (decay needs their time). */
  behaviour: { leadId: string; event: EngagementEvent }[];
  /** Inbox row ids that need no work (acknowledged, counted). */
  noop: number[];
  /** SLA breaches to act on: re-route the lead excluding `exclude`. */
  slaBreaches: { leadId: string; round: number }[];
}

export interface EventInterpreter {
  interpret(rows: InboxRow[], client: CrmTenantClient): Promise<Interpretation>;
}

export function emptyInterpretation(): Interpretation {
  return {
    rescore: new Set(),
    companies: new Set(),
    purge: new Set(),
    merges: [],
    touches: [],
    behaviour: [],
    noop: [],
    slaBreaches: [],
  };
}
