// The console's JSON API under /admin/api. Every route runs behind requireSession and reads
// the session's tenant only: no route takes a tenant from the request, so a session of tenant A
// cannot name tenant B's data (a lead id of B simply is not found in A).
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { LoadedConfig } from '../../config/index.ts';
import { emailLookupKey } from '../../crypto/email-lookup.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import type { Store } from '../../store/types.ts';
import { clearSessionCookie } from './cookies.ts';
import { createRulesApiRouter } from './rules-routes.ts';
import { createReportRoutes } from './report-routes.ts';
import { requireSession, sessionOf } from './session.ts';
import { leadView, summarize } from './views.ts';

export interface ConsoleApiDeps {
  store: Store;
  now: () => number;
  config: (tenant?: string) => LoadedConfig;
}

const PAGE = 50;
const leadIdPattern = /^[\w.:-]{1,100}$/;

const listQuery = z.strictObject({
  rule: z.string().min(1).max(200).optional(),
  owner: z.string().min(1).max(320).optional(),
  tier: z.string().min(1).max(100).optional(),
  fallback: z.enum(['1', 'true']).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  tenant: z.string().optional(), // checked by requireSession
});

const searchBody = z.strictObject({ q: z.string().trim().min(1).max(320) });

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InputError(`Invalid ${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return r.data;
}

function readJson(body: unknown): unknown {
  try {
    return JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '');
  } catch {
    throw new InputError('The search body must be JSON: {"q": "<CRM record id or email>"}');
  }
}

export function createConsoleApiRouter(deps: ConsoleApiDeps): Router {
  const router = Router();
  router.use('/admin/api', (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  router.use('/admin/api', requireSession(deps));

  router.get('/admin/api/session', (_req, res) => {
    const s = sessionOf(res);
    res.json({ tenant: s.tenant, csrfToken: s.csrfToken, expiresAt: s.expiresAt, user: s.user ?? null });
  });

  router.post('/admin/api/logout', async (req, res) => {
    await deps.store.deleteAdminSession(sessionOf(res).idHash);
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.get('/admin/api/filters', (_req, res) => {
    const { config } = deps.config(sessionOf(res).tenant); // the tenant's active version, else the file
    res.json({
      rules: config.routing.rules.map((r) => r.name),
      owners: config.owners.map((o) => o.email.toLowerCase()),
      tiers: config.tiers.priority.map((t) => String((t as { name: unknown }).name)),
    });
  });

  router.get('/admin/api/decisions', async (req: Request, res: Response) => {
    const q = parse(listQuery, req.query, 'decision filters');
    const limit = q.limit ?? PAGE;
    const rows = await deps.store.listDecisions(sessionOf(res).tenant, {
      rule: q.rule,
      owner: q.owner?.toLowerCase(),
      tier: q.tier,
      fallbackOnly: q.fallback !== undefined,
      beforeId: q.before,
      limit,
    });
    res.json({ items: rows.map(summarize), next: rows.length === limit ? rows[rows.length - 1]!.id : null });
  });

  // POST, so an email being searched never sits in a URL (access logs, history, Referer). The
  // body is parsed here: JSON.parse's own messages quote the input, and errors are logged.
  router.post('/admin/api/leads/search', express.raw({ type: () => true, limit: '4kb' }), async (req, res) => {
    const { q } = parse(searchBody, readJson(req.body), 'search');
    const tenant = sessionOf(res).tenant;
    let ids: string[];
    if (q.includes('@')) ids = await deps.store.findLeadsByEmailHash(tenant, emailLookupKey(tenant, q), 20);
    else if (leadIdPattern.test(q)) ids = (await deps.store.getAudit(tenant, q, 1)).length ? [q] : [];
    else throw new InputError('Search by the CRM record id (digits, letters, - _ .) or by the email address');
    const matches = [];
    for (const id of ids) {
      const [latest] = await deps.store.getAudit(tenant, id, 1);
      if (latest) matches.push({ leadId: id, at: latest.at, score: latest.evaluation.score.total, tier: latest.evaluation.tier, owner: latest.evaluation.route.owner });
    }
    res.json({ matches });
  });

  router.get('/admin/api/leads/:leadId', async (req, res) => {
    const leadId = req.params.leadId;
    if (!leadIdPattern.test(leadId)) throw new InputError('A lead id is the CRM record id (digits, letters, - _ . :)');
    const tenant = sessionOf(res).tenant;
    const audits = await deps.store.getAudit(tenant, leadId, 50);
    if (audits.length === 0) throw new NotFoundError(`No decision recorded for lead ${leadId} in this tenant`);
    const [feedback, install] = await Promise.all([deps.store.listFeedback(tenant, leadId, 20), deps.store.getInstall(tenant)]);
    res.json(leadView(tenant, leadId, audits, feedback, install));
  });

  router.use(createRulesApiRouter(deps));
  router.use(createReportRoutes(deps));

  router.use('/admin/api', (req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: `No console API ${req.method} ${req.path}` });
  });
  return router;
}
