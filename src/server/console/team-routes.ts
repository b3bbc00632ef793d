// The Team page's API: GET the reps (load, hours, availability, absences) and the tenant's
// recent config versions; admins add or end an out-of-office period as a config change that is
// previewed on the tenant's recent decisions first and then published as a new version (author
// = this console session, with a comment), so it shows in the version history like any edit.
// Writes pass requireSession's CSRF check (mounted under /admin/api by the console router).
import express, { Router } from 'express';
import { z } from 'zod';
import { parseConfigText, type LoadedConfig } from '../../config/load.ts';
import { ConfigError, InputError } from '../../errors.ts';
import { runPreview } from '../../preview/run-preview.ts';
import type { Store, TenantKey } from '../../store/types.ts';
import { versionLabel } from '../../tenants/config-label.ts';
import { loadConfigVersion, publishConfig } from '../../tenants/config-versions.ts';
import { addOutOfOffice, endOutOfOffice, localDay, runningConfigText } from '../../tenants/out-of-office.ts';
import { parseInput, readJsonBody } from './console-input.ts';
import { consoleAuthor, requireSession, sessionOf } from './session.ts';
import { buildTeamView } from './team-view.ts';

export interface TeamRoutesDeps {
  store: Store;
  now: () => number;
  config: (tenant?: string) => LoadedConfig;
  /** After a publish / rollback: this process's pipelines load the new version before the answer. */
  onConfigChanged?: () => Promise<void>;
}

/** The preview replays this much of the tenant's history (a period ahead changes only leads arriving then). */
export const OOO_PREVIEW_DAYS = 7;
const DAY_MS = 86_400_000;
const MOVED_SHOWN = 20;

const change = z.strictObject({
  action: z.enum(['add', 'end']),
  owner: z.string().trim().min(3).max(320),
  from: z.string().trim().max(10),
  to: z.string().trim().max(10),
  note: z.string().trim().max(200).optional(),
  comment: z.string().trim().max(500).optional(),
  /** The version the preview was made on ("v4", "file"); publish refuses if the config moved on. */
  basedOn: z.string().max(40).optional(),
});
type Change = z.infer<typeof change>;
const SHAPE = '{"action": "add"|"end", "owner": "<email>", "from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "note"?, "comment"?}';

/** The running config, or the freshly activated version when the poll has not loaded it yet. */
async function currentConfig(deps: TeamRoutesDeps, tenant: TenantKey): Promise<LoadedConfig> {
  const loaded = deps.config(tenant);
  const active = await deps.store.getActiveConfigVersion(tenant);
  if (active && loaded.version !== versionLabel(active.version)) return loadConfigVersion(active);
  return loaded;
}

async function draftOf(deps: TeamRoutesDeps, tenant: TenantKey, c: Change) {
  const running = await currentConfig(deps, tenant);
  const base = await runningConfigText(deps.store, tenant, running);
  const owner = running.config.owners.find((o) => o.email.toLowerCase() === c.owner.toLowerCase());
  const today = localDay(deps.now(), owner?.timezone || 'UTC');
  let yaml: string;
  let summary: string;
  if (c.action === 'add') {
    yaml = addOutOfOffice(base.yaml, c.owner, { from: c.from, to: c.to, ...(c.note ? { note: c.note } : {}) });
    summary = `${c.owner} out of office ${c.from}..${c.to}${c.note ? ` (${c.note})` : ''}`;
  } else {
    const ended = endOutOfOffice(base.yaml, c.owner, { from: c.from, to: c.to }, today);
    yaml = ended.yaml;
    summary = ended.action === 'removed' ? `${c.owner}: out-of-office ${c.from}..${c.to} removed` : `${c.owner}: out-of-office ${c.from}..${c.to} ended (back from ${today})`;
  }
  let loaded: LoadedConfig;
  try {
    loaded = parseConfigText(yaml, `${tenant} draft`);
  } catch (err) {
    // The running config itself fails this lead-router's checks: say so, publish nothing.
    if (err instanceof ConfigError) throw new InputError(`This change cannot be published: the config would be invalid. ${err.message}`);
    throw err;
  }
  return { yaml, loaded, summary, basedOn: base.basedOn, owner: c.owner.toLowerCase() };
}

export function createTeamRouter(deps: TeamRoutesDeps): Router {
  const router = Router();
  router.use('/admin/api/team', (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    next();
  });
  router.use('/admin/api/team', requireSession(deps));
  const body = express.raw({ type: () => true, limit: '4kb' });

  router.get('/admin/api/team', async (_req, res) => {
    const tenant = sessionOf(res).tenant;
    const now = deps.now();
    const [view, versions] = await Promise.all([currentConfig(deps, tenant).then((c) => buildTeamView(deps.store, tenant, c, now)), deps.store.listConfigVersions(tenant)]);
    const active = await deps.store.getActiveConfigVersion(tenant);
    res.json({
      ...view,
      versions: versions
        .slice(-8)
        .reverse()
        .map((v) => ({ version: versionLabel(v.version), author: v.author, comment: v.comment, at: v.createdAt, valid: v.valid, active: active?.version === v.version, draft: v.draft === true && v.discardedAt === undefined })),
    });
  });

  router.post('/admin/api/team/out-of-office/preview', body, async (req, res) => {
    const c = parseInput(change, readJsonBody(req.body, SHAPE), 'out-of-office change');
    const tenant = sessionOf(res).tenant;
    const draft = await draftOf(deps, tenant, c);
    const since = deps.now() - OOO_PREVIEW_DAYS * DAY_MS;
    const report = await runPreview({ store: deps.store, tenant, compiled: draft.loaded.compiled, configName: draft.summary, since });
    const moved = report.changes.filter((ch) => ch.changed.includes('owner'));
    res.json({
      summary: draft.summary,
      basedOn: draft.basedOn,
      since: report.since,
      decisions: report.decisions,
      withoutInput: report.withoutInput,
      moved: moved.length,
      movedFromOwner: moved.filter((m) => m.recorded.owner === draft.owner).length,
      leads: moved.slice(0, MOVED_SHOWN).map((m) => ({ leadId: m.id, at: m.at, from: m.recorded.owner, to: m.draft.owner, reasons: m.draft.reasons })),
      fallback: report.fallback.length,
    });
  });

  router.post('/admin/api/team/out-of-office', body, async (req, res) => {
    const c = parseInput(change, readJsonBody(req.body, SHAPE), 'out-of-office change');
    const session = sessionOf(res);
    const draft = await draftOf(deps, session.tenant, c);
    if (c.basedOn !== undefined && c.basedOn !== draft.basedOn) {
      throw new InputError(`The config changed since this preview (it was ${c.basedOn}, now ${draft.basedOn}): preview again before publishing`);
    }
    const record = await publishConfig(deps.store, {
      tenant: session.tenant,
      yaml: draft.yaml,
      author: consoleAuthor(session),
      comment: c.comment?.trim() || draft.summary,
      now: deps.now(),
    });
    await deps.onConfigChanged?.();
    res.status(201).json({ version: versionLabel(record.version), summary: draft.summary });
  });
  return router;
}
