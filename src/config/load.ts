// The one config loader shared by server, CLI and tests: YAML -> zod -> semantic checks ->
// compiled config. Every problem becomes a ConfigIssue with its path, line, column and a
// hint, and all of them are reported at once in one ConfigError.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { compileConfig } from '../engine/compile.ts';
import type { CompiledConfig } from '../engine/types.ts';
import { ConfigError, type ConfigIssue } from '../errors.ts';
import { checkConsistency } from './check-consistency.ts';
import { checkReferences } from './check-references.ts';
import { formatPath } from './config-path.ts';
import { explainZodIssues, type DraftIssue } from './explain-zod-issues.ts';
import { createLocator, type Locator } from './locate-in-yaml.ts';
import { configSchema, type LeadRouterConfig } from './schema.ts';

export interface LoadedConfig {
  file: string;
  config: LeadRouterConfig;
  compiled: CompiledConfig;
  /** sha256 (hex) of the file's text: identifies the config version in audits and diffs. */
  hash: string;
  /** Set for a tenant's stored version ("v3"); absent for the config file (src/tenants/config-label.ts). */
  version?: string;
}

/** Issues placed in the source and ordered by line, so the list reads top to bottom. */
function place(drafts: DraftIssue[], locate: Locator): ConfigIssue[] {
  const placed = drafts.map((d): ConfigIssue => {
    const pos = locate(d.path, { key: d.atKey ?? false });
    return {
      path: formatPath(d.path),
      message: d.message,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      ...(d.hint ? { hint: d.hint } : {}),
    };
  });
  return placed.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Parse and validate config text; `fileName` is used in messages only. Throws ConfigError. */
export function parseConfigText(text: string, fileName: string): LoadedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, merge: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      fileName,
      doc.errors.map((e) => {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        return { path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}`, line, column: col, hint: yamlHint(e.code) };
      }),
    );
  }
  const input: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (input === null || input === undefined) {
    throw new ConfigError(fileName, [{ path: '', message: 'the config is empty', hint: 'start from config/lead-router.yaml' }]);
  }
  const locate = createLocator(doc, lineCounter);
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(fileName, place(explainZodIssues(parsed.error.issues, input, configSchema), locate));
  }
  const config = parsed.data;
  const semantic = [...checkReferences(config), ...checkConsistency(config)];
  if (semantic.length > 0) throw new ConfigError(fileName, place(semantic, locate));
  return {
    file: fileName,
    config,
    compiled: compileConfig(config),
    hash: createHash('sha256').update(text).digest('hex'),
  };
}

function yamlHint(code: string): string | undefined {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once per mapping';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and closing brackets/quotes';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a value containing ": " must be quoted';
    default:
      return undefined;
  }
}

/**
 * Read, parse and validate a config file. A file that cannot be read is reported as a
 * ConfigError with a single issue (path "(root)"), so callers catch one error type for
 * "the config is not usable".
 */
export function loadConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read file (${code ?? (err as Error).message})`;
    throw new ConfigError(path, [
      { path: '', message, hint: 'pass --config <file> or set LEAD_ROUTER_CONFIG; the default is config/lead-router.yaml' },
    ]);
  }
  return parseConfigText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, path);
}
