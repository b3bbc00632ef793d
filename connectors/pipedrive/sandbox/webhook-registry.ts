// Webhook subscriptions (POST/GET/DELETE /v1/webhooks, pipedrive.md §1.1) and their delivery
// state (§1.4): the ban counter (first-attempt failures; 10 -> banned 30 min, then reset) and
// deletion after 3 days without a successful delivery, measured on the sandbox clock.
import type { Principal } from './token-registry.ts';
import { v1Time } from './time.ts';

export const MAX_WEBHOOKS_PER_USER = 40; // §1.1 "Limit: 40 webhooks per user"
export const BAN_AFTER_FAILURES = 10; // §1.4 "When the counter reaches 10"
export const BAN_MS = 30 * 60_000; // §1.4 "banned for 30 minutes"
export const DELETE_AFTER_MS = 3 * 86_400_000; // §1.4 "no successful deliveries on 3 consecutive days"
export const V2_ACTIONS = ['create', 'change', 'delete', '*'];
export const V2_OBJECTS = ['activity', 'deal', 'lead', 'note', 'organization', 'person', 'pipeline', 'product', 'stage', 'user', '*'];

export interface Webhook {
  id: number;
  company_id: number;
  owner_id: number;
  user_id: number;
  event_action: string;
  event_object: string;
  subscription_url: string;
  version: string;
  is_active: 0 | 1;
  add_time: string;
  remove_time: string | null;
  type: 'general' | 'application';
  http_auth_user: string | null;
  http_auth_password: string | null;
  remove_reason: string | null;
  last_delivery_time: string | null;
  last_http_status: number | null;
  admin_id: number;
  name: string;
}

/** Delivery state the sandbox exposes through sandbox.webhooks() (not in the API). */
export interface WebhookState { banCounter: number; bannedUntil: number | null; failingSince: number | null; clientId: string | null }
export type WebhookView = Webhook & { sandbox: WebhookState };

export interface WebhookInput {
  subscription_url: string; event_action: string; event_object: string; version: string; user_id: number;
  http_auth_user: string | null; http_auth_password: string | null; name: string;
}

export interface WebhookRegistry {
  create(input: WebhookInput, principal: Principal): Webhook;
  list(): Webhook[];
  get(id: number): Webhook | undefined;
  remove(id: number): boolean;
  state(id: number): WebhookState | undefined;
  views(): WebhookView[];
  countForUser(userId: number): number;
  /** Active webhooks subscribed to `<action>.<entity>` (wildcards match). */
  matching(entity: string, action: string): Webhook[];
  isBanned(id: number): boolean;
  /** Records an attempt's outcome; returns true when this failure started a ban. */
  recordAttempt(id: number, attempt: number, ok: boolean, status: number | null): boolean;
  /** Deletes webhooks without a success for 3 days; returns how many. */
  sweep(): number;
  /** Webhooks deleted by sweep() so far. */
  removedCount(): number;
  removeApplicationWebhooks(clientId: string): number;
}

export function createWebhookRegistry(opts: { companyId: number; now: () => number; timeScale: number; adminId: number }): WebhookRegistry {
  const hooks = new Map<number, { hook: Webhook; state: WebhookState }>();
  let nextId = 4_710_827;
  let removedTotal = 0;

  const registry: WebhookRegistry = {
    create(input, principal) {
      const id = nextId++;
      const hook: Webhook = {
        id, company_id: opts.companyId, owner_id: principal.userId, user_id: input.user_id, event_action: input.event_action, event_object: input.event_object,
        subscription_url: input.subscription_url, version: input.version, is_active: 1, add_time: v1Time(opts.now()), remove_time: null,
        // §1.1: webhooks an app creates over OAuth are "application" (hidden in the UI); others "general".
        type: principal.kind === 'oauth' ? 'application' : 'general', http_auth_user: input.http_auth_user, http_auth_password: input.http_auth_password,
        remove_reason: null, last_delivery_time: null, last_http_status: null, admin_id: opts.adminId, name: input.name,
      };
      hooks.set(id, { hook, state: { banCounter: 0, bannedUntil: null, failingSince: null, clientId: principal.clientId ?? null } });
      return hook;
    },
    list: () => { registry.sweep(); return [...hooks.values()].map((h) => h.hook); },
    get: (id) => hooks.get(id)?.hook,
    remove: (id) => hooks.delete(id),
    state: (id) => hooks.get(id)?.state,
    views: () => { registry.sweep(); return [...hooks.values()].map((h) => ({ ...h.hook, sandbox: { ...h.state } })); },
    countForUser: (userId) => [...hooks.values()].filter((h) => h.hook.user_id === userId).length,
    matching(entity, action) {
      return [...hooks.values()].map((h) => h.hook).filter((w) =>
        (w.event_object === '*' || w.event_object === entity) && (w.event_action === '*' || w.event_action === action));
    },
    isBanned(id) {
      const s = hooks.get(id)?.state;
      if (!s || s.bannedUntil === null) return false;
      if (opts.now() < s.bannedUntil) return true;
      // §1.4 "When the ban time is over, the webhook is reactivated, and the ban counter is set back to zero."
      s.bannedUntil = null;
      s.banCounter = 0;
      return false;
    },
    recordAttempt(id, attempt, ok, status) {
      const h = hooks.get(id);
      if (!h) return false;
      const now = opts.now();
      h.hook.last_delivery_time = v1Time(now);
      h.hook.last_http_status = status;
      if (ok) { h.state.failingSince = null; return false; }
      h.state.failingSince ??= now;
      if (attempt !== 1 || h.state.bannedUntil !== null) return false; // §1.4: failed retries do not count
      h.state.banCounter++;
      if (h.state.banCounter < BAN_AFTER_FAILURES) return false;
      h.state.bannedUntil = now + BAN_MS * opts.timeScale;
      return true;
    },
    sweep() {
      const now = opts.now();
      let removed = 0;
      for (const [id, h] of hooks) {
        if (h.state.failingSince !== null && now - h.state.failingSince >= DELETE_AFTER_MS) { hooks.delete(id); removed++; }
      }
      removedTotal += removed;
      return removed;
    },
    removedCount: () => removedTotal,
    removeApplicationWebhooks(clientId) {
      let removed = 0;
      for (const [id, h] of hooks) if (h.hook.type === 'application' && h.state.clientId === clientId) { hooks.delete(id); removed++; }
      return removed;
    },
  };
  return registry;
}
