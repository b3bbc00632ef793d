// lead-router report [--tenant T] [--since 30d] [--by rep|source|tier|rule] [--format ...]:
// the funnel of the leads decided in the window, per group, from the store's decisions,
// assignments (first touch) and outcomes (deals won / lost).
import { Option, type Command } from 'commander';
import { readEnv } from '../../env.ts';
import { REPORT_DIMENSIONS, type ReportDimension } from '../../outcomes/report/build-funnel.ts';
import { runReport } from '../../outcomes/report/run-report.ts';
import { createStore } from '../../store/create-store.ts';
import { resolveConfigTenant } from '../config-tenant.ts';
import { formatReport } from '../format/report.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../format/simulation.ts';
import type { CliIo } from '../io.ts';
import { parseSince } from './preview.ts';

export function register(program: Command, io: CliIo): void {
  program
    .command('report')
    .description('Funnel per rep, source, tier or rule: leads, touched within 5 minutes, time to first touch, deals, won, revenue.')
    .option('--tenant <tenant>', 'tenant key, e.g. hubspot:123 (default: the only tenant)')
    .option('--since <when>', 'leads decided since: 30d, 12h, 2w or an ISO time', '30d')
    .addOption(new Option('--by <dimension>', 'group by').choices(REPORT_DIMENSIONS).default('rep'))
    .option('--source-field <alias>', 'the lead field (config alias under fields:) that holds the source, for --by source', 'source')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addHelpText(
      'after',
      `
A lead counts once: under the decision its first deal was attributed to (owner, rule, tier at
that time), else under its latest decision in the window. Rates carry 95% Wilson intervals;
groups with fewer than 30 leads are marked *, not hidden. Deals arrive from the CRM's deal
webhooks (HubSpot deals, Pipedrive deals). Uses DATABASE_URL like \`lead-router serve\`.

Examples:
  $ lead-router report --by rep
  $ lead-router report --tenant pipedrive:8087566 --since 90d --by tier --format csv > funnel.csv`,
    )
    .action(async (opts: { tenant?: string; since: string; by: ReportDimension; sourceField: string; format: OutputFormat }) => {
      const since = parseSince(opts.since, Date.now());
      const env = readEnv(io.env);
      const store = createStore(env.databaseUrl);
      try {
        await store.migrate();
        const tenant = await resolveConfigTenant(store, env, opts.tenant);
        io.stdout(formatReport(await runReport({ store, tenant, since, by: opts.by, sourceField: opts.sourceField }), opts.format));
      } finally {
        await store.close();
      }
    });
}
