// Validators for environment values (src/env.ts is the only reader of the environment; these
// only check strings handed to them). Each error names the variable and what to set.
import { EnvError } from './errors.ts';

export function positiveInt(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new EnvError([name], `${name} must be a positive integer, got "${v}"`);
  return n;
}

export function oneOf<T extends string>(name: string, v: string | undefined, allowed: readonly T[], dflt: T): T {
  if (v === undefined) return dflt;
  if (!(allowed as readonly string[]).includes(v)) {
    throw new EnvError([name], `${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  }
  return v as T;
}

export function url(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  try {
    const u = new URL(v);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
    return v.replace(/\/+$/, '');
  } catch {
    throw new EnvError([name], `${name} must be an http(s) URL, got "${v}"`);
  }
}

export function require(names: string[], env: Record<string, string | undefined>, why: string): void {
  const missing = names.filter((n) => env[n] === undefined);
  if (missing.length) throw new EnvError(missing, `Missing ${missing.join(', ')}: ${why}`);
}

/** "true"/"1" or "false"/"0" (default false); anything else is a typo worth stopping for. */
export function flag(name: string, v: string | undefined): boolean {
  if (v === undefined) return false;
  const s = v.toLowerCase();
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw new EnvError([name], `${name} must be true or false, got "${v}"`);
}

/** A secret of at least `min` characters (undefined passes: requiredness is checked apart). */
export function minLength(name: string, v: string | undefined, min: number, why: string): string | undefined {
  if (v !== undefined && v.length < min) {
    throw new EnvError([name], `${name} is too short: ${v.length} characters, at least ${min} are required: ${why}`);
  }
  return v;
}
