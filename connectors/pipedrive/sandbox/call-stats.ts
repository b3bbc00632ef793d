// Counters behind stats() and GET /_sandbox/stats: calls per route template, total, 429s,
// Cloudflare blocks. Tokens are counted by the rate limiter, webhooks by the dispatcher.
export interface CallStats {
  count(route: string): void;
  countRejected(kind: 'burst' | 'daily' | 'blocked'): void;
  snapshot(): { calls: Record<string, number>; totalCalls: number; rateLimited: number; dailyLimited: number; blocked: number };
}

export function createCallStats(): CallStats {
  const calls: Record<string, number> = {};
  let totalCalls = 0;
  let rateLimited = 0;
  let dailyLimited = 0;
  let blocked = 0;
  return {
    count(route) { calls[route] = (calls[route] ?? 0) + 1; totalCalls++; },
    countRejected(kind) {
      if (kind === 'blocked') { blocked++; return; }
      rateLimited++;
      if (kind === 'daily') dailyLimited++;
    },
    snapshot: () => ({ calls: { ...calls }, totalCalls, rateLimited, dailyLimited, blocked }),
  };
}
