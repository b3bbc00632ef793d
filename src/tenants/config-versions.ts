// A tenant's config versions: publish (validate first, record the result, activate only a
// valid config), roll back to an earlier valid version, and load a stored version as the
// running config. The store keeps the history append-only (src/store/types.ts).
import { parseConfigText, type LoadedConfig } from '../config/load.ts';
import { ConfigError, InputError } from '../errors.ts';
import type { ActiveConfigVersion, ConfigVersionRecord, Store, TenantKey } from '../store/types.ts';
import { versionLabel } from './config-label.ts';

export interface PublishInput {
  tenant: TenantKey;
  /** The YAML text as written (kept verbatim). */
  yaml: string;
  author: string;
  comment?: string;
  now: number;
  /** Shown in validation messages, like `validate` shows the file ("drafts/new.yaml:12:5 ..."). */
  fileName?: string;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Validate and publish. A valid config becomes the tenant's active version at once; an invalid
 * one is kept in the history (with its issues) but never activated, and the ConfigError is
 * thrown with the same file:line:column, path and hint as `validate`.
 */
export async function publishConfig(store: Store, input: PublishInput): Promise<ConfigVersionRecord> {
  const fileName = input.fileName ?? `${input.tenant} draft`;
  let error: ConfigError | null = null;
  try {
    parseConfigText(stripBom(input.yaml), fileName);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    error = err;
  }
  const record = await store.appendConfigVersion(
    {
      tenant: input.tenant,
      yaml: input.yaml,
      author: input.author,
      comment: input.comment ?? '',
      createdAt: input.now,
      valid: error === null,
      issues: error?.issues ?? [],
    },
    { activate: error === null },
  );
  if (error) throw error;
  return record;
}

/** Activate an earlier (or any other valid) version. Unknown or invalid versions are refused with the fix. */
export async function rollbackConfig(store: Store, tenant: TenantKey, version: number, by: string, now: number): Promise<ActiveConfigVersion> {
  const record = await store.getConfigVersion(tenant, version);
  if (!record) {
    const known = (await store.listConfigVersions(tenant)).map((v) => versionLabel(v.version));
    throw new InputError(
      `${tenant} has no config version ${versionLabel(version)}` + (known.length ? ` (versions: ${known.join(', ')})` : ' (no versions published yet: use "lead-router config publish FILE")'),
    );
  }
  if (!record.valid) {
    throw new InputError(`${tenant} ${versionLabel(version)} failed validation when it was published and cannot be activated; publish a fixed config instead`);
  }
  if (record.discardedAt !== undefined) {
    throw new InputError(`${tenant} ${versionLabel(version)} is a discarded draft and cannot be activated; save it again as a new draft or publish a file`);
  }
  await store.activateConfigVersion(tenant, version, by, now);
  const active = await store.getActiveConfigVersion(tenant);
  if (!active) throw new InputError(`${tenant} ${versionLabel(version)} could not be activated`);
  return active;
}

/**
 * Keep a config as a draft: validated like a publish (an invalid draft is refused with the same
 * messages and not stored), never active until an admin publishes it (`config publish vN`).
 */
export async function saveDraftConfig(store: Store, input: PublishInput): Promise<ConfigVersionRecord> {
  parseConfigText(stripBom(input.yaml), input.fileName ?? `${input.tenant} draft`);
  return store.appendConfigVersion(
    { tenant: input.tenant, yaml: input.yaml, author: input.author, comment: input.comment ?? '', createdAt: input.now, valid: true, issues: [], draft: true },
    { activate: false },
  );
}

/** Discard a draft; anything else is refused with the reason. */
export async function discardDraftConfig(store: Store, tenant: TenantKey, version: number, now: number): Promise<void> {
  const record = await store.getConfigVersion(tenant, version);
  if (!record) throw new InputError(`${tenant} has no config version ${versionLabel(version)} (see "lead-router config list")`);
  if (record.discardedAt !== undefined) throw new InputError(`${tenant} ${versionLabel(version)} was already discarded`);
  if (!record.draft) throw new InputError(`${tenant} ${versionLabel(version)} is not a draft (it was published); only drafts can be discarded, use "config rollback" to activate another version`);
  if (!(await store.discardConfigVersion(tenant, version, now))) throw new InputError(`${tenant} ${versionLabel(version)} could not be discarded (published meanwhile?)`);
}

/** A stored version as a running config, labelled "v<n>" (it was valid when published). */
export function loadConfigVersion(record: ConfigVersionRecord): LoadedConfig {
  const loaded = parseConfigText(stripBom(record.yaml), `${record.tenant} ${versionLabel(record.version)}`);
  return { ...loaded, version: versionLabel(record.version) };
}
