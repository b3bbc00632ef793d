// Authenticate a hubspot.fetch call from the score card and bind it to one portal. HubSpot
// signs the call (X-HubSpot-Signature-v3 over method + full URL + body + timestamp, reference
// hubspot.md §2) and appends the caller's portalId / userId / userEmail to the URL (the
// ProxyMetadata of @hubspot/ui-extensions). Because the signature covers the whole URL, those
// values are trusted only after verification; a URL carrying portalId twice is refused, so a
// card cannot smuggle in another portal next to the one HubSpot appended.
import type express from 'express';
import { AuthError } from '../../errors.ts';
import { publicUrl } from '../webhook-route.ts';

/** The request as the signature check needs it (structurally the connector's RawDelivery). */
export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  receivedAt: number;
}

export type AuthenticateSigned = (request: SignedRequest) => Promise<void>;

export interface CardCaller {
  portalId: string;
  userId: string | null;
  /** The HubSpot user's e-mail as HubSpot appended it (lower-cased); null when absent. */
  userEmail: string | null;
}

function single(params: URLSearchParams, name: string): string | null {
  const all = params.getAll(name);
  if (all.length > 1) throw new AuthError(`Refused: the signed URL carries ${name} ${all.length} times`);
  return all[0] ?? null;
}

/** Verify the signature, then read who is calling from the verified URL only. */
export async function authenticateCardRequest(
  req: express.Request,
  o: { authenticate: AuthenticateSigned; now: number; publicBaseUrl?: string | undefined },
): Promise<CardCaller> {
  const url = publicUrl(req, o.publicBaseUrl);
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  // v3 only: it covers the URL and a timestamp. A v1 signature of a GET (secret + empty body)
  // would be the same for every request and replayable forever.
  if (!req.headers['x-hubspot-signature-v3']) throw new AuthError('Refused: hubspot.fetch calls carry X-HubSpot-Signature-v3; this request has none');
  await o.authenticate({ method: req.method, url, headers: req.headers, body, receivedAt: o.now });
  const params = new URL(url).searchParams;
  const portalId = single(params, 'portalId');
  if (portalId === null || !/^\d{1,20}$/.test(portalId)) {
    throw new AuthError('Refused: the signed request names no HubSpot portal (portalId); only the lead-router card may call this route');
  }
  const userId = single(params, 'userId');
  const userEmail = single(params, 'userEmail');
  return {
    portalId,
    userId: userId !== null && /^\d{1,20}$/.test(userId) ? userId : null,
    userEmail: userEmail !== null && /^[^\s@]+@[^\s@]+$/.test(userEmail) ? userEmail.toLowerCase() : null,
  };
}
