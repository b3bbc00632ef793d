// Sorts any error thrown by a CRM call into what the scheduler should do with it.
// Connectors translate HTTP responses into CrmError{rateLimit, retryable, retryAfterMs};
// errors that never reached the CRM (sockets, DNS, timeouts) arrive raw and are sorted here.
import { CrmError } from '../errors.ts';

export type ErrorClass =
  | { kind: 'rate_limit'; policy: 'burst' | 'daily'; retryAfterMs: number | undefined; status: number | undefined }
  | { kind: 'retryable'; retryAfterMs: number | undefined; status: number | undefined }
  | { kind: 'fatal'; status: number | undefined };

// Transient socket / DNS / undici failures. ENOTFOUND is left out on purpose: a wrong host
// name is a configuration problem that retrying only hides.
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function classifyError(err: unknown): ErrorClass {
  if (err instanceof CrmError) {
    const status = err.crmStatus;
    // A 429 the connector did not label is still a rate limit; the window one is the safe guess.
    const policy = err.rateLimit ?? (status === 429 ? 'burst' : undefined);
    if (policy) return { kind: 'rate_limit', policy, retryAfterMs: err.retryAfterMs, status };
    if (err.retryable) return { kind: 'retryable', retryAfterMs: err.retryAfterMs, status };
    return { kind: 'fatal', status };
  }
  if (isNetworkError(err)) return { kind: 'retryable', retryAfterMs: undefined, status: undefined };
  return { kind: 'fatal', status: undefined };
}

/** fetch/undici/node:http failures that never got a response: worth another try. */
export function isNetworkError(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, code, message } = e as { name?: unknown; code?: unknown; message?: unknown };
    // AbortSignal.timeout() rejects with TimeoutError; an aborted request with AbortError.
    if (name === 'AbortError' || name === 'TimeoutError') return true;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    // undici: `TypeError: fetch failed` with the socket error as `cause`.
    if (e instanceof TypeError && message === 'fetch failed') return true;
  }
  return false;
}
