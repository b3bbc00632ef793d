// POST /webhooks/<crm>: check what needs no body (connector.precheck: credentials, signature
// headers, timestamp window), read the body under a cap and a bound on concurrent reads,
// authenticate the raw bytes, parse, write to the durable inbox, then 2xx. Nothing
// CRM-specific here. Acknowledge fast: HubSpot times out after 5 s (reference hubspot.md §1.4),
// Pipedrive after 10 s and bans a webhook after 10 failed first attempts (pipedrive.md §1.4).
import express, { type Router } from 'express';
import type { CrmConnector, RawDelivery } from '../crm/types.ts';
import { AuthError, LeadRouterError, PayloadError } from '../errors.ts';
import { declaredLength, readBody } from './read-body.ts';
import { createReadGate, type ReadGate } from './read-gate.ts';
import type { Logger } from '../logger.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { Store } from '../store/types.ts';

/** Used when a connector declares no maxBodyBytes. */
export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** An unread body up to this size is drained so its sender reliably sees our answer. */
const DRAIN_MAX_BYTES = 64 * 1024;
/** HubSpot gives up after 5 s (hubspot.md §1.4): a body still arriving after that is not worth waiting for. */
export const BODY_READ_TIMEOUT_MS = 5_000;

/**
 * 8 bodies read at once x the 1 MiB HubSpot cap bounds reader memory at ~8 MB under any
 * flood. Real deliveries are a few KB and read in well under a millisecond, so 8 slots do not
 * slow a legitimate burst; a request waits up to 2 s for a slot before a 503 + Retry-After.
 */
export function createDefaultReadGate(): ReadGate {
  return createReadGate({ slots: 8, maxWaitMs: 2_000, maxWaiting: 4_096 });
}

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
  /** Shared by all webhook routes of an app, so the bound holds across CRMs. */
  readGate?: ReadGate;
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
  const gate = deps.readGate ?? createDefaultReadGate();
  const maxBytes = deps.connector.maxBodyBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  router.post(path, async (req, res, next) => {
    const started = process.hrtime.bigint();
    const crm = deps.connector.crm;
    const receivedAt = deps.now();
    let release: (() => void) | null = null;
    try {
      const rejection = (await deps.connector.precheck?.(req.headers, receivedAt)) ?? null;
      if (rejection) throw new AuthError(`${crm} webhook rejected before reading the body: ${rejection.reason}`);
      release = await gate.acquire();
      if (!release) {
        res.set('Retry-After', '1');
        throw new LeadRouterError('BUSY', 'Too many webhook bodies are being read at once: retry shortly');
      }
      const body = await readBody(req, maxBytes, BODY_READ_TIMEOUT_MS).finally(release);
      release = null;
      if (body.length === 0) throw new PayloadError('Empty request body: expected a JSON webhook payload');
      const delivery: RawDelivery = {
        method: req.method,
        url: publicUrl(req, deps.publicBaseUrl),
        headers: req.headers,
        body,
        receivedAt,
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
      release?.();
      if (!req.complete) {
        // The rest of an unread body is not worth receiving: close instead of draining it, and
        // for a big one cut the socket once the answer is out (a flood must not be read at all).
        res.set('Connection', 'close');
        const declared = declaredLength(req);
        if (declared === null || declared > DRAIN_MAX_BYTES) res.once('finish', () => req.socket.destroy());
      }
      if (err instanceof AuthError) deps.metrics?.eventsIgnored.inc({ crm, reason: 'unauthenticated' });
      next(err);
    }
  });
  return router;
}
