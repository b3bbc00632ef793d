// lead-router admin-link [--tenant T] [--as NAME]: print a one-time sign-in link to the admin
// console. Single use, 10 minutes, stored hashed; the session it opens is bound to that one
// tenant and, with --as, signed in as NAME (shown in the console, the author of what it changes).
import type { Command } from 'commander';
import { parseTenantKey, tenantKey } from '../../crm/tenant-key.ts';
import { readEnv, type AppEnv } from '../../env.ts';
import { InputError } from '../../errors.ts';
import { issueAdminLink, ADMIN_LINK_TTL_MS } from '../../server/console/admin-link.ts';
import type { ConsoleUser } from '../../store/console-types.ts';
import { createStore } from '../../store/create-store.ts';
import type { CrmKind, Store } from '../../store/types.ts';
import type { CliIo } from '../io.ts';
import { resolveTenant } from '../tenant-option.ts';

interface Options {
  tenant?: string;
  crm?: string;
  baseUrl?: string;
  as?: string;
}

/** --as NAME: who the link signs in (whoever can run the CLI on the server may name anyone). */
export function operatorUser(name: string | undefined): ConsoleUser | undefined {
  if (name === undefined) return undefined;
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 100 || /[\u0000-\u001f\u007f]/.test(trimmed)) {
    throw new InputError(`--as must be a name or e-mail address of 1 to 100 printable characters, got ${JSON.stringify(name)}`);
  }
  return { id: 'admin-link', name: trimmed };
}

function crmFor(env: AppEnv, flag: string | undefined): CrmKind {
  if (flag !== undefined) {
    if (flag !== 'hubspot' && flag !== 'pipedrive') throw new InputError(`--crm must be hubspot or pipedrive, got "${flag}"`);
    return flag;
  }
  const configured = (['hubspot', 'pipedrive'] as const).filter((c) => env[c]);
  if (configured.length === 1) return configured[0]!;
  throw new InputError(
    configured.length
      ? 'both HubSpot and Pipedrive are configured: name the tenant as --tenant hubspot:<portal id> or pipedrive:<company id>'
      : 'no CRM configured: pass --tenant hubspot:<portal id> or pipedrive:<company id>',
  );
}

export async function tenantFor(env: AppEnv, store: Store, opts: Options): Promise<string> {
  if (opts.tenant?.includes(':')) {
    const parsed = parseTenantKey(opts.tenant);
    if (!parsed) throw new InputError(`--tenant "${opts.tenant}" is not hubspot:<portal id> or pipedrive:<company id>`);
    return tenantKey(parsed.crm, parsed.externalId);
  }
  const crm = crmFor(env, opts.crm);
  return opts.tenant ? tenantKey(crm, opts.tenant) : resolveTenant({ env, store }, crm);
}

function baseUrlOf(env: AppEnv, flag: string | undefined): string {
  const base = flag ?? env.publicBaseUrl ?? `http://localhost:${env.port}`;
  try {
    return new URL(base).toString();
  } catch {
    throw new InputError(`--base-url must be a URL like https://leads.example.com, got "${base}"`);
  }
}

export function register(program: Command, io: CliIo): void {
  program
    .command('admin-link')
    .description('Print a one-time link that signs you in to the admin console for one tenant.')
    .option('--tenant <tenant>', 'hubspot:<portal id>, pipedrive:<company id>, or the id alone; default: the single configured one')
    .option('--crm <crm>', 'hubspot or pipedrive (with a bare --tenant id, when both are configured)')
    .option('--base-url <url>', 'where the browser reaches lead-router (default: $PUBLIC_BASE_URL, else http://localhost:$PORT)')
    .option('--as <name>', 'who signs in: the console shows it and names it as the author of config versions it publishes')
    .addHelpText(
      'after',
      `
The link works once, within ${ADMIN_LINK_TTL_MS / 60_000} minutes; opening it starts a console session (12 hours) bound to
that tenant. Uses the same environment as \`lead-router serve\` (DATABASE_URL); the server must
share the store. Only the link is printed on stdout.

Examples:
  $ lead-router admin-link
  $ lead-router admin-link --tenant hubspot:62515 --as petra@example.com
  $ lead-router admin-link --tenant pipedrive:13176340 --base-url https://leads.example.com`,
    )
    .action(async (opts: Options) => {
      const env = readEnv(io.env);
      const baseUrl = baseUrlOf(env, opts.baseUrl);
      const user = operatorUser(opts.as);
      const store = createStore(env.databaseUrl);
      try {
        await store.migrate();
        const tenant = await tenantFor(env, store, opts);
        const link = await issueAdminLink({ store, now: Date.now() }, tenant, baseUrl, ADMIN_LINK_TTL_MS, user);
        io.stdout(`${link.url}\n`);
        io.stderr(`One-time console link for ${tenant}${user ? ` as ${user.name}` : ''}: open it before ${new Date(link.expiresAt).toISOString()}; it works once.\n`);
      } finally {
        await store.close();
      }
    });
}
