// The Rules page's API under /admin/api/rules, behind requireSession like every console route:
// the tenant always comes from the session, never from the request. It reads the tenant's
// active config (its active version, else the config file), validates a draft with the one
// config loader (the same file:line:path:hint as `lead-router validate`), previews a draft on
// the tenant's own recorded decisions (the same runPreview as `lead-router preview`), and
// publishes or rolls back through src/tenants, which never activates an invalid config.
import { readFileSync } from 'node:fs';
import express, { Router } from 'express';
import { z } from 'zod';
import { parseConfigText, type LoadedConfig } from '../../config/load.ts';
import { ConfigError, InputError, LeadRouterError, NotFoundError } from '../../errors.ts';
import { runPreview } from '../../preview/run-preview.ts';
import type { Store, TenantKey } from '../../store/types.ts';
import { configLabel } from '../../tenants/config-label.ts';
import { publishConfig, rollbackConfig } from '../../tenants/config-versions.ts';
import { isUnreviewed } from '../../tenants/install-template.ts';
import { consoleAuthor, sessionOf } from './session.ts';
import { boundPreview, versionItem } from './rules-views.ts';

export interface RulesApiDeps {
  store: Store;
  now: () => number;
  /** The config deciding a tenant's leads (its active version, else the config file). */
  config: (tenant?: string) => LoadedConfig;
  /** After a publish / rollback: this process's pipelines load the new version before the answer. */
  onConfigChanged?: () => Promise<void>;
}

/** A config draft is a few kB (the default config is ~15 kB); 256 kB leaves room and bounds the work. */
const MAX_YAML = 256 * 1024;
/** Preview windows the console offers: the work is bounded by the window (the CLI default is 30 days). */
export const PREVIEW_MAX_DAYS = 90;
const DAY_MS = 86_400_000;

const draftBody = z.strictObject({ yaml: z.string().max(MAX_YAML, `the draft is larger than ${MAX_YAML / 1024} kB`) });
const previewBody = z.strictObject({ yaml: draftBody.shape.yaml, sinceDays: z.number().int().min(1).max(PREVIEW_MAX_DAYS).optional() });
const publishBody = z.strictObject({ yaml: draftBody.shape.yaml, comment: z.string().trim().max(500, 'the comment is longer than 500 characters').optional() });
const rollbackBody = z.strictObject({ version: z.number().int().positive() });

function parseBody<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '');
  } catch {
    throw new InputError(`The ${what} body must be JSON`);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new InputError(`Invalid ${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  return r.data;
}

const DRAFT_NAME = 'draft';

/** Validate a draft with the loader; null issues when valid. */
function check(yaml: string): { loaded: LoadedConfig | null; error: ConfigError | null } {
  try {
    return { loaded: parseConfigText(yaml.charCodeAt(0) === 0xfeff ? yaml.slice(1) : yaml, DRAFT_NAME), error: null };
  } catch (err) {
    if (err instanceof ConfigError) return { loaded: null, error: err };
    throw err;
  }
}

/** 422 with the loader's issues: the draft is well-formed JSON but not a usable config. */
function invalid(res: express.Response, error: ConfigError, extra: Record<string, unknown> = {}): void {
  res.status(422).json({ error: 'CONFIG_INVALID', message: error.message, issues: error.issues, ...extra });
}

export function createRulesApiRouter(deps: RulesApiDeps): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: MAX_YAML * 2 });
  const previewing = new Set<TenantKey>();

  router.get('/admin/api/rules', async (_req, res) => {
    const tenant = sessionOf(res).tenant;
    const active = await deps.store.getActiveConfigVersion(tenant);
    if (active) {
      res.json({ source: 'version', label: `v${active.version}`, version: active.version, yaml: active.yaml, unreviewed: isUnreviewed(active) });
      return;
    }
    const file = deps.config(tenant);
    let yaml: string;
    try {
      yaml = readFileSync(file.file, 'utf8');
    } catch {
      throw new NotFoundError(`The config file ${file.file} cannot be read by this server; publish a version with \`lead-router config publish FILE --tenant ${tenant}\``);
    }
    res.json({ source: 'file', label: configLabel(file), version: null, yaml, unreviewed: false });
  });

  router.get('/admin/api/rules/versions', async (_req, res) => {
    const tenant = sessionOf(res).tenant;
    const [versions, active] = await Promise.all([deps.store.listConfigVersions(tenant), deps.store.getActiveConfigVersion(tenant)]);
    res.json({ active: active?.version ?? null, items: versions.reverse().map((v) => versionItem(v, active)) });
  });

  router.get('/admin/api/rules/versions/:version', async (req, res) => {
    const n = Number(req.params.version);
    if (!Number.isInteger(n) || n < 1) throw new InputError('A version is a number such as 3');
    const record = await deps.store.getConfigVersion(sessionOf(res).tenant, n);
    if (!record) throw new NotFoundError(`No config version v${n} in this tenant`);
    res.json({ version: record.version, yaml: record.yaml });
  });

  router.post('/admin/api/rules/validate', raw, (req, res) => {
    const { yaml } = parseBody(draftBody, req.body, 'validation');
    const { error } = check(yaml);
    res.json({ valid: error === null, issues: error?.issues ?? [] });
  });

  router.post('/admin/api/rules/preview', raw, async (req, res) => {
    const body = parseBody(previewBody, req.body, 'preview');
    const tenant = sessionOf(res).tenant;
    const { loaded, error } = check(body.yaml);
    if (!loaded) return invalid(res, error!);
    // One preview per tenant at a time: a second click while one runs gets a clear 503.
    if (previewing.has(tenant)) throw new LeadRouterError('BUSY', 'A preview of this tenant is already running; wait for it to finish');
    previewing.add(tenant);
    try {
      const sinceDays = body.sinceDays ?? 30;
      const report = await runPreview({ store: deps.store, tenant, compiled: loaded.compiled, configName: 'console draft', since: deps.now() - sinceDays * DAY_MS });
      res.json({ sinceDays, ...boundPreview(report) });
    } finally {
      previewing.delete(tenant);
    }
  });

  router.post('/admin/api/rules/publish', raw, async (req, res) => {
    const body = parseBody(publishBody, req.body, 'publish');
    const tenant = sessionOf(res).tenant;
    try {
      const record = await publishConfig(deps.store, { tenant, yaml: body.yaml, author: consoleAuthor(sessionOf(res)), comment: body.comment ?? '', now: deps.now(), fileName: DRAFT_NAME });
      await deps.onConfigChanged?.();
      res.status(201).json({ version: record.version, label: `v${record.version}` });
    } catch (err) {
      // Kept in the history as an invalid version (with its issues), never activated.
      if (err instanceof ConfigError) return invalid(res, err, { activated: false });
      throw err;
    }
  });

  router.post('/admin/api/rules/rollback', raw, async (req, res) => {
    const { version } = parseBody(rollbackBody, req.body, 'rollback');
    const tenant = sessionOf(res).tenant;
    const active = await rollbackConfig(deps.store, tenant, version, consoleAuthor(sessionOf(res)), deps.now());
    await deps.onConfigChanged?.();
    res.json({ version: active.version, label: `v${active.version}` });
  });

  return router;
}
