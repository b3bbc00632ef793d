// Webhook subscriptions: POST /v1/webhooks with version "2.0" (there is no v2 path, pipedrive.md
// §1.1) for the events lead-router processes, skipping those that already exist. Pipedrive
// deletes a webhook after 3 days without a successful delivery (§1.4), so ensureWebhooks runs
// periodically and re-creates what disappeared. Needs the `admin` scope; 40 webhooks per user.
import type { BaseWebhook } from 'pipedrive/v1';
import type { PipedriveHttp } from './http.ts';

/** person create/change/delete, organization change, activity create/change, lead create/change,
 *  deal create/change (outcomes: converted to deal, won / lost, value). */
export const WEBHOOK_EVENTS: readonly { object: string; action: string }[] = [
  { object: 'person', action: 'create' },
  { object: 'person', action: 'change' },
  { object: 'person', action: 'delete' },
  { object: 'organization', action: 'change' },
  { object: 'activity', action: 'create' },
  { object: 'activity', action: 'change' },
  { object: 'lead', action: 'create' },
  { object: 'lead', action: 'change' },
  { object: 'deal', action: 'create' },
  { object: 'deal', action: 'change' },
];

export interface WebhookRegistration {
  /** Public HTTPS URL of the webhook route; must not redirect (§1.1). */
  subscriptionUrl: string;
  httpAuthUser: string;
  httpAuthPassword: string;
  /** An admin's user id, so permission filtering does not hide events (§1.1 `user_id`). */
  userId?: number | string;
}

export interface WebhookSyncResult {
  created: { id: number | null; event: string }[];
  kept: { id: number; event: string }[];
  /** Existing subscriptions for our URL with other credentials: deleted and re-created. */
  replaced: { id: number; event: string }[];
}

type Webhook = Pick<BaseWebhook, 'id' | 'event_action' | 'event_object' | 'subscription_url' | 'version' | 'http_auth_user'>;

const eventName = (e: { object: string; action: string }) => `${e.action}.${e.object}`;

function sameUrl(a: string | undefined, b: string): boolean {
  return (a ?? '').replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

export async function syncWebhooks(http: PipedriveHttp, reg: WebhookRegistration): Promise<WebhookSyncResult> {
  const list = await http.request<Webhook[] | null>({ method: 'GET', path: '/v1/webhooks', op: 'list' });
  const ours = (list.data ?? []).filter((w) => sameUrl(w.subscription_url, reg.subscriptionUrl) && String(w.version ?? '').startsWith('2'));
  const result: WebhookSyncResult = { created: [], kept: [], replaced: [] };

  for (const e of WEBHOOK_EVENTS) {
    const matching = ours.filter((w) => w.event_object === e.object && w.event_action === e.action);
    // Pipedrive may omit credentials from the list; only a different user proves them stale.
    const current = matching.find((w) => !w.http_auth_user || w.http_auth_user === reg.httpAuthUser);
    if (current?.id !== undefined) {
      result.kept.push({ id: current.id, event: eventName(e) });
      continue;
    }
    for (const stale of matching) {
      if (stale.id === undefined) continue;
      await http.request({ method: 'DELETE', path: `/v1/webhooks/${stale.id}`, op: 'delete' });
      result.replaced.push({ id: stale.id, event: eventName(e) });
    }
    const res = await http.request<{ id?: number } | null>({
      method: 'POST',
      path: '/v1/webhooks',
      op: 'create',
      body: {
        subscription_url: reg.subscriptionUrl,
        event_action: e.action,
        event_object: e.object,
        name: `lead-router ${eventName(e)}`,
        version: '2.0',
        http_auth_user: reg.httpAuthUser,
        http_auth_password: reg.httpAuthPassword,
        ...(reg.userId !== undefined ? { user_id: Number(reg.userId) } : {}),
      },
    });
    result.created.push({ id: res.data?.id ?? null, event: eventName(e) });
  }
  return result;
}
