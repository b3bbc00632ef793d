// Ingestion load for the Pipedrive benchmark: v2 webhook deliveries exactly as Pipedrive sends
// them (one event per POST, HTTP Basic, pipedrive.md §1.2 / §1.5) from `concurrency` senders,
// timing each POST until its 2xx (what Pipedrive's 10 s delivery timeout measures, §1.4).

export interface IngestResult {
  events: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A v2 `change.person` delivery for a person that does not exist (processing stays cheap). */
export function personChangeBody(companyId: number, i: number, runTag: string): string {
  const id = 5_000_000 + i;
  return JSON.stringify({
    meta: {
      action: 'change', entity: 'person', entity_id: String(id), id: `bench-${runTag}-${i}`, company_id: String(companyId),
      user_id: '12094821', webhook_id: '4710827', webhook_owner_id: '12094821', correlation_id: `corr-${i}`, is_bulk_edit: false,
      timestamp: new Date().toISOString(), type: 'general', version: '2.0', change_source: 'app', attempt: 1, host: 'acme.pipedrive.com',
      permitted_user_ids: ['12094821'],
    },
    data: { id, name: `Bench Person ${i}`, first_name: 'Bench', last_name: `Person ${i}`, owner_id: 12094821, org_id: null, visible_to: '3', custom_fields: {} },
    previous: { name: `Bench Person ${i} (old)` },
  });
}

export async function runIngestion(o: {
  url: string;
  user: string;
  password: string;
  companyId: number;
  events: number;
  concurrency: number;
  /** Called after each delivery with the number answered so far. */
  onProgress?: (answered: number) => void;
}): Promise<IngestResult> {
  const authorization = `Basic ${Buffer.from(`${o.user}:${o.password}`).toString('base64')}`;
  const tag = Date.now().toString(36);
  const bodies = Array.from({ length: o.events }, (_, i) => personChangeBody(o.companyId, i, tag));
  const latencies: number[] = [];
  let non2xx = 0;
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const t = performance.now();
      const res = await fetch(o.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization, 'user-agent': 'Pipedrive Webhooks' }, body });
      await res.arrayBuffer();
      latencies.push(performance.now() - t);
      if (res.status < 200 || res.status >= 300) non2xx++;
      o.onProgress?.(latencies.length);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, sender));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    events: o.events,
    seconds,
    perSecond: o.events / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1] ?? 0,
    non2xx,
  };
}
