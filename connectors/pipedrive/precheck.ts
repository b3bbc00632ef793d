// Pipedrive authenticates a delivery by HTTP Basic credentials only (pipedrive.md §1.5: there
// is no signature), so the whole check needs no body: the webhook route runs it BEFORE reading
// one, and an unauthenticated flood costs no memory. A small function of its own, so it
// is shared by the early refusal (precheck) and the connector's verify().
import { AuthError } from '../../src/errors.ts';
import type { Rejection } from '../../src/crm/types.ts';
import { credentialsMatch, parseBasicAuth, verifyBasicAuth, type BasicCredentials } from './basic-auth.ts';
import { companyIdFromWebhookUser } from './webhook-credentials.ts';

type Headers = Record<string, string | string[] | undefined>;

export type WebhookCredentialSource =
  | { mode: 'api_token'; expected: BasicCredentials }
  /** OAuth: each install has its own credentials; the Basic user names the company. */
  | { mode: 'oauth'; lookup(companyId: string): Promise<BasicCredentials | null> };

/**
 * A v2 webhook carries ONE event (one person / organization / activity / lead, `data` plus
 * `previous` and `meta`, pipedrive.md §1). Even with every custom field filled and a long
 * note-like text value in both `data` and `previous`, that is well under 100 KB; 512 KiB leaves
 * room and refuses anything that cannot be a delivery.
 */
export const PIPEDRIVE_MAX_BODY_BYTES = 512 * 1024;

/**
 * Throws AuthError naming what is wrong (never the credentials themselves). Returns the company
 * the credentials belong to (OAuth: per-install credentials), or null when they vouch for the
 * single company of api_token mode.
 */
export async function checkPipedriveCredentials(headers: Headers, source: WebhookCredentialSource): Promise<string | null> {
  if (source.mode === 'api_token') {
    verifyBasicAuth(headers.authorization, source.expected);
    return null;
  }
  const given = parseBasicAuth(headers.authorization);
  const companyId = companyIdFromWebhookUser(given.user);
  if (companyId === null) throw new AuthError('Pipedrive webhook user was not issued by lead-router (expected "lead-router-<company id>")');
  const expected = await source.lookup(companyId);
  if (!expected) throw new AuthError(`Pipedrive company ${companyId} is not installed`);
  if (!credentialsMatch(given, expected)) throw new AuthError('Pipedrive webhook credentials do not match this install');
  return companyId;
}

export async function precheckPipedrive(headers: Headers, source: WebhookCredentialSource): Promise<Rejection | null> {
  try {
    await checkPipedriveCredentials(headers, source);
    return null;
  } catch (err) {
    if (err instanceof AuthError) return { reason: err.message };
    throw err;
  }
}
