// Recent per-tenant activity for the console's Health page: write-back latency (CRM event ->
// our write-back done, the same span as lead_router_e2e_latency_seconds) and the CRM's 429s.
// Prometheus keeps these per CRM only (tenant labels would explode cardinality); this keeps a
// small bounded window per tenant in this process's memory. With several processes
// (PostgreSQL), each one shows what it did itself.

/** Latencies kept per tenant (newest win). */
export const LATENCY_SAMPLES = 500;
/** 429 times kept per tenant (newest win). */
export const RATE_LIMIT_SAMPLES = 1000;

export interface TenantActivitySummary {
  writeBack: { samples: number; p50Ms: number | null; p90Ms: number | null; maxMs: number | null; lastAt: number | null };
  rateLimited: { count: number; burst: number; daily: number; lastAt: number | null; windowMs: number };
}

export interface TenantActivity {
  writeBackDone(tenant: string, latencyMs: number, at: number): void;
  rateLimited(tenant: string, policy: 'burst' | 'daily', at: number): void;
  summary(tenant: string, now: number, windowMs: number): TenantActivitySummary;
  forget(tenant: string): void;
}

interface Entry {
  latencies: number[];
  lastWriteAt: number | null;
  limited: { at: number; policy: 'burst' | 'daily' }[];
}

function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function createTenantActivity(): TenantActivity {
  const tenants = new Map<string, Entry>();
  const entry = (tenant: string) => {
    let e = tenants.get(tenant);
    if (!e) tenants.set(tenant, (e = { latencies: [], lastWriteAt: null, limited: [] }));
    return e;
  };
  return {
    writeBackDone(tenant, latencyMs, at) {
      const e = entry(tenant);
      e.latencies.push(Math.max(0, latencyMs));
      if (e.latencies.length > LATENCY_SAMPLES) e.latencies.splice(0, e.latencies.length - LATENCY_SAMPLES);
      e.lastWriteAt = at;
    },
    rateLimited(tenant, policy, at) {
      const e = entry(tenant);
      e.limited.push({ at, policy });
      if (e.limited.length > RATE_LIMIT_SAMPLES) e.limited.splice(0, e.limited.length - RATE_LIMIT_SAMPLES);
    },
    summary(tenant, now, windowMs) {
      const e = tenants.get(tenant);
      const sorted = [...(e?.latencies ?? [])].sort((a, b) => a - b);
      const recent = (e?.limited ?? []).filter((l) => l.at >= now - windowMs);
      return {
        writeBack: { samples: sorted.length, p50Ms: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), maxMs: sorted.at(-1) ?? null, lastAt: e?.lastWriteAt ?? null },
        rateLimited: {
          count: recent.length,
          burst: recent.filter((l) => l.policy === 'burst').length,
          daily: recent.filter((l) => l.policy === 'daily').length,
          lastAt: e?.limited.at(-1)?.at ?? null,
          windowMs,
        },
      };
    },
    forget(tenant) {
      tenants.delete(tenant);
    },
  };
}
