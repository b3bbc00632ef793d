// The ledger's dedupe key. A CRM event id is the identity when there is one; otherwise the
// event is identified by its content (type, time, props with keys sorted, so {a,b} == {b,a}).
import { createHash } from 'node:crypto';
import type { EngagementEvent } from '../engine/types.ts';

export function computeEngagementKey(event: EngagementEvent): string {
  if (event.id !== undefined && event.id !== '') return `id:${event.id}`;
  const props = event.props ?? {};
  const sorted = Object.keys(props)
    .sort()
    .map((k) => [k, props[k]]);
  const digest = createHash('sha256').update(JSON.stringify([event.type, event.at, sorted])).digest('base64url');
  return `h:${digest}`;
}
