// The one shape of a fired SLA timer (src/engine/sla.ts: SlaBreach), from the timer's payload
// to the sla.breach inbox row to the batch that re-routes the lead.
import type { SlaBreach } from '../../engine/sla.ts';

export type { SlaBreach };

/** The payload stored with an SLA timer (and copied into its sla.breach inbox row). */
export interface SlaTimerPayload extends SlaBreach {
  owner: string;
}

/** Read a breach back from a stored payload (rows written by older versions may lack fields). */
export function readSlaBreach(payload: unknown): SlaBreach {
  const p = (payload ?? {}) as Partial<SlaBreach>;
  return { round: p.round ?? 0, previousOwners: p.previousOwners ?? [] };
}
