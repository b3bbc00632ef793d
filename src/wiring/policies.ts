// Which rate-limit policy a tenant gets: from its CRM, auth mode and plan (env), optionally
// overridden (a configured limit, or a benchmark's window).
import { crmOf } from '../crm/tenant-key.ts';
import type { AppEnv } from '../env.ts';
import { hubspotPolicy, pipedrivePolicy } from '../queue/index.ts';
import type { SchedulerPolicy } from '../queue/types.ts';

export interface RateLimitOverride {
  limit?: number;
  intervalMs?: number;
  baseDelayMs?: number;
  burstPauseMs?: number;
}

export function schedulerPolicyFor(tenant: string, env: AppEnv, override: RateLimitOverride = {}): SchedulerPolicy {
  const crm = crmOf(tenant);
  const retry = {
    ...(override.baseDelayMs !== undefined ? { baseDelayMs: override.baseDelayMs } : {}),
    ...(override.burstPauseMs !== undefined ? { burstPauseMs: override.burstPauseMs } : {}),
  };
  if (crm === 'pipedrive') {
    const pd = env.pipedrive;
    const limit = override.limit ?? pd?.rateLimit;
    return pipedrivePolicy(
      { authMode: pd?.mode === 'api_token' ? 'api_token' : 'oauth', plan: pd?.plan ?? 'lite' },
      { lanes: { default: { ...(limit ? { limit } : {}), ...(override.intervalMs ? { intervalMs: override.intervalMs } : {}) } }, retry },
    );
  }
  const hs = env.hubspot;
  const limit = override.limit ?? hs?.rateLimit;
  return hubspotPolicy(
    { authMode: hs?.mode === 'private' ? 'private' : 'oauth', tier: hs?.tier },
    { lanes: { default: { ...(limit ? { limit } : {}), ...(override.intervalMs ? { intervalMs: override.intervalMs } : {}) } }, retry },
  );
}
