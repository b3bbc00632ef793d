// GET /v1/users/me (scope `base`, pipedrive.md §3.4): the user and company a token belongs to.
// Used once per install (OAuth: create-pipedrive-app does the same to learn company_id, §2) and
// once per process in api_token mode when the company id is not configured. It runs outside the
// tenant's scheduler because the tenant is exactly what it discovers.
import { CrmError } from '../../src/errors.ts';
import { pipedriveErrorText } from './rate-limit.ts';

export interface CurrentUser {
  userId: string;
  companyId: string;
  companyDomain?: string;
}

export async function fetchCurrentUser(o: {
  apiBase: string;
  auth: { kind: 'oauth'; accessToken: string } | { kind: 'api_token'; token: string };
  fetch?: typeof fetch;
}): Promise<CurrentUser> {
  const what = 'Pipedrive GET /v1/users/me';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (o.auth.kind === 'oauth') headers.authorization = `Bearer ${o.auth.accessToken}`;
  else headers['x-api-token'] = o.auth.token;
  let res: Response;
  let text: string;
  try {
    res = await (o.fetch ?? fetch)(`${o.apiBase.replace(/\/+$/, '')}/v1/users/me`, { headers });
    text = await res.text();
  } catch (err) {
    throw new CrmError(`${what}: no response (${(err as Error).message})`, { retryable: true, cause: err });
  }
  if (!res.ok) {
    throw new CrmError(`${what} failed (${res.status}): ${pipedriveErrorText(text) ?? text.slice(0, 200)}`, { status: res.status, retryable: res.status >= 500 });
  }
  let data: { id?: unknown; company_id?: unknown; company_domain?: unknown } | undefined;
  try {
    data = (JSON.parse(text) as { data?: typeof data }).data;
  } catch {
    throw new CrmError(`${what}: the response is not JSON`, { status: res.status, retryable: true });
  }
  if (data?.id === undefined || data.company_id === undefined) throw new CrmError(`${what}: the response lacks id / company_id`, { retryable: false });
  return {
    userId: String(data.id),
    companyId: String(data.company_id),
    ...(typeof data.company_domain === 'string' ? { companyDomain: data.company_domain } : {}),
  };
}
