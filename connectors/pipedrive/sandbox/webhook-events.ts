// One v2 webhook body per change and webhook (pipedrive.md §1.2): meta (strings for ids,
// attempt 1..4, change_source api|app, permitted_user_ids, merged_to_id / merged_from_id on
// merges), data and previous. Delivery is gated by the webhook user's permissions (§1.1).
import type { SandboxContext } from './context.ts';
import type { Change } from './entity-store.ts';
import { isoMillis } from './time.ts';
import { permittedUserIds, webhookBlocks } from './webhook-data.ts';
import type { Webhook } from './webhook-registry.ts';

export interface WebhookBody {
  meta: Record<string, unknown>;
  data: Record<string, unknown> | null;
  previous: Record<string, unknown> | null;
}

export function buildWebhookBody(ctx: SandboxContext, change: Change, hook: Webhook, attempt: number): WebhookBody {
  const { data, previous } = webhookBlocks(ctx, change);
  const meta: Record<string, unknown> = {
    action: change.action,
    entity: change.entity,
    entity_id: String(change.id),
    id: change.eventId,
    company_id: String(ctx.companyId),
    user_id: String(change.origin.actorId),
    webhook_id: String(hook.id),
    webhook_owner_id: String(hook.owner_id),
    correlation_id: change.correlationId,
    is_bulk_edit: false,
    timestamp: isoMillis(change.at),
    type: hook.type,
    version: '2.0',
    change_source: change.origin.source,
    attempt,
    host: `${ctx.companyDomain}.pipedrive.com`,
    permitted_user_ids: permittedUserIds(ctx, change).map(String),
  };
  if (change.mergedToId !== undefined) meta['merged_to_id'] = String(change.mergedToId);
  if (change.mergedFromId !== undefined) meta['merged_from_id'] = String(change.mergedFromId);
  return { meta, data, previous };
}

/** An event goes out only if the webhook's user may see the object; admins see everything (§1.1). */
export function webhookMaySee(ctx: SandboxContext, change: Change, hook: Webhook): boolean {
  const user = ctx.users.get(hook.user_id);
  if (!user?.active) return false;
  return user.isAdmin || permittedUserIds(ctx, change).includes(user.id);
}
