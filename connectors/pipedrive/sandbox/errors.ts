// Pipedrive's error envelope, {success:false, error, error_info, errorCode, data:null,
// additional_data:null}, and the HTML pages an edge returns (Cloudflare 403 after repeated 429s,
// pipedrive.md §4). Route handlers throw SandboxApiError; one Express error handler renders it.
import { randomBytes } from 'node:crypto';

export const ERROR_INFO = 'Please check developers.pipedrive.com';

export class SandboxApiError extends Error {
  readonly status: number;
  /** A JSON body, or an HTML string when `html` is set. */
  readonly body: unknown;
  readonly headers: Record<string, string>;
  readonly html: boolean;
  constructor(status: number, body: unknown, opts: { headers?: Record<string, string>; html?: boolean } = {}) {
    super(typeof body === 'object' && body !== null && 'error' in body ? String((body as { error: unknown }).error) : `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = opts.headers ?? {};
    this.html = opts.html ?? false;
  }
}

export function errorBody(status: number, error: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { success: false, error, error_info: ERROR_INFO, data: null, additional_data: null, errorCode: status, ...extra };
}

export function apiError(status: number, error: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): SandboxApiError {
  return new SandboxApiError(status, errorBody(status, error, extra), { headers });
}

export const badRequest = (message: string, extra: Record<string, unknown> = {}): SandboxApiError => apiError(400, message, extra);
export const notFound = (what: string): SandboxApiError => apiError(404, `${what} not found`);
export const unauthorized = (): SandboxApiError => apiError(401, 'unauthorized access');
/** OAuth token without a scope the endpoint needs. */
export const scopeMismatch = (scopes: string[]): SandboxApiError =>
  apiError(403, 'Scope and URL mismatch', { error_info: `This endpoint needs one of the OAuth scopes: ${scopes.join(', ')}` });

const OUTAGE_MESSAGES: Record<number, string> = {
  500: 'Internal server error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 403: 'Forbidden', 429: 'Request over limit',
};

function htmlPage(title: string, text: string): string {
  const ray = randomBytes(8).toString('hex');
  return `<!DOCTYPE html>\n<html lang="en-US"><head><title>${title}</title></head><body>\n` +
    `<div id="cf-wrapper"><h1>${title}</h1><p>${text}</p>\n` +
    `<p>Cloudflare Ray ID: <strong>${ray}</strong> &bull; Performance &amp; security by Cloudflare</p></div>\n</body></html>\n`;
}

/** The Cloudflare block page (403, text/html) API-token clients get after repeated 429s (§4). */
export function cloudflareBlock(): SandboxApiError {
  return new SandboxApiError(403, htmlPage('Attention Required! | Cloudflare', 'Sorry, you have been blocked. You are unable to access api.pipedrive.com'), { html: true });
}

/** An injected outage: Pipedrive's JSON error, or an edge HTML page. */
export function outageError(status: number, html: boolean): SandboxApiError {
  const message = OUTAGE_MESSAGES[status] ?? `HTTP ${status}`;
  if (html) {
    return status === 403 ? cloudflareBlock() : new SandboxApiError(status, htmlPage(`${status} ${message}`, 'The origin server is not answering.'), { html: true });
  }
  return apiError(status, message);
}
