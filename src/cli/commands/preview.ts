// lead-router preview --tenant T [--config DRAFT.yaml] [--since 30d]: what a draft config
// would have decided on the tenant's own recorded decisions (src/preview). Without --config it
// previews the tenant's running config (its active version, else the config file): history
// made with it comes back unchanged.
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { LoadedConfig } from '../../config/load.ts';
import { loadConfig } from '../../config/load.ts';
import { resolveConfigPath } from '../../config/resolve-config-path.ts';
import { readEnv } from '../../env.ts';
import { InputError } from '../../errors.ts';
import { runPreview } from '../../preview/run-preview.ts';
import { parseIsoTime } from '../../simulate/parse-time.ts';
import { createStore } from '../../store/create-store.ts';
import { loadConfigVersion } from '../../tenants/config-versions.ts';
import { configLabel, parseVersionRef, versionLabel } from '../../tenants/config-label.ts';
import { displayPath, loadConfigForCli } from '../config-option.ts';
import { resolveConfigTenant } from '../config-tenant.ts';
import { formatPreview } from '../format/preview.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../format/simulation.ts';
import type { CliIo } from '../io.ts';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** "30d", "12h", "2w", "90m" back from now, or an ISO time. */
export function parseSince(value: string, now: number): number {
  const rel = /^(\d+)\s*([mhdw])$/.exec(value.trim());
  if (rel) return now - Number(rel[1]) * UNIT_MS[rel[2]!]!;
  const ms = parseIsoTime(value);
  if (ms === undefined) throw new InputError(`--since "${value}": expected a duration such as 30d, 12h, 2w, or an ISO time such as 2026-11-01`);
  return ms;
}

export function register(program: Command, io: CliIo): void {
  program
    .command('preview')
    .description("Re-evaluate a tenant's recorded decisions with a draft config (--config) and show what would change.")
    .option('--tenant <tenant>', 'tenant key, e.g. hubspot:123 (default: the only tenant)')
    .option('--since <when>', 'window start: 30d, 12h, 2w or an ISO time', '30d')
    .option('--draft <version>', 'preview a stored version (e.g. a draft from calibrate --apply-as-draft: v4) instead of --config')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addHelpText(
      'after',
      `
The draft is --config (a file) or --draft (a stored version); without either, the tenant's
running config (active version, else the config file), which reproduces the recorded history. Decisions replay in order through the
live pipeline's decision code, with the routing state as the window's first decision saw it.
Uses DATABASE_URL like \`lead-router serve\`.

Examples:
  $ lead-router preview --config drafts/territories.yaml
  $ lead-router preview --tenant hubspot:62515 --config drafts/x.yaml --since 7d --format json
  $ lead-router preview --draft v4 --since 180d`,
    )
    .action(async (opts: { tenant?: string; since: string; draft?: string; format: OutputFormat }, command: Command) => {
      const since = parseSince(opts.since, Date.now());
      const env = readEnv(io.env);
      const store = createStore(env.databaseUrl);
      try {
        await store.migrate();
        const tenant = await resolveConfigTenant(store, env, opts.tenant);
        const draftFlag = command.optsWithGlobals<{ config?: string }>().config;
        let draft: LoadedConfig;
        let stored: string | null = null;
        if (opts.draft !== undefined) {
          if (draftFlag) throw new InputError('use either --config FILE or --draft VERSION, not both');
          const version = parseVersionRef(opts.draft);
          const record = await store.getConfigVersion(tenant, version);
          if (!record) throw new InputError(`${tenant} has no config version ${versionLabel(version)} (see "lead-router config list")`);
          draft = loadConfigVersion(record);
          stored = `${tenant} ${versionLabel(version)}${record.draft ? ' (draft)' : ''}`;
        } else if (draftFlag) draft = loadConfigForCli(resolve(io.cwd, draftFlag), io);
        else {
          const active = await store.getActiveConfigVersion(tenant);
          const file = resolveConfigPath({ env: env.configPath, cwd: io.cwd });
          draft = active ? loadConfigVersion(active) : { ...loadConfig(file), file: displayPath(file, io) };
        }
        const name = stored ?? (draftFlag ? draft.file : `${tenant} running config (${configLabel(draft)})`);
        const report = await runPreview({ store, tenant, compiled: draft.compiled, configName: name, since });
        io.stdout(formatPreview(report, opts.format));
      } finally {
        await store.close();
      }
    });
}
