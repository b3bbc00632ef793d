// Print what the demo assigned to whom and why, the tier mix, API calls per lead, 429s and
// losses. The last line is machine-readable:
//   demo: <N> leads, <N> assigned, <N> api calls, <N> rate-limited, <N> lost
import type { DemoRun } from './types.ts';

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s.padEnd(n);
}

export function formatDemoRun(run: DemoRun, showLeads: number): string {
  const lines: string[] = [];
  const n = run.leads.length;
  const webhooks = run.crm === 'pipedrive' ? 'Basic-auth v2 webhooks' : 'signed webhooks';
  lines.push('', `== ${run.crm}: ${n} leads through ${webhooks} -> lead-router -> write-back`, '');
  lines.push(`${pad('lead', 8)} ${pad('title', 20)} ${pad('company', 34)} ${pad('score', 5)} ${pad('tier', 5)} ${pad('grade', 5)} ${pad('owner', 28)} why`);
  for (const l of run.leads.slice(0, showLeads)) {
    lines.push(
      `${pad(l.id, 8)} ${pad(l.title, 20)} ${pad(l.company, 34)} ${pad(l.score === null ? '-' : String(l.score), 5)} ${pad(l.tier ?? '-', 5)} ${pad(l.grade ?? '-', 5)} ${pad(l.owner ?? '(none)', 28)} ${l.reasons}`,
    );
  }
  if (n > showLeads) lines.push(`… ${n - showLeads} more leads`);

  const byOwner = new Map<string, number>();
  const byTier = new Map<string, number>();
  for (const l of run.leads) {
    byOwner.set(l.owner ?? '(unassigned)', (byOwner.get(l.owner ?? '(unassigned)') ?? 0) + 1);
    byTier.set(l.tier ?? '(not scored)', (byTier.get(l.tier ?? '(not scored)') ?? 0) + 1);
  }
  lines.push('', 'assigned to:');
  for (const [owner, count] of [...byOwner].sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${pad(owner, 32)} ${String(count).padStart(5)}  ${((100 * count) / Math.max(1, n)).toFixed(1)}%`);
  }
  lines.push('tiers:');
  for (const [tier, count] of [...byTier].sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${pad(tier, 32)} ${String(count).padStart(5)}  ${((100 * count) / Math.max(1, n)).toFixed(1)}%`);
  }
  const perLead = n ? run.apiCalls / n : 0;
  lines.push(
    `api calls: ${run.apiCalls} (${perLead.toFixed(3)} per lead${run.tokens !== undefined ? `, ${run.tokens} tokens, ${(run.tokens / Math.max(1, n)).toFixed(2)} tokens per lead` : ''}), rate-limited (429): ${run.rateLimited}, webhook deliveries: ${run.webhooksSent}`,
  );
  for (const note of run.notes ?? []) lines.push(note);
  const top = Object.entries(run.callsByRoute).sort((a, b) => b[1] - a[1]).slice(0, 6);
  for (const [route, count] of top) lines.push(`  ${pad(route, 60)} ${count}`);
  return lines.join('\n') + '\n';
}

export function demoSummaryLine(runs: DemoRun[]): { line: string; lost: number } {
  let leads = 0;
  let assigned = 0;
  let calls = 0;
  let limited = 0;
  let lost = 0;
  for (const r of runs) {
    leads += r.leads.length;
    assigned += r.leads.filter((l) => l.owner !== null).length;
    calls += r.apiCalls;
    limited += r.rateLimited;
    lost += r.leads.filter((l) => l.score === null).length;
  }
  return { line: `demo: ${leads} leads, ${assigned} assigned, ${calls} api calls, ${limited} rate-limited, ${lost} lost`, lost };
}

/**
 * Why two runs with one --seed can differ in API calls: the sample data is the same, but the
 * live pipeline batches leads by arrival time (a batch leaves when 100 leads wait, or when the
 * tenant is quiet for 100 ms / the oldest lead waited 1 s), and webhooks arrive as fast as the
 * machine delivers them.
 */
export const TIMING_NOTE =
  'One --seed gives the same leads, scores and tiers; the API-call count can differ a little between runs:\n' +
  'leads are batched by arrival (a batch read leaves when 100 leads wait or the oldest waited 1 s), and how\n' +
  'fast the webhooks arrive depends on the machine.';
