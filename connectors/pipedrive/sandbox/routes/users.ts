// Users (pipedrive.md §3.4, v1 only): GET /v1/users (every user, active_flag tells who can own
// records), /v1/users/{id}, and /v1/users/me (scope `base`) with company_id and company_domain.
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { badRequest, notFound } from '../errors.ts';

export function registerUserRoutes(api: ApiRouter, ctx: SandboxContext): void {
  api.add('get', '/v1/users', { kind: 'api', op: 'list', version: 'v1', scopes: ['users:read'] }, (_req, res, principal) => {
    res.json({ success: true, data: ctx.users.list().map((u) => ctx.users.toApi(u, principal.userId)) });
  });

  api.add('get', '/v1/users/me', { kind: 'api', op: 'get', version: 'v1', scopes: ['base'] }, (_req, res, principal) => {
    const me = ctx.users.get(principal.userId);
    if (!me) throw notFound('User');
    res.json({
      success: true,
      data: {
        ...ctx.users.toApi(me, me.id), company_id: ctx.companyId, company_name: `${ctx.companyDomain} (sandbox)`, company_domain: ctx.companyDomain,
        company_country: 'CZ', company_industry: 'software', language: { language_code: 'en', country_code: 'US' },
      },
    });
  });

  api.add('get', '/v1/users/:id', { kind: 'api', op: 'get', version: 'v1', scopes: ['users:read'] }, (req, res, principal) => {
    const raw = String(req.params['id']);
    if (!/^\d+$/.test(raw)) throw badRequest(`id must be an integer, got "${raw}"`);
    const user = ctx.users.get(Number(raw));
    if (!user) throw notFound('User');
    res.json({ success: true, data: ctx.users.toApi(user, principal.userId) });
  });
}
