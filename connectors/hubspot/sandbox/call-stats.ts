// Counters behind stats() and GET /_sandbox/stats: calls per route template, total, 429s.
export interface CallStats {
  count(route: string): void;
  countRateLimited(): void;
  snapshot(): { calls: Record<string, number>; totalCalls: number; rateLimited: number };
}

export function createCallStats(): CallStats {
  const calls: Record<string, number> = {};
  let totalCalls = 0;
  let rateLimited = 0;
  return {
    count(route) { calls[route] = (calls[route] ?? 0) + 1; totalCalls++; },
    countRateLimited() { rateLimited++; },
    snapshot: () => ({ calls: { ...calls }, totalCalls, rateLimited }),
  };
}
