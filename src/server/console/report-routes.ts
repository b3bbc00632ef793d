// The console's Reports API: GET /admin/api/report (the report as JSON, exactly what
// `lead-router report --format json` prints for the same tenant and window) and
// GET /admin/api/report.csv (the funnel as `--format csv` prints it). Mounted inside the API
// router, behind requireSession: the tenant is the session's, never the request's.
import { Router } from 'express';
import { z } from 'zod';
import { formatReport } from '../../cli/format/report.ts';
import type { LoadedConfig } from '../../config/index.ts';
import { InputError } from '../../errors.ts';
import { REPORT_DIMENSIONS } from '../../outcomes/report/build-funnel.ts';
import { parseReportSince } from '../../outcomes/report/report-since.ts';
import { runReport, type FunnelReport } from '../../outcomes/report/run-report.ts';
import type { Store } from '../../store/types.ts';
import { sessionOf } from './session.ts';

export interface ReportRouteDeps {
  store: Store;
  now: () => number;
  /** The config deciding a tenant's leads (its active version, else the file). */
  config: (tenant?: string) => LoadedConfig;
}

const reportQuery = z.strictObject({
  since: z.string().min(1).max(40).default('30d'),
  by: z.enum(REPORT_DIMENSIONS).default('rep'),
  tenant: z.string().optional(), // checked by requireSession
});

export function createReportRoutes(deps: ReportRouteDeps): Router {
  const router = Router();
  const build = async (query: unknown, tenant: string): Promise<FunnelReport> => {
    const r = reportQuery.safeParse(query);
    if (!r.success) throw new InputError(`Invalid report query: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
    const now = deps.now();
    return runReport({ store: deps.store, tenant, since: parseReportSince(r.data.since, now), now, by: r.data.by, config: deps.config(tenant).config });
  };

  router.get('/admin/api/report', async (req, res) => {
    res.json(await build(req.query, sessionOf(res).tenant));
  });

  router.get('/admin/api/report.csv', async (req, res) => {
    const report = await build(req.query, sessionOf(res).tenant);
    const name = `lead-router-report-${report.by}-${report.since.slice(0, 10)}.csv`;
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` });
    res.send(formatReport(report, 'csv'));
  });
  return router;
}
