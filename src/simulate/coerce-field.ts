// A raw value from a lead file -> the FieldValue the engine sees, by the field's configured
// type (fields.<alias>.type). Errors name what was expected so the row can be fixed.
import type { FieldValue } from '../engine/types.ts';
import { parseTimeValue } from './parse-time.ts';

export type FieldType = 'string' | 'number' | 'boolean' | 'date';

export type Coerced = { ok: true; value: FieldValue | undefined } | { ok: false; error: string };

const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
}

/** Empty strings and null mean "no value" (undefined), like an empty CRM property. */
export function coerceFieldValue(raw: unknown, type: FieldType): Coerced {
  if (raw === undefined || raw === null) return { ok: true, value: undefined };
  if (typeof raw === 'string' && raw.trim() === '') return { ok: true, value: undefined };
  if (typeof raw === 'object') return { ok: false, error: `expected a single value, got ${Array.isArray(raw) ? 'a list' : 'an object'}` };
  switch (type) {
    case 'number': {
      if (typeof raw === 'number') return Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, error: 'expected a finite number' };
      // "1 200" and "1,200" are thousands separators as CRMs export them.
      const text = String(raw).trim().replace(/[\s,](?=\d{3}\b)/g, '');
      const n = /^[-+]?(\d+(\.\d+)?|\.\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text) : NaN;
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `expected a number, got ${show(raw)}` };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const t = String(raw).trim().toLowerCase();
      if (TRUE.has(t)) return { ok: true, value: true };
      if (FALSE.has(t)) return { ok: true, value: false };
      return { ok: false, error: `expected true or false, got ${show(raw)}` };
    }
    case 'date': {
      const ms = parseTimeValue(raw);
      return ms === undefined
        ? { ok: false, error: `expected an ISO date like 2026-03-10 or 2026-03-10T09:30:00Z, got ${show(raw)}` }
        : { ok: true, value: new Date(ms).toISOString() };
    }
    default:
      return { ok: true, value: typeof raw === 'string' ? raw.trim() : (raw as number | boolean) };
  }
}
