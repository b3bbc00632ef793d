// GET /crm/v3/pipelines/deals and /crm/v3/pipelines/deals/{pipelineId} (CRM pipelines API v3):
// every pipeline with its stages and their metadata (isClosed, probability).
import type { ApiRouter } from '../api-router.ts';
import type { SandboxContext } from '../context.ts';
import { apiError } from '../errors.ts';
import { pipelineToApi } from '../deal-pipelines.ts';
import { DEAL_PIPELINE_SCOPES } from '../scopes.ts';

export function registerPipelineRoutes(api: ApiRouter, ctx: SandboxContext, createdAt: string): void {
  const spec = { kind: 'standard' as const, scopes: DEAL_PIPELINE_SCOPES };
  api.add('get', '/crm/v3/pipelines/deals', spec, (_req, res) => {
    res.json({ results: ctx.pipelines.list().map((p, i) => pipelineToApi(p, i, createdAt)) });
  });
  api.add('get', '/crm/v3/pipelines/deals/:pipelineId', spec, (req, res) => {
    const id = String(req.params['pipelineId']);
    const index = ctx.pipelines.list().findIndex((p) => p.id === id);
    if (index < 0) throw apiError(404, 'OBJECT_NOT_FOUND', `Unable to find pipeline ${id}`);
    res.json(pipelineToApi(ctx.pipelines.list()[index]!, index, createdAt));
  });
}
