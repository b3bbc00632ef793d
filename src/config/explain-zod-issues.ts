// Turns zod issues into admin-readable ConfigIssues: exact path, a message that shows the
// offending value, and a hint (did-you-mean for keys and enum values, the valid values,
// "remove the quotes"). Unions (rule kinds, targets, conditions) report the branch that
// fits the input best instead of zod's "Invalid input".
import type { z } from 'zod';
import { formatPath, valueAt, type PathKey } from './config-path.ts';
import { hintFor, suggestClosest } from './did-you-mean.ts';
import { allowedKeysAt, describeFormsAt, enumValuesAt } from './schema-introspect.ts';

type RawIssue = z.core.$ZodIssue;

/** An issue before it is placed in the YAML source. */
export interface DraftIssue {
  path: PathKey[];
  message: string;
  hint?: string;
  /** Point at the key rather than the value (unknown / invalid keys). */
  atKey?: boolean;
  /** Set for "unknown key" drafts: the key it most likely meant. */
  meant?: string;
  /** Set for "missing required key" drafts. */
  missing?: boolean;
  /** Set for a plain type mismatch (used to merge union branches). */
  expected?: string;
}

interface Ctx {
  schema: z.ZodType;
  input: unknown;
}

const KIND: Record<string, string> = { object: 'a mapping', record: 'a mapping', array: 'a list', tuple: 'a list' };

/** "string '10'", "number 5", "a list", "nothing". */
export function describeValue(v: unknown): string {
  if (v === undefined || v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `string '${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  return `${typeof v} ${String(v)}`;
}

function typeHint(expected: string, value: unknown): string | undefined {
  if (expected === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    return `remove the quotes: ${value.trim()}`;
  }
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return `quote it: '${String(value)}'`;
  }
  if (expected === 'boolean' && typeof value === 'string') return 'use true or false, without quotes';
  if ((expected === 'array' || expected === 'tuple') && value !== null && typeof value !== 'object') {
    return `use a list, e.g. [${JSON.stringify(value)}]`;
  }
  return undefined;
}

function isZodDefault(message: string): boolean {
  return /^(Invalid|Too (small|big)|Expected)/.test(message);
}

function explainOne(issue: RawIssue, prefix: PathKey[], ctx: Ctx): DraftIssue[] {
  const path = [...prefix, ...(issue.path as PathKey[])];
  const value = valueAt(ctx.input, path);
  const last = path[path.length - 1];
  switch (issue.code) {
    case 'invalid_union':
      return explainUnion(issue.errors, path, ctx);
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(ctx.schema, path);
      return issue.keys.map((key) => {
        const meant = suggestClosest(key, allowed);
        const rest = `allowed keys: ${allowed.join(', ')}`;
        return {
          path: [...path, key],
          message: `unknown key '${key}'`,
          hint: meant ? `did you mean '${meant}'? ${rest}` : rest,
          atKey: true,
          ...(meant ? { meant } : {}),
        };
      });
    }
    case 'invalid_type': {
      if (value === undefined) {
        return [{ path, message: `missing required key '${String(last)}'`, missing: true }];
      }
      const expected = KIND[issue.expected] ?? issue.expected;
      const base = isZodDefault(issue.message) ? `expected ${expected}` : issue.message;
      const hint = typeHint(issue.expected, value);
      return [{ path, message: `${base}, got ${describeValue(value)}`, expected, ...(hint ? { hint } : {}) }];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const shown = typeof value === 'string' ? `'${value}'` : describeValue(value);
      if (values.length === 1) return [{ path, message: `expected ${JSON.stringify(issue.values[0])}, got ${shown}` }];
      const hint = hintFor(String(value), enumValuesAt(ctx.schema, path).length ? enumValuesAt(ctx.schema, path) : values);
      return [{ path, message: `invalid value ${shown}`, ...(hint ? { hint } : {}) }];
    }
    case 'invalid_format': {
      const what = isZodDefault(issue.message) ? `invalid ${issue.format}` : issue.message;
      return [{ path, message: `${what}, got ${describeValue(value)}` }];
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'array') {
        return [{ path, message: small ? `needs at least ${bound} item${bound === 1 ? '' : 's'}` : `allows at most ${bound} items` }];
      }
      if (issue.origin === 'string') {
        return [{ path, message: small && Number(bound) <= 1 ? 'must not be empty' : `length must be ${small ? '>=' : '<='} ${bound}` }];
      }
      const op = small ? (inclusive ? '>=' : '>') : inclusive ? '<=' : '<';
      return [{ path, message: `must be ${op} ${bound}, got ${describeValue(value)}` }];
    }
    case 'invalid_key': {
      const inner = issue.issues[0]?.message ?? 'invalid key';
      return [{ path, message: `invalid key '${String(last)}': ${inner}`, atKey: true }];
    }
    case 'not_multiple_of':
    case 'invalid_element':
    case 'custom':
    default:
      return [{ path, message: issue.message }];
  }
}

/** Drop "missing 'points'" when the same object has an unknown key 'point' that meant it. */
function mergeTypos(drafts: DraftIssue[]): DraftIssue[] {
  const meant = new Set(
    drafts.filter((d) => d.meant).map((d) => formatPath([...d.path.slice(0, -1), d.meant!])),
  );
  return drafts.filter((d) => !(d.missing && meant.has(formatPath(d.path))));
}

/** How badly a union branch fits: wrong/unknown keys at its own level weigh most. */
function branchCost(drafts: DraftIssue[], depth: number): number {
  let cost = 0;
  for (const d of drafts) {
    const shallow = d.path.length - depth <= 1;
    const base = d.atKey ? 3 : 1;
    cost += shallow ? base : base / 2;
  }
  return cost;
}

function explainUnion(branches: RawIssue[][], path: PathKey[], ctx: Ctx): DraftIssue[] {
  const value = valueAt(ctx.input, path);
  if (branches.length === 0) return [{ path, message: `invalid value ${describeValue(value)}` }];
  const explained = branches.map((b) => mergeTypos(b.flatMap((i) => explainOne(i, path, ctx))));
  // Every branch rejects the value's type outright: one message naming all accepted forms.
  const sameSpot = (d: DraftIssue[]) => d.length === 1 && formatPath(d[0]!.path) === formatPath(path);
  if (explained.every((d) => sameSpot(d) && (d[0]!.expected || d[0]!.missing))) {
    if (value === undefined) return [{ path, message: `missing required key '${String(path[path.length - 1])}'`, missing: true }];
    const expected = [...new Set(explained.map((d) => d[0]!.expected))].join(' or ');
    const forms = describeFormsAt(ctx.schema, path);
    return [{ path, message: `expected ${expected}, got ${describeValue(value)}`, ...(forms ? { hint: `one of: ${forms}` } : {}) }];
  }
  let best = explained[0]!;
  let bestCost = branchCost(best, path.length);
  for (const e of explained.slice(1)) {
    const c = branchCost(e, path.length);
    if (c < bestCost) {
      best = e;
      bestCost = c;
    }
  }
  return best;
}

/** All issues, explained, with union branches resolved and key typos merged. */
export function explainZodIssues(issues: readonly RawIssue[], input: unknown, schema: z.ZodType): DraftIssue[] {
  const ctx: Ctx = { schema, input };
  return mergeTypos(issues.flatMap((i) => explainOne(i, [], ctx)));
}
