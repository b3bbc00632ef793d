// Compare two simulations of the same leads (base config vs candidate): which leads change
// owner, tier or rule, and how the per-owner / per-tier counts move.
import type { Comparison, ComparedField, CountDelta, LeadChange, SimulatedLead, SimulationResult, SimulationSummary } from './types.ts';

function brief(l: SimulatedLead) {
  return { owner: l.owner, tier: l.tier, rule: l.rule, score: l.score };
}

function deltas(a: SimulationSummary['owners'], b: SimulationSummary['owners'], order: 'base-first' | 'as-is'): Record<string, CountDelta> {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  if (order === 'base-first') keys.sort((x, y) => (b[y]?.count ?? 0) + (a[y]?.count ?? 0) - ((b[x]?.count ?? 0) + (a[x]?.count ?? 0)) || x.localeCompare(y));
  const out: Record<string, CountDelta> = {};
  for (const k of keys) {
    const base = a[k]?.count ?? 0;
    const candidate = b[k]?.count ?? 0;
    out[k] = { base, candidate, delta: candidate - base };
  }
  return out;
}

export function compareSimulations(base: SimulationResult, candidate: SimulationResult): Comparison {
  if (base.leads.length !== candidate.leads.length) {
    throw new Error(`cannot compare simulations of different lead lists (${base.leads.length} vs ${candidate.leads.length})`);
  }
  const changes: LeadChange[] = [];
  for (let i = 0; i < base.leads.length; i++) {
    const a = base.leads[i]!;
    const b = candidate.leads[i]!;
    const changed: ComparedField[] = [];
    if (a.owner !== b.owner) changed.push('owner');
    if (a.tier !== b.tier) changed.push('tier');
    if (a.rule !== b.rule) changed.push('rule');
    if (changed.length > 0) changes.push({ id: a.id, changed, base: brief(a), candidate: brief(b) });
  }
  return {
    base,
    candidate,
    changes,
    deltas: {
      owners: deltas(base.summary.owners, candidate.summary.owners, 'base-first'),
      tiers: deltas(base.summary.tiers, candidate.summary.tiers, 'as-is'),
    },
  };
}
