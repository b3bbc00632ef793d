// Translate a failed HubSpot response into a CrmError the scheduler understands
// (reference §5 "429 bodies", "Retry-After", "Retryable statuses"; §6 "Errors").
import { CrmError } from '../../src/errors.ts';
import { isNetworkError } from '../../src/queue/classify-error.ts';
import { nextUtcMidnight } from './rate-limit.ts';

/** §5: a TEN_SECONDLY_ROLLING window is 10 s; wait a full window when no header says otherwise. */
export const BURST_PAUSE_MS = 10_000;
/** §5: the search API (and older secondly policies) limit per second. */
export const SECONDLY_PAUSE_MS = 1_000;
/** §5: 423 Locked: "wait ≥ 2 s". */
export const LOCKED_PAUSE_MS = 2_000;
/** §5: retryable statuses (500 added: HubSpot's own SDK retries every 5xx). */
const RETRYABLE_STATUSES = new Set([423, 477, 500, 502, 503, 504, 521, 523, 524]);

/** HubSpot's error envelope; every field is optional (§6). */
export interface HubspotErrorBody {
  status?: string;
  message?: string;
  category?: string;
  subCategory?: string;
  correlationId?: string;
  policyName?: string;
  errorType?: string;
  errors?: { message?: string; code?: string; context?: Record<string, unknown> }[];
}

interface HeaderReader {
  get(name: string): string | null;
}

export interface FailedResponse {
  status: number;
  headers: HeaderReader;
  body: unknown;
}

/** Retry-After in seconds (§5: 477 sends seconds) or an HTTP date; undefined when absent. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function asErrorBody(body: unknown): HubspotErrorBody {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as HubspotErrorBody) : {};
}

function describe(what: string, status: number, b: HubspotErrorBody, text: unknown): string {
  const detail = b.message ?? (typeof text === 'string' && text.length > 0 ? text.slice(0, 300) : 'no message');
  const category = b.category ? ` ${b.category}${b.subCategory ? `/${b.subCategory}` : ''}` : '';
  const corr = b.correlationId ? ` (correlationId ${b.correlationId})` : '';
  return `HubSpot ${what} failed: ${status}${category}: ${detail}${corr}`;
}

function hint(status: number): string {
  if (status === 401) return ' - the access token is invalid or expired: check the private-app token or reinstall the app';
  if (status === 403) return ' - the token lacks a scope this call needs (see reference §3 "Scopes this app needs")';
  return '';
}

/** Build the CrmError for a non-2xx HubSpot response. `what` names the call ("POST /crm/..."). */
export function toHubspotCrmError(res: FailedResponse, what: string, now: number): CrmError {
  const b = asErrorBody(res.body);
  const message = describe(what, res.status, b, res.body);
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'), now);
  if (res.status === 429) {
    const policy = (b.policyName ?? '').toUpperCase();
    if (policy === 'DAILY' || /daily limit/i.test(b.message ?? '')) {
      return new CrmError(message, {
        status: 429, retryable: true, rateLimit: 'daily', retryAfterMs: nextUtcMidnight(now) - now,
      });
    }
    const interval = Number(res.headers.get('x-hubspot-ratelimit-interval-milliseconds') ?? NaN);
    const secondly = /secondly limit/i.test(b.message ?? '') && policy !== 'TEN_SECONDLY_ROLLING';
    const pause = retryAfter ?? (Number.isFinite(interval) && interval > 0 ? interval : secondly ? SECONDLY_PAUSE_MS : BURST_PAUSE_MS);
    return new CrmError(message, { status: 429, retryable: true, rateLimit: 'burst', retryAfterMs: pause });
  }
  if (RETRYABLE_STATUSES.has(res.status)) {
    const pause = retryAfter ?? (res.status === 423 ? LOCKED_PAUSE_MS : undefined);
    return new CrmError(message, pause === undefined ? { status: res.status, retryable: true } : { status: res.status, retryable: true, retryAfterMs: pause });
  }
  return new CrmError(message + hint(res.status), { status: res.status, retryable: false });
}

/**
 * A request that never got a response. Transient transport failures (reset, refused, timeout)
 * are retryable; anything else (an unknown host, a malformed base URL) is a configuration
 * problem that retrying would only hide. The scheduler's own classifier decides which is which.
 */
export function toNetworkCrmError(err: unknown, what: string): CrmError {
  let reason = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.message === 'string') reason += ` (${cause.message})`;
  const retryable = isNetworkError(err);
  const hint = retryable ? '' : ' - check the HubSpot API base URL';
  return new CrmError(`HubSpot ${what} failed: request error: ${reason}${hint}`, { retryable, cause: err });
}
