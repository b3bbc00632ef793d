// The one shape of a fired SLA timer, from the timer's payload to the sla.breach inbox row to
// the batch that re-routes the lead: which round was breached and who already had the lead.
export interface SlaBreach {
  round: number;
  /** Owners who had the lead and breached, oldest first (the current one last). */
  previousOwners: string[];
}

/** The payload stored with an SLA timer (and copied into its sla.breach inbox row). */
export interface SlaTimerPayload extends SlaBreach {
  owner: string;
}

/** Read a breach back from a stored payload (rows written by older versions may lack fields). */
export function readSlaBreach(payload: unknown): SlaBreach {
  const p = (payload ?? {}) as Partial<SlaBreach>;
  return { round: p.round ?? 0, previousOwners: p.previousOwners ?? [] };
}
