/** Events lead-router itself puts in the inbox (SLA timers, backfill, company fan-out). */
export const INTERNAL_SOURCE = 'lead-router';
