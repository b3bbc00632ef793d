// lead-router config list|show|publish|rollback|discard|diff [--tenant T]: a tenant's config
// versions in the store. Publishing validates first (the same messages as `validate`) and never
// makes an invalid config active; every running process switches within 2 s (src/tenants).
// Drafts (calibrate --apply-as-draft) are published with `publish vN` or dropped with `discard`.
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { readEnv, type AppEnv } from '../../env.ts';
import { ConfigError, InputError } from '../../errors.ts';
import { createStore } from '../../store/create-store.ts';
import type { Store, TenantKey } from '../../store/types.ts';
import { parseVersionRef, versionLabel } from '../../tenants/config-label.ts';
import { discardDraftConfig, publishConfig, rollbackConfig } from '../../tenants/config-versions.ts';
import { configPathFor, displayPath } from '../config-option.ts';
import { resolveConfigTenant } from '../config-tenant.ts';
import { ExitCode } from '../exit-code.ts';
import { formatConfigVersions } from '../format/config-versions.ts';
import { unifiedDiff } from '../format/line-diff.ts';
import type { CliIo } from '../io.ts';

interface Ctx {
  store: Store;
  env: AppEnv;
  tenant: TenantKey;
  /** The config file as the user should read its path. */
  file: { path: string; shown: string };
}

type TenantOpts = { tenant?: string };

function readText(path: string, shown: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`cannot read ${what} ${shown}: ${code === 'ENOENT' ? 'file not found' : (code ?? (err as Error).message)}`);
  }
}

/** Open the store (DATABASE_URL), resolve the tenant, run, close. */
async function withTenant(io: CliIo, command: Command, opts: TenantOpts, fn: (ctx: Ctx) => Promise<void>): Promise<void> {
  const env = readEnv(io.env);
  const store = createStore(env.databaseUrl);
  try {
    await store.migrate();
    const tenant = await resolveConfigTenant(store, env, opts.tenant);
    const path = configPathFor(command, io);
    await fn({ store, env, tenant, file: { path, shown: displayPath(path, io) } });
  } finally {
    await store.close();
  }
}

/** A version reference as text: "v3" / "3", "active" (else the file), or "file". */
async function resolveText(ctx: Ctx, io: CliIo, ref: string): Promise<{ name: string; text: string }> {
  if (ref === 'file') return { name: ctx.file.shown, text: readText(ctx.file.path, ctx.file.shown, 'the config file') };
  if (ref === 'active') {
    const active = await ctx.store.getActiveConfigVersion(ctx.tenant);
    if (active) return { name: `${ctx.tenant} ${versionLabel(active.version)} (active)`, text: active.yaml };
    return { name: `${ctx.file.shown} (active: no version published)`, text: readText(ctx.file.path, ctx.file.shown, 'the config file') };
  }
  const version = parseVersionRef(ref);
  const record = await ctx.store.getConfigVersion(ctx.tenant, version);
  if (!record) {
    const known = (await ctx.store.listConfigVersions(ctx.tenant)).map((v) => versionLabel(v.version));
    throw new InputError(`${ctx.tenant} has no config version ${versionLabel(version)}${known.length ? ` (versions: ${known.join(', ')})` : ' (none published yet)'}`);
  }
  if (!record.valid) io.stderr(`note: ${versionLabel(version)} failed validation when published and was never active\n`);
  return { name: `${ctx.tenant} ${versionLabel(version)}`, text: record.yaml };
}

const TENANT_HELP = 'tenant key, e.g. hubspot:123 or pipedrive:456 (or the id alone); default: the only tenant';

