// Reads the zod schema itself to answer "which keys are allowed here?" for did-you-mean
// hints, without duplicating key lists by hand (zod's unrecognized_keys issue only names
// the bad keys).
import type { z } from 'zod';
import type { PathKey } from './config-path.ts';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
}

const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The concrete schemas a value can be checked against (wrappers and unions unfolded). */
function unfold(schema: z.ZodType, out: z.ZodType[] = [], depth = 0): z.ZodType[] {
  if (depth > 20) return out;
  const d = def(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return unfold(d.innerType!, out, depth + 1);
    case 'pipe':
      return unfold(d.in!, out, depth + 1);
    case 'lazy':
      return unfold(d.getter!(), out, depth + 1);
    case 'union':
      for (const o of d.options!) unfold(o, out, depth + 1);
      return out;
    default:
      out.push(schema);
      return out;
  }
}

/** Every concrete schema that can sit at `path` under `root`. */
export function schemasAt(root: z.ZodType, path: readonly PathKey[]): z.ZodType[] {
  let current = unfold(root);
  for (const key of path) {
    const next: z.ZodType[] = [];
    for (const s of current) {
      const d = def(s);
      if (d.type === 'object' && typeof key === 'string' && d.shape![key]) next.push(...unfold(d.shape![key]!));
      else if (d.type === 'record' && typeof key === 'string') next.push(...unfold(d.valueType!));
      else if (d.type === 'array' && typeof key === 'number') next.push(...unfold(d.element!));
      else if (d.type === 'tuple' && typeof key === 'number' && d.items![key]) next.push(...unfold(d.items![key]!));
    }
    current = next;
  }
  return current;
}

/** Keys allowed in the object at `path` (union of all object forms that can sit there). */
export function allowedKeysAt(root: z.ZodType, path: readonly PathKey[]): string[] {
  const keys = new Set<string>();
  for (const s of schemasAt(root, path)) {
    const d = def(s);
    if (d.type === 'object') for (const k of Object.keys(d.shape!)) keys.add(k);
  }
  return [...keys];
}

function isOptional(s: z.ZodType): boolean {
  const t = def(s).type;
  return t === 'optional' || t === 'default' || t === 'prefault';
}

/** The alternative object forms at `path`, by their required keys: "{owner} | {team} | ...". */
export function describeFormsAt(root: z.ZodType, path: readonly PathKey[]): string | undefined {
  const forms: string[] = [];
  for (const s of schemasAt(root, path)) {
    const d = def(s);
    if (d.type !== 'object') forms.push(d.type);
    else {
      const req = Object.entries(d.shape!).filter(([, v]) => !isOptional(v)).map(([k]) => k);
      forms.push(`{ ${(req.length ? req : Object.keys(d.shape!).slice(0, 3)).join(', ')} }`);
    }
  }
  const unique = [...new Set(forms)];
  return unique.length > 1 ? unique.join(' | ') : undefined;
}

/** The values an enum / literal at `path` accepts (for hints on a wrong value). */
export function enumValuesAt(root: z.ZodType, path: readonly PathKey[]): string[] {
  const values: string[] = [];
  for (const s of schemasAt(root, path)) {
    const d = def(s) as Def & { entries?: Record<string, unknown>; values?: unknown[] };
    if (d.type === 'enum' && d.entries) values.push(...Object.values(d.entries).map(String));
    if (d.type === 'literal' && d.values) values.push(...d.values.map(String));
  }
  return values;
}
