// `lead-router config list` output: one row per version, the active one marked.
import { isUnreviewed } from '../../tenants/install-template.ts';
import type { ActiveConfigVersion, ConfigVersionRecord } from '../../store/types.ts';
import { versionLabel } from '../../tenants/config-label.ts';
import { renderTable } from './text-table.ts';

function status(v: ConfigVersionRecord, active: ActiveConfigVersion | null): string {
  if (!v.valid) return `invalid (${v.issues.length} problem${v.issues.length === 1 ? '' : 's'})`;
  if (v.discardedAt !== undefined) return 'draft, discarded';
  if (v.draft) return 'draft';
  const state = active?.version === v.version ? 'active' : 'valid';
  return isUnreviewed(v) ? `${state}, not yet reviewed` : state;
}

export function formatConfigVersions(tenant: string, versions: readonly ConfigVersionRecord[], active: ActiveConfigVersion | null, fileName: string, width = 100): string {
  if (versions.length === 0) return `${tenant}: no config versions; the config file applies (${fileName})\n`;
  const head = active
    ? `${tenant}: ${versionLabel(active.version)} active since ${new Date(active.activatedAt).toISOString()} (by ${active.activatedBy})`
    : `${tenant}: no active version; the config file applies (${fileName})`;
  const review = isUnreviewed(active) ? '\nnot yet reviewed: the active version came from the install template; publish a reviewed version to clear this' : '';
  const table = renderTable(
    versions,
    [
      { header: 'VERSION', value: (v) => `${active?.version === v.version ? '*' : ' '}${versionLabel(v.version)}` },
      { header: 'STATUS', value: (v) => status(v, active) },
      { header: 'CREATED', value: (v) => new Date(v.createdAt).toISOString() },
      { header: 'AUTHOR', value: (v) => v.author, max: 32 },
      { header: 'COMMENT', value: (v) => v.comment || '-', flex: true },
    ],
    width,
  );
  const drafts = versions.filter((v) => v.draft && v.discardedAt === undefined).map((v) => versionLabel(v.version));
  const note = drafts.length
    ? `draft${drafts.length === 1 ? '' : 's'} ${drafts.join(', ')}: not active; preview with "lead-router preview --draft ${drafts.at(-1)}", then "config publish ${drafts.at(-1)}" or "config discard ${drafts.at(-1)}"\n`
    : '';
  return `${head}${review}\n${table}${table.endsWith('\n') ? '' : '\n'}${note}`;
}