export function register(program: Command, io: CliIo): void {
  const config = program
    .command('config')
    .description("A tenant's config versions in the store: list, show, publish, rollback, discard, diff.")
    .addHelpText(
      'after',
      `
Each tenant (HubSpot portal, Pipedrive company) runs its active version; without one, the
config file applies (--config, $LEAD_ROUTER_CONFIG, config/lead-router.yaml). Publishing
validates first and never activates an invalid config; running servers switch within 2 s.
Uses DATABASE_URL like \`lead-router serve\`.

Examples:
  $ lead-router config list
  $ lead-router config publish drafts/territories.yaml -m "new DACH territory"
  $ lead-router config diff 2 3 --tenant hubspot:62515
  $ lead-router config rollback v2
  $ lead-router config publish v4        # publish a stored draft (e.g. from calibrate --apply-as-draft)
  $ lead-router config discard v4`,
    );

  config
    .command('list')
    .description('Every version of the tenant, newest last; * marks the active one.')
    .option('--tenant <tenant>', TENANT_HELP)
    .action(async (opts: TenantOpts, command: Command) =>
      withTenant(io, command, opts, async (ctx) => {
        const versions = await ctx.store.listConfigVersions(ctx.tenant);
        const active = await ctx.store.getActiveConfigVersion(ctx.tenant);
        io.stdout(formatConfigVersions(ctx.tenant, versions, active, ctx.file.shown));
      }),
    );

  config
    .command('show')
    .description('Print a version\'s YAML as it was written (default: the active one, else the config file).')
    .argument('[version]', 'v3 or 3, "active" or "file"', 'active')
    .option('--tenant <tenant>', TENANT_HELP)
    .action(async (ref: string, opts: TenantOpts, command: Command) =>
      withTenant(io, command, opts, async (ctx) => {
        const { text } = await resolveText(ctx, io, ref);
        io.stdout(text.endsWith('\n') ? text : `${text}\n`);
      }),
    );

  config
    .command('publish')
    .description('Validate FILE and, if valid, make it the tenant\'s active version (kept, but not active, when invalid); or publish a stored draft (vN).')
    .argument('<file>', 'the config to publish (YAML), or a stored draft version such as v4')
    .option('--tenant <tenant>', TENANT_HELP)
    .option('-m, --comment <text>', 'why this change (kept with the version)', '')
    .option('--author <name>', 'who publishes (default: $USER)')
    .action(async (file: string, opts: TenantOpts & { comment: string; author?: string }, command: Command) =>
      withTenant(io, command, opts, async (ctx) => {
        const path = configPathFor(command, io, file);
        if (/^v\d+$/i.test(file) && !existsSync(path)) {
          const version = parseVersionRef(file);
          const record = await ctx.store.getConfigVersion(ctx.tenant, version);
          if (record && !record.draft) throw new InputError(`${ctx.tenant} ${versionLabel(version)} is not a draft; use "lead-router config rollback ${versionLabel(version)}" to activate it again`);
          const before = await ctx.store.getActiveConfigVersion(ctx.tenant);
          await rollbackConfig(ctx.store, ctx.tenant, version, opts.author ?? io.env.USER ?? 'cli', Date.now());
          const was = before ? versionLabel(before.version) : `the config file ${ctx.file.shown}`;
          io.stdout(`${ctx.tenant}: published draft ${versionLabel(version)} (active, was ${was}; running servers switch within 2 s)\n`);
          return;
        }
        const shown = displayPath(path, io);
        const yaml = readText(path, shown, 'config file');
        const author = opts.author ?? io.env.USER ?? 'cli';
        try {
          const v = await publishConfig(ctx.store, { tenant: ctx.tenant, yaml, author, comment: opts.comment, now: Date.now(), fileName: shown });
          io.stdout(`${ctx.tenant}: published ${shown} as ${versionLabel(v.version)} (active; running servers switch within 2 s)\n`);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          const kept = (await ctx.store.listConfigVersions(ctx.tenant)).at(-1);
          io.stderr(`${err.message}\n`);
          io.stderr(`${ctx.tenant}: not published; kept as ${kept ? versionLabel(kept.version) : 'a draft'} (invalid, never active). Fix the problems and publish again.\n`);
          throw new ExitCode(1);
        }
      }),
    );

  config
    .command('rollback')
    .description('Make an earlier (valid) version active again.')
    .argument('<version>', 'v3 or 3')
    .option('--tenant <tenant>', TENANT_HELP)
    .action(async (ref: string, opts: TenantOpts, command: Command) =>
      withTenant(io, command, opts, async (ctx) => {
        const version = parseVersionRef(ref);
        const before = await ctx.store.getActiveConfigVersion(ctx.tenant);
        const author = io.env.USER ?? 'cli';
        await rollbackConfig(ctx.store, ctx.tenant, version, author, Date.now());
        const was = before ? versionLabel(before.version) : `the config file ${ctx.file.shown}`;
        io.stdout(`${ctx.tenant}: ${versionLabel(version)} is active (was ${was}); running servers switch within 2 s\n`);
      }),
    );

  config
    .command('discard')
    .description('Discard a draft version (it stays in the history, never active).')
    .argument('<version>', 'v4 or 4')
    .option('--tenant <tenant>', TENANT_HELP)
    .action(async (ref: string, opts: TenantOpts, command: Command) =>
      withTenant(io, command, opts, async (ctx) => {
        const version = parseVersionRef(ref);
        await discardDraftConfig(ctx.store, ctx.tenant, version, Date.now());
        io.stdout(`${ctx.tenant}: draft ${versionLabel(version)} discarded\n`);
      }),
    );

  config
    .command('diff')
    .description('Line diff between two versions ("file" is the config file, "active" the active version).')
    .argument('<a>', 'v3 or 3, "active" or "file"')
    .argument('<b>', 'v3 or 3, "active" or "file"')
    .option('--tenant <tenant>', TENANT_HELP)
    .action(async (a: string, b: string, opts: TenantOpts, command: Command) =>
      withTenant(io, command, opts, async (ctx) => {
        const left = await resolveText(ctx, io, a);
        const right = await resolveText(ctx, io, b);
        const diff = unifiedDiff(left.text, right.text, left.name, right.name);
        io.stdout(diff || `no differences between ${left.name} and ${right.name}\n`);
      }),
    );
}
