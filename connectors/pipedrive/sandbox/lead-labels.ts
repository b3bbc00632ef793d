// Lead labels (GET /v1/leadLabels, pipedrive.md §3.6): string (uuid) ids, unlike person labels.
// Pipedrive seeds Hot / Warm / Cold; ids here are stable per company so demos are reproducible.
import { createHash } from 'node:crypto';
import { isoMillis } from './time.ts';

export interface LeadLabel { id: string; name: string; color: string; add_time: string; update_time: string }

function stableUuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function createLeadLabels(companyId: number, at: number): LeadLabel[] {
  return [['Hot', 'red'], ['Warm', 'yellow'], ['Cold', 'blue']].map(([name, color]) => ({
    id: stableUuid(`${companyId}:lead-label:${name}`), name: name as string, color: color as string, add_time: isoMillis(at), update_time: isoMillis(at),
  }));
}
