// Per-owner and per-tier counts of a simulation (share in percent, one decimal).
import type { ShareCount, SimulatedLead, SimulationSummary } from './types.ts';
import { UNASSIGNED_KEY } from './types.ts';

const percent = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);

/** Owners most leads first (ties by name); tiers in `tierOrder`, then any others seen. */
export function summarizeLeads(leads: readonly SimulatedLead[], tierOrder: readonly string[]): SimulationSummary {
  const owners = new Map<string, number>();
  const tiers = new Map<string, number>(tierOrder.map((t) => [t, 0]));
  for (const l of leads) {
    const key = l.owner ?? UNASSIGNED_KEY;
    owners.set(key, (owners.get(key) ?? 0) + 1);
    tiers.set(l.tier, (tiers.get(l.tier) ?? 0) + 1);
  }
  const total = leads.length;
  const share = (n: number): ShareCount => ({ count: n, percent: percent(n, total) });
  const ownerEntries = [...owners].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return {
    total,
    owners: Object.fromEntries(ownerEntries.map(([k, n]) => [k, share(n)])),
    tiers: Object.fromEntries([...tiers].map(([k, n]) => [k, share(n)])),
  };
}
