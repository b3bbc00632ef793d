// Public surface of the queue: per-tenant rate-limited scheduling, retry policy, CRM policies.
export type * from './types.ts';
export { createTenantScheduler } from './tenant-scheduler.ts';
export { createSchedulerRegistry, type SchedulerRegistry } from './scheduler-registry.ts';
export { SchedulerClosedError } from './scheduler-closed-error.ts';
export { hubspotPolicy, pipedrivePolicy, pipedriveDailyTokenBudget, DEFAULT_HEADROOM } from './policies.ts';
export type { HubspotTier, PipedrivePlan, PolicyOverrides } from './policies.ts';
export { createTokenBudget, nextMidnightUtc, type TokenBudget } from './token-budget.ts';
export { classifyError, isNetworkError, type ErrorClass } from './classify-error.ts';
export { decideRetry, backoffDelay, rateLimitPauseMs, type RetryDecision } from './retry-decision.ts';
export { readObservation, type ObservationEffect } from './read-observation.ts';
export { createSlidingWindow, type SlidingWindow } from './sliding-window.ts';
