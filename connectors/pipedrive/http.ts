// One Pipedrive API call = one fetch inside the tenant's scheduler. Plain fetch rather than the
// SDK client because the SDK hides response headers, and rate limiting needs them
// (pipedrive.md §5 "Retries: none"). Every response's limit headers go to scheduler.observe;
// failures become CrmErrors (rate-limit.ts); an OAuth 401 refreshes the token once and retries
// ("must do" 9).
import type { Lane, TenantScheduler } from '../../src/queue/types.ts';
import { CrmError } from '../../src/errors.ts';
import { pipedriveErrorText, readLimitHeaders, toCrmError, toObservation, tokenCost, type CallOp } from './rate-limit.ts';
import type { PipedriveEnvelope } from './types.ts';

export type PipedriveAuth =
  | { kind: 'api_token'; token: string }
  | { kind: 'oauth'; getAccessToken: () => Promise<string>; refresh?: () => Promise<string> };

export interface PipedriveCallInfo {
  method: string;
  path: string;
  op: CallOp;
  /** HTTP status, or null when no response arrived (network error, timeout). */
  status: number | null;
  tokens: number;
  durationMs: number;
}

export interface PipedriveHttpOptions {
  apiBase: string;
  auth: PipedriveAuth;
  scheduler: TenantScheduler;
  onTokens?: (tokens: number) => void;
  onCall?: (info: PipedriveCallInfo) => void;
  fetch?: typeof fetch;
  now?: () => number;
  /** Per-request timeout; Pipedrive documents none for the API (ours: 30 s). */
  timeoutMs?: number;
}

export interface PipedriveRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** "/api/v2/persons" or "/v1/users" */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  op: CallOp;
  lane?: Lane;
}

export interface PipedriveHttp {
  readonly apiBase: string;
  request<T>(req: PipedriveRequest): Promise<PipedriveEnvelope<T>>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** "acme" -> https://acme.pipedrive.com; drops a trailing slash or /api/v2, /api/v1, /v1 suffix. */
export function normalizeApiBase(base: string): string {
  const withScheme = /^https?:\/\//i.test(base) ? base : /\./.test(base) ? `https://${base}` : `https://${base}.pipedrive.com`;
  return withScheme.replace(/\/+$/, '').replace(/\/(api\/v2|api\/v1|v1)$/i, '');
}

function buildUrl(base: string, req: PipedriveRequest): string {
  const url = new URL(`${base}${req.path}`);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
  return url.toString();
}

export function createPipedriveHttp(opts: PipedriveHttpOptions): PipedriveHttp {
  const apiBase = normalizeApiBase(opts.apiBase);
  const doFetch = opts.fetch ?? fetch;
  const now = opts.now ?? Date.now;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function authHeaders(): Promise<Record<string, string>> {
    // API token in the x-api-token header, OAuth as a Bearer token (§2, SDK setApiKeyToObject).
    if (opts.auth.kind === 'api_token') return { 'x-api-token': opts.auth.token };
    return { authorization: `Bearer ${await opts.auth.getAccessToken()}` };
  }

  async function attempt<T>(req: PipedriveRequest, lane: Lane): Promise<PipedriveEnvelope<T>> {
    const started = now();
    const headers: Record<string, string> = { accept: 'application/json', ...(await authHeaders()) };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const report = (status: number | null, tokens: number) =>
      opts.onCall?.({ method: req.method, path: req.path, op: req.op, status, tokens, durationMs: now() - started });
    let res: Response;
    let bodyText: string;
    try {
      res = await doFetch(buildUrl(apiBase, req), {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      bodyText = await res.text();
    } catch (err) {
      report(null, 0);
      throw new CrmError(`Pipedrive ${req.method} ${req.path}: no response (${(err as Error).message})`, { retryable: true, cause: err });
    }
    const obs = toObservation(readLimitHeaders(res.headers), now(), lane);
    if (obs) opts.scheduler.observe(obs);
    // Rate-limited (429) and edge-blocked (403 HTML) requests are assumed not to spend tokens:
    // they never reach the API (Pipedrive does not say either way).
    const blocked = res.status === 429 || (res.status === 403 && pipedriveErrorText(bodyText) === null);
    const tokens = blocked ? 0 : tokenCost(req.op, req.path);
    if (tokens > 0) opts.onTokens?.(tokens);
    report(res.status, tokens);
    if (!res.ok) throw toCrmError({ status: res.status, headers: res.headers, bodyText, method: req.method, path: req.path }, now());
    if (bodyText.trim() === '') return { data: null as T };
    try {
      return JSON.parse(bodyText) as PipedriveEnvelope<T>;
    } catch {
      throw new CrmError(`Pipedrive ${req.method} ${req.path} returned ${res.status} with a non-JSON body`, { status: res.status, retryable: true });
    }
  }

  async function request<T>(req: PipedriveRequest): Promise<PipedriveEnvelope<T>> {
    const lane = req.lane ?? 'default';
    try {
      return await opts.scheduler.run(lane, () => attempt<T>(req, lane));
    } catch (err) {
      const auth = opts.auth;
      if (!(err instanceof CrmError) || err.crmStatus !== 401 || auth.kind !== 'oauth' || !auth.refresh) throw err;
      // The access token expired or was rotated elsewhere: refresh once, then retry once.
      await auth.refresh();
      return await opts.scheduler.run(lane, () => attempt<T>(req, lane));
    }
  }

  return { apiBase, request };
}
