// One narrow door to the HubSpot API for a tenant: every call goes through the tenant's
// scheduler lane, through the official SDK's `apiRequest` (SDK 13: node-fetch over node:http),
// reports the rate-limit headers, and turns a failure into a CrmError the scheduler can act on.
import { Client } from '@hubspot/api-client';
import type { Lane, TenantScheduler } from '../../src/queue/types.ts';
import { CrmError } from '../../src/errors.ts';
import { toHubspotCrmError, toNetworkCrmError } from './errors.ts';
import { readHubspotRateLimit } from './rate-limit.ts';

export interface HubspotRequest {
  lane?: Lane;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  qs?: Record<string, string>;
  body?: unknown;
  /**
   * Instead of `body`: built when the call starts (after its wait in the scheduler), so requests
   * queued meanwhile can still join it (coalesce-association-reads.ts). Called again on retries;
   * it must return the same body then.
   */
  buildBody?: () => unknown;
  /** Statuses (besides 2xx) to hand back instead of throwing, e.g. 409 for "already exists". */
  accept?: number[];
}

export interface HubspotResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface HubspotHttp {
  call<T = unknown>(req: HubspotRequest): Promise<HubspotResponse<T>>;
}

export interface HubspotHttpOptions {
  /** e.g. https://api.hubapi.com, or the sandbox emulator's URL */
  basePath: string;
  getAccessToken: () => Promise<string>;
  scheduler: TenantScheduler;
  now?: () => number;
  onCall?: (info: { path: string; status: number }) => void;
  /** Give up on a call after this long (default 30 s) so a hung request cannot stall the tenant's lane. */
  timeoutMs?: number;
  /** A 401: OAuth tokens are refreshed now (the refresh also tells whether the app was
   *  uninstalled); the call is then retried by the scheduler with the new token. */
  onUnauthorized?: () => Promise<void>;
}

/**
 * The SDK's apiRequest takes no AbortSignal (nor node-fetch's `timeout`), so a hung request is
 * abandoned rather than aborted: its socket stays open until the server or the OS closes it.
 * Our writes are idempotent (same values again), so retrying an abandoned call is safe.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CrmError(`HubSpot ${what} failed: no response within ${ms} ms`, { retryable: true })), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** A response body as JSON when it parses, else the text (HTML error pages), null when empty. */
export async function readResponseBody(res: { text(): Promise<string> }): Promise<unknown> {
  const text = await res.text();
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One SDK Client per tenant, with the SDK's limiter off and its retries at 0: our
 * per-tenant scheduler owns limits and retries. The SDK keeps its decorators in a
 * process-wide singleton that every `new Client()` overwrites (reference §9), so clients
 * with a limiter or retries anywhere in the process would leak into ours; lead-router only
 * ever builds clients without them. The token is passed per request (authType 'none'
 * leaves our Authorization header alone), so a refreshed token needs no new Client.
 */
/** What the SDK's apiRequest resolves to: SDK 13 answers with a node-fetch Response. */
type SdkResponse = Awaited<ReturnType<Client['apiRequest']>>;

export function createHubspotHttp(opts: HubspotHttpOptions): HubspotHttp {
  const sdk = new Client({ basePath: opts.basePath.replace(/\/+$/, ''), numberOfApiCallRetries: 0 });
  const now = opts.now ?? Date.now;

  async function once<T>(req: HubspotRequest, lane: Lane): Promise<HubspotResponse<T>> {
    const what = `${req.method} ${req.path}`;
    const token = await opts.getAccessToken();
    const payload = req.buildBody ? req.buildBody() : req.body;
    const request = async () => {
      const res = await sdk.apiRequest({
        method: req.method,
        path: req.path,
        ...(req.qs ? { qs: req.qs } : {}),
        ...(payload !== undefined ? { body: payload } : {}),
        headers: { Authorization: `Bearer ${token}` },
        authType: 'none',
      });
      return { res, body: await readResponseBody(res) };
    };
    let res: SdkResponse;
    let body: unknown;
    try {
      ({ res, body } = await withTimeout(request(), opts.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS, what));
    } catch (err) {
      opts.onCall?.({ path: req.path, status: 0 });
      throw err instanceof CrmError ? err : toNetworkCrmError(err, what);
    }
    opts.onCall?.({ path: req.path, status: res.status });
    const headers = new Headers([...res.headers]); // node-fetch's Headers, as the standard fetch Headers
    const obs = readHubspotRateLimit(headers, lane, now());
    if (obs) opts.scheduler.observe(obs);
    if ((res.status >= 200 && res.status < 300) || req.accept?.includes(res.status)) {
      return { status: res.status, body: body as T, headers };
    }
    const error = toHubspotCrmError({ status: res.status, headers, body }, what, now());
    if (res.status === 401 && opts.onUnauthorized) {
      await opts.onUnauthorized(); // throws when the refresh is refused (uninstalled)
      throw new CrmError(error.message, { status: 401, retryable: true, retryAfterMs: 0, cause: error });
    }
    throw error;
  }

  return {
    call<T>(req: HubspotRequest): Promise<HubspotResponse<T>> {
      const lane = req.lane ?? 'default';
      return opts.scheduler.run(lane, () => once<T>(req, lane));
    },
  };
}
