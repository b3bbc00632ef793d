#!/usr/bin/env node
// Engine throughput: score + classify + route + reasons (evaluateLead) and the in-memory
// state update (applyDecision) for 200k generated leads with the default config, on one
// core. Leads are generated up front (not timed); one warm-up pass per scenario lets V8
// optimise, then the median of the timed passes is reported, as CPU time (process.cpuUsage,
// all threads, so GC helpers count) and as wall time. Target: >= 100,000 leads/s.
//
// Two scenarios run over the SAME leads (identical fields and event ages, so identical
// scoring work); only the clock and the routing state differ:
//
// - realistic (the headline, last line): `--per-day` leads (default 400, about what the
//   default config's reps can take in a day: their daily caps add up to 300, plus Anna's 80
//   open leads, the uncapped director, account owners and current owners) arrive each
//   working day (Mon-Fri from Mon 2026-03-09; 200k leads take 500 working days), evenly
//   spaced between 07:00 and 19:00 UTC (the European working day and the US morning). Each lead is evaluated at its
//   own arrival time, with its events and createdAt moved by the same offset (event ages
//   stay as generated). Before each day's first lead, as in production: the per-day counts
//   are reset (resetPeriodCounts 'day'; 'week' too on Mondays) and the reps have worked
//   yesterday's leads (releaseOpenLead for each of the previous day's assignments).
// - worst case: every lead at one instant (Tue 2026-03-10 09:00 UTC) and nothing ever
//   resets, so daily caps fill early and most leads reach the fallback only after every
//   member of the team was checked: the most expensive routing path.
//
//   npm run bench:engine
//   node scripts/bench/engine.ts --count 50000 --rounds 3 --config config/examples/sla.yaml
//   node scripts/bench/engine.ts --scenario realistic --per-day 10000   (200k leads in 20 days)
//   node --cpu-prof --cpu-prof-dir=.prof scripts/bench/engine.ts   (then open in DevTools)
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/load.ts';
import { applyDecision, emptyState, releaseOpenLead, resetPeriodCounts } from '../../src/engine/apply-state.ts';
import { evaluateLead } from '../../src/engine/evaluate.ts';
import type { CompiledConfig, Lead, RouteTargetKind } from '../../src/engine/types.ts';
import { DEFAULT_OWNERS, generateLeads } from '../generate-leads.ts';

const TARGET_PER_SECOND = 100_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The worst case's one instant, and the generator's `now` (events are in the weeks before). */
const BASE = Date.parse('2026-03-10T09:00:00Z'); // a Tuesday, working hours in Europe
const FIRST_DAY = Date.parse('2026-03-09T00:00:00Z'); // the Monday of BASE's week
const DAY_OPEN_MS = 7 * HOUR_MS;
const DAY_LENGTH_MS = 12 * HOUR_MS;

/** When each lead is evaluated, and where new days (and weeks) begin. */
interface Timeline {
  at: Float64Array; // per lead, epoch ms
  dayStarts: Int32Array; // indices of each day's first lead (ascending); empty = no resets
  mondays: Uint8Array; // per day: 1 when it starts a week
}

interface Pass {
  ms: number;
  cpuMs: number;
  targets: Map<RouteTargetKind, number>;
}

function worstCase(count: number): Timeline {
  return { at: new Float64Array(count).fill(BASE), dayStarts: new Int32Array(0), mondays: new Uint8Array(0) };
}

function realistic(count: number, perDay: number): Timeline {
  const at = new Float64Array(count);
  const dayStarts: number[] = [];
  const mondays: number[] = [];
  let calendarDay = 0;
  for (let d = 0; d * perDay < count; d++, calendarDay++) {
    while (calendarDay % 7 >= 5) calendarDay++; // skip Saturday and Sunday
    const open = FIRST_DAY + calendarDay * DAY_MS + DAY_OPEN_MS;
    const first = d * perDay;
    const last = Math.min(count, first + perDay);
    dayStarts.push(first);
    mondays.push(calendarDay % 7 === 0 ? 1 : 0);
    for (let i = first; i < last; i++) at[i] = Math.floor(open + ((i - first) * DAY_LENGTH_MS) / perDay);
  }
  return { at, dayStarts: Int32Array.from(dayStarts), mondays: Uint8Array.from(mondays) };
}

/** Move each lead's events and createdAt by (its evaluation time - BASE): event ages stay the same. */
function shiftLeads(leads: readonly Lead[], to: Float64Array): void {
  for (let i = 0; i < leads.length; i++) {
    const delta = to[i]! - BASE;
    if (delta === 0) continue;
    const lead = leads[i]!;
    if (lead.createdAt !== undefined) lead.createdAt += delta;
    for (const e of lead.events ?? []) e.at += delta;
  }
}

