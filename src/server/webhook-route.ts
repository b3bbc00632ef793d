// POST /webhooks/<crm>: authenticate the raw bytes, parse, write to the durable inbox, then 2xx.
// Nothing CRM-specific here: the connector authenticates and parses. Acknowledge fast: HubSpot
// times out after 5 s (reference hubspot.md §1.4), Pipedrive after 10 s and bans a webhook after
// 10 failed first attempts (pipedrive.md §1.4).
import express, { type Router } from 'express';
import type { CrmConnector, RawDelivery } from '../crm/types.ts';
import { AuthError, LeadRouterError, PayloadError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Store } from '../store/types.ts';

export const WEBHOOK_BODY_LIMIT = '10mb';

export interface WebhookRouteDeps {
  connector: CrmConnector;
  store: Store;
  logger: Logger;
  metrics?: Metrics;
  now: () => number;
  /** The public base URL the CRM calls (signatures cover the full URL). */
  publicBaseUrl?: string;
  /** Called after events are stored, to wake the pipeline. */
  onStored?: (tenants: string[]) => void;
}

export function publicUrl(req: express.Request, base?: string): string {
  if (base) return base.replace(/\/+$/, '') + req.originalUrl;
  // Behind a proxy, rebuild the URL as the CRM called it (hubspot.md §2.2).
  const proto = String(req.headers['x-forwarded-proto'] ?? req.protocol).split(',')[0]!.trim();
  const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? 'localhost').split(',')[0]!.trim();
  return `${proto}://${host}${req.originalUrl}`;
}

export function createWebhookRouter(path: string, deps: WebhookRouteDeps): Router {
  const router = express.Router();
  router.post(path, express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }), async (req, res, next) => {
    const started = process.hrtime.bigint();
    const crm = deps.connector.crm;
    try {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (body.length === 0) throw new PayloadError('Empty request body: expected a JSON webhook payload');
      const delivery: RawDelivery = {
        method: req.method,
        url: publicUrl(req, deps.publicBaseUrl),
        headers: req.headers,
        body,
        receivedAt: deps.now(),
      };
      const parsed = await deps.connector.parse(await deps.connector.verify(delivery));
      let inserted = 0;
      let duplicates = 0;
      if (parsed.events.length) {
        const r = await deps.store.inboxAppend(parsed.events, delivery.receivedAt).catch((err: unknown) => {
          // The store is unavailable: answer 503 so the CRM retries; nothing was acknowledged.
          throw new LeadRouterError('STORE_ERROR', `Could not store events: ${(err as Error).message}`, { cause: err });
        });
        inserted = r.inserted;
        duplicates = r.duplicates;
      }
      for (const e of parsed.events) deps.metrics?.eventsReceived.inc({ crm, kind: e.kind });
      for (const i of parsed.ignored) deps.metrics?.eventsIgnored.inc({ crm, reason: i.reason }, i.count);
      if (parsed.ignored.length) deps.logger.info('events acknowledged and ignored', { crm, ignored: parsed.ignored });
      res.status(200).json({ received: parsed.events.length, stored: inserted, duplicates, ignored: parsed.ignored });
      deps.metrics?.webhookAck.observe({ crm }, Number(process.hrtime.bigint() - started) / 1e9);
      if (inserted) deps.onStored?.([...new Set(parsed.events.map((e) => e.tenant))]);
    } catch (err) {
      if (err instanceof AuthError) deps.metrics?.eventsIgnored.inc({ crm, reason: 'unauthenticated' });
      next(err);
    }
  });
  return router;
}
