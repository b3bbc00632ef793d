// A marketplace install starts from a template chosen at install (`/oauth/<crm>/install?template=
// vertical-teams`: one of the shipped config/examples). Its example owners are replaced by the
// CRM's active users (in order; owners left over keep their example address and are skipped as
// unknown users when routing), everywhere the template names them (owners, teams, rules,
// fallback). The version is published by INSTALL_TEMPLATE_AUTHOR and counts as "not yet
// reviewed" until an admin publishes a version of their own (`config list` says so).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, isMap, isScalar, isSeq, visit } from 'yaml';
import type { CrmOwner } from '../crm/types.ts';
import type { ConfigVersionRecord, Store, TenantKey } from '../store/types.ts';
import { publishConfig } from './config-versions.ts';

export const INSTALL_TEMPLATE_AUTHOR = 'lead-router install';
export const TEMPLATE_DIR = join(import.meta.dirname, '../../config/examples');

/** The templates an install may choose: the shipped examples, by file name without `.yaml`. */
export function templateNames(dir = TEMPLATE_DIR): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
}

export function isUnreviewed(version: Pick<ConfigVersionRecord, 'author'> | null): boolean {
  return version?.author === INSTALL_TEMPLATE_AUTHOR;
}

/** The template's YAML with its owners replaced by the CRM's active users (comments kept). */
export function resolveTemplateOwners(yamlText: string, users: readonly CrmOwner[]): { yaml: string; mapped: number } {
  const doc = parseDocument(yamlText);
  const owners = doc.get('owners');
  const active = users.filter((u) => u.active && u.email);
  const rename = new Map<string, string>();
  if (isSeq(owners)) {
    owners.items.forEach((item, i) => {
      const user = active[i];
      if (!user || !isMap(item)) return;
      const email = item.get('email');
      if (typeof email === 'string') rename.set(email.toLowerCase(), user.email);
      if (user.name) item.set('name', user.name);
    });
  }
  visit(doc, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && rename.has(node.value.toLowerCase())) node.value = rename.get(node.value.toLowerCase());
    },
  });
  return { yaml: doc.toString(), mapped: rename.size };
}

/**
 * Publish the template for a newly installed tenant. A tenant that already has versions (a
 * reinstall) keeps them: nothing is published. Returns the version, or null when kept.
 */
export async function startFromTemplate(
  store: Store,
  o: { tenant: TenantKey; template: string; users: readonly CrmOwner[]; now: number; dir?: string },
): Promise<ConfigVersionRecord | null> {
  if ((await store.listConfigVersions(o.tenant)).length > 0) return null;
  const dir = o.dir ?? TEMPLATE_DIR;
  if (!templateNames(dir).includes(o.template)) throw new RangeError(`unknown template "${o.template}"`);
  const { yaml, mapped } = resolveTemplateOwners(readFileSync(join(dir, `${o.template}.yaml`), 'utf8'), o.users);
  return publishConfig(store, {
    tenant: o.tenant,
    yaml,
    author: INSTALL_TEMPLATE_AUTHOR,
    comment: `template ${o.template} at install; ${mapped} owner(s) from the CRM's users; not yet reviewed`,
    now: o.now,
    fileName: `${o.template}.yaml (install template)`,
  });
}

