// The JSON Schema editors use for autocompletion and tooltips (yaml-language-server reads
// the `# yaml-language-server: $schema=...` line at the top of each config file). Generated
// from the zod schema so it never drifts; `npm run schema` writes it, a test checks it.
import { z } from 'zod';
import { configSchema } from './schema.ts';

/** The committed schema file, relative to the repository root. */
export const CONFIG_JSON_SCHEMA_PATH = 'config/lead-router.schema.json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function renameRefs(node: Json, names: Map<string, string>): Json {
  if (Array.isArray(node)) return node.map((n) => renameRefs(n, names));
  if (node === null || typeof node !== 'object') return node;
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out[k] = v.replace(/^#\/\$defs\/(.+)$/, (_, id: string) => `#/$defs/${names.get(id) ?? id}`);
    else if (k === '$defs' && v && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = Object.fromEntries(Object.entries(v).map(([id, d]) => [names.get(id) ?? id, renameRefs(d, names)]));
    } else out[k] = renameRefs(v, names);
  }
  return out;
}

/** Input-side schema: keys with defaults are optional, as an admin writes them. */
export function generateConfigJsonSchema(): string {
  const raw = z.toJSONSchema(configSchema, { io: 'input' }) as { [k: string]: Json };
  // The recursive routing condition (all / any / not / predicate) is the only cycle; zod
  // names it __schemaN. Give it a readable name for editors' hover text.
  const names = new Map<string, string>();
  const defs = (raw.$defs ?? {}) as { [k: string]: Json };
  for (const [id, d] of Object.entries(defs)) {
    const text = JSON.stringify(d);
    if (/^__schema\d+$/.test(id) && text.includes('"required":["all"]') && text.includes('"required":["not"]')) {
      names.set(id, 'Condition');
    }
  }
  const schema = renameRefs({ ...raw, title: 'lead-router config', description: 'lead-router admin config (config/lead-router.yaml). Generated from src/config/schema.ts by `npm run schema`; do not edit.' }, names);
  return `${JSON.stringify(schema, null, 2)}\n`;
}
