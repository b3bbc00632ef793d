#!/usr/bin/env node
// Engine throughput: score + classify + route + reasons (evaluateLead) and the in-memory
// state update (applyDecision) for 200k generated leads with the default config, on one
// core. Leads are generated up front (not timed); one warm-up round lets V8 optimise, then
// the median of the timed rounds is reported. Target: >= 100,000 leads/s.
//
//   npm run bench:engine
//   node scripts/bench/engine.ts --count 50000 --rounds 3 --config config/examples/sla.yaml
//   node --cpu-prof --cpu-prof-dir=.prof scripts/bench/engine.ts   (then open in DevTools)
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/load.ts';
import { applyDecision, emptyState } from '../../src/engine/apply-state.ts';
import { evaluateLead } from '../../src/engine/evaluate.ts';
import type { CompiledConfig, Lead } from '../../src/engine/types.ts';
import { DEFAULT_OWNERS, generateLeads } from '../generate-leads.ts';

const TARGET_PER_SECOND = 100_000;

/** One pass over all leads with a fresh routing state; returns elapsed ms. */
function runOnce(leads: readonly Lead[], compiled: CompiledConfig, now: number): { ms: number; cpuMs: number; fallback: number } {
  const state = emptyState();
  let fallback = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < leads.length; i++) {
    const e = evaluateLead(leads[i]!, compiled, state, now);
    applyDecision(state, e.route);
    if (e.route.target === 'fallback') fallback++;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, fallback };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '200000' },
      rounds: { type: 'string', default: '5' },
      seed: { type: 'string', default: '42' },
      config: { type: 'string', default: 'config/lead-router.yaml' },
    },
  });
  const count = Number(values.count);
  const rounds = Math.max(1, Number(values.rounds));
  const now = Date.parse('2026-03-10T09:00:00Z'); // a Tuesday, working hours in Europe
  const { compiled } = loadConfig(values.config);
  const configLabel = values.config === 'config/lead-router.yaml' ? 'default config' : values.config;

  const genStart = performance.now();
  const leads = generateLeads({ count, seed: Number(values.seed), now, owners: DEFAULT_OWNERS });
  const events = leads.reduce((n, l) => n + (l.events?.length ?? 0), 0);
  console.log(`generated ${count} leads (${(events / count).toFixed(1)} events/lead) in ${Math.round(performance.now() - genStart)} ms`);

  const warm = runOnce(leads, compiled, now);
  // All leads share one `now`, so daily caps fill up early and most leads end at the
  // fallback after every team member was checked: the expensive routing path.
  console.log(`warm-up: ${Math.round(warm.ms)} ms (${((warm.fallback / count) * 100).toFixed(1)}% of leads via the fallback once caps fill up)`);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    const { ms, cpuMs } = runOnce(leads, compiled, now);
    times.push(ms);
    cpuTimes.push(cpuMs);
    console.log(`round ${r}: ${Math.round(ms)} ms, ${Math.round(count / (ms / 1000))} leads/s (cpu ${Math.round(cpuMs)} ms)`);
  }
  // CPU time (all of the process's threads, so GC helpers count too) is less sensitive than
  // wall time to other processes competing for the core; both are shown.
  const cpuMs = median(cpuTimes);
  console.log(`cpu time: ${Math.round(count / (cpuMs / 1000))} leads/s (${((cpuMs * 1000) / count).toFixed(1)} µs/lead of CPU), median of ${rounds}`);
  const ms = median(times);
  const perSecond = Math.round(count / (ms / 1000));
  const usPerLead = (ms * 1000) / count;
  if (perSecond < TARGET_PER_SECOND) {
    console.log(`below the ${TARGET_PER_SECOND} leads/s target: profile with node --cpu-prof scripts/bench/engine.ts`);
  }
  console.log(`engine: ${perSecond} leads/s (${usPerLead.toFixed(1)} µs/lead), ${configLabel}, ${count} leads`);
}

main();
