// lead-router report [--tenant T] [--since 30d] [--by rep|source|tier|rule|grade|segment]
// [--format ...]: the funnel of the leads decided in the window, per group, and the report's
// other sections (assignments per day, SLA, fairness, fallback, distribution, feedback): the
// very object the console's Reports page shows (src/outcomes/report/run-report.ts).
import { Option, type Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { resolveConfigPath } from '../../config/resolve-config-path.ts';
import { readEnv } from '../../env.ts';
import { REPORT_DIMENSIONS, type ReportDimension } from '../../outcomes/report/build-funnel.ts';
import { runReport } from '../../outcomes/report/run-report.ts';
import { createStore } from '../../store/create-store.ts';
import { loadConfigVersion } from '../../tenants/config-versions.ts';
import { resolveConfigTenant } from '../config-tenant.ts';
import { formatReport } from '../format/report.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../format/simulation.ts';
import type { CliIo } from '../io.ts';
import { parseSince } from './preview.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('Funnel per rep, source, tier, rule, grade or segment (leads, touched within 5 minutes, time to first touch, deals, won, revenue), SLA, fairness, fallback, scores, feedback.')
    .option('--tenant <tenant>', 'tenant key, e.g. hubspot:123 (default: the only tenant)')
    .option('--since <when>', 'leads decided since: 30d, 12h, 2w or an ISO time', '30d')
    .addOption(new Option('--by <dimension>', 'group by').choices(REPORT_DIMENSIONS).default('rep'))
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addHelpText(
      'after',
      `
A lead counts once: under the decision its first deal was attributed to (owner, rule, tier at
that time), else under its latest decision in the window. Rates carry 95% Wilson intervals;
groups with fewer than 30 leads are marked *, not hidden. Deals arrive from the CRM's deal
webhooks (HubSpot deals, Pipedrive deals). Source: the lead field "source" (HubSpot
hs_analytics_source in the default config; Pipedrive persons have none: map it to
lead.source_name, the lead source of the person's first Leads-Inbox lead) when it was decided.
Segment: the team the route targeted. Fairness uses the tenant's running config (active
version, else the config file).
Uses DATABASE_URL like \`lead-router serve\`; --format json prints every section.

Examples:
  $ lead-router report --by rep
  $ lead-router report --tenant pipedrive:8087566 --since 90d --by tier --format csv > funnel.csv`,
    )
    .action(async (opts: { tenant?: string; since: string; by: ReportDimension; format: OutputFormat }, command: Command) => {
      const now = Date.now();
      const since = parseSince(opts.since, now);
      const env = readEnv(io.env);
      const store = createStore(env.databaseUrl);
      try {
        await store.migrate();
        const tenant = await resolveConfigTenant(store, env, opts.tenant);
        const active = await store.getActiveConfigVersion(tenant);
        const config = active ? loadConfigVersion(active) : loadConfig(resolveConfigPath({ flag: command.optsWithGlobals<{ config?: string }>().config, env: env.configPath, cwd: io.cwd }));
        io.stdout(formatReport(await runReport({ store, tenant, since, now, by: opts.by, config: config.config }), opts.format));
      } finally {
        await store.close();
      }
    });
}