/** One pass over all leads with a fresh routing state. */
function runOnce(leads: readonly Lead[], compiled: CompiledConfig, timeline: Timeline): Pass {
  const { at, dayStarts, mondays } = timeline;
  const state = emptyState();
  const targets = new Map<RouteTargetKind, number>();
  let assigned: string[] = []; // owners of today's new assignments, released tomorrow
  let day = 0;
  let nextDay = dayStarts.length > 0 ? dayStarts[0]! : -1;
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < leads.length; i++) {
    if (i === nextDay) {
      resetPeriodCounts(state, 'day');
      if (mondays[day] === 1) resetPeriodCounts(state, 'week');
      for (let k = 0; k < assigned.length; k++) releaseOpenLead(state, assigned[k]!);
      assigned = [];
      day++;
      nextDay = day < dayStarts.length ? dayStarts[day]! : -1;
    }
    const route = evaluateLead(leads[i]!, compiled, state, at[i]!).route;
    applyDecision(state, route);
    if (route.owner !== null && route.target !== 'keep_current') assigned.push(route.owner);
    targets.set(route.target, (targets.get(route.target) ?? 0) + 1);
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, targets };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const rate = (count: number, ms: number) => Math.round(count / (ms / 1000));
const perLead = (count: number, ms: number) => `${((ms * 1000) / count).toFixed(1)} µs/lead`;

function mix(targets: Map<RouteTargetKind, number>, count: number): string {
  return [...targets]
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${t} ${((n / count) * 100).toFixed(1)}%`)
    .join(', ');
}

/** Warm-up plus `rounds` timed passes; returns the medians. */
function measure(name: string, leads: readonly Lead[], compiled: CompiledConfig, timeline: Timeline, rounds: number) {
  const count = leads.length;
  const warm = runOnce(leads, compiled, timeline);
  console.log(`${name}: warm-up ${Math.round(warm.ms)} ms; routes: ${mix(warm.targets, count)}`);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    const { ms, cpuMs } = runOnce(leads, compiled, timeline);
    times.push(ms);
    cpuTimes.push(cpuMs);
    console.log(`  round ${r}: cpu ${Math.round(cpuMs)} ms (${rate(count, cpuMs)} leads/s), wall ${Math.round(ms)} ms (${rate(count, ms)} leads/s)`);
  }
  return { cpuMs: median(cpuTimes), ms: median(times) };
}

function summary(count: number, m: { cpuMs: number; ms: number }): string {
  return `${rate(count, m.cpuMs)} leads/s of CPU (${perLead(count, m.cpuMs)}), wall ${rate(count, m.ms)} leads/s (${perLead(count, m.ms)})`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '200000' },
      rounds: { type: 'string', default: '5' },
      seed: { type: 'string', default: '42' },
      'per-day': { type: 'string', default: '400' },
      scenario: { type: 'string', default: 'both' }, // both | realistic | worst
      config: { type: 'string', default: 'config/lead-router.yaml' },
    },
  });
  const count = Number(values.count);
  const rounds = Math.max(1, Number(values.rounds));
  const perDay = Math.max(1, Math.round(Number(values['per-day'])));
  const days = Math.ceil(count / perDay);
  const scenario = values.scenario;
  if (scenario !== 'both' && scenario !== 'realistic' && scenario !== 'worst') throw new Error(`--scenario must be both, realistic or worst`);
  const { compiled } = loadConfig(values.config);
  const configLabel = values.config === 'config/lead-router.yaml' ? 'default config' : values.config;

  const genStart = performance.now();
  const leads = generateLeads({ count, seed: Number(values.seed), now: BASE, owners: DEFAULT_OWNERS });
  const events = leads.reduce((n, l) => n + (l.events?.length ?? 0), 0);
  console.log(`generated ${count} leads (${(events / count).toFixed(1)} events/lead) in ${Math.round(performance.now() - genStart)} ms`);

  let worstLine = '';
  if (scenario !== 'realistic') {
    const m = measure('worst case (every lead at one instant, caps never reset)', leads, compiled, worstCase(count), rounds);
    worstLine = `worst case: ${summary(count, m)}, median of ${rounds}`;
    if (scenario === 'worst') {
      console.log(`engine (${worstLine}), ${configLabel}`);
      return;
    }
    console.log(worstLine);
  }
  const timeline = realistic(count, perDay);
  shiftLeads(leads, timeline.at);
  const m = measure(`realistic (${days} working days, ${perDay} leads/day, daily resets)`, leads, compiled, timeline, rounds);
  if (rate(count, m.cpuMs) < TARGET_PER_SECOND) {
    console.log(`below the ${TARGET_PER_SECOND} leads/s target: profile with node --cpu-prof scripts/bench/engine.ts`);
  }
  if (worstLine) console.log(worstLine);
  console.log(`engine: ${summary(count, m)}, median of ${rounds}; ${count} leads, ${perDay} per working day over ${days} days, ${configLabel}`);
}

main();
