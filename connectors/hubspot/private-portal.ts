// Private-app mode serves exactly one portal: the token's. Every portal's events are signed with
// the same app secret, so the signature alone cannot tell ours from another; the portal comes
// from HUBSPOT_PORTAL_ID or is learned once from the token (network), never while a webhook
// waits: until it is known, deliveries are refused with a retryable 503 (HubSpot redelivers)
// rather than accepted for a portal we cannot check.
import { fetchPrivateAppTokenInfo } from './oauth.ts';

export interface PrivatePortal {
  /** The portal, when configured or learned; null until then. No I/O. */
  current(): string | null;
  /** Configured, or learned from the token info (once; a failure lets the next call retry). */
  learn(): Promise<string>;
}

export function createPrivatePortal(o: { apiBase: string; accessToken: string; configured?: string; now: () => number }): PrivatePortal {
  let known: string | null = o.configured ?? null;
  let pending: Promise<string> | null = null;
  return {
    current: () => known,
    learn() {
      if (known !== null) return Promise.resolve(known);
      pending ??= fetchPrivateAppTokenInfo({ apiBase: o.apiBase, accessToken: o.accessToken, now: o.now() })
        .then((info) => (known = info.hubId))
        .finally(() => {
          pending = null;
        });
      return pending;
    },
  };
}
