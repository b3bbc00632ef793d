// Engagement events in lead files. CSV cell: "type@ISO" entries separated by ";", each
// optionally with properties: "page_view@2026-03-01T10:00:00Z@url=/pricing". JSON: a list
// of { type, at, props? } with `at` an ISO string or epoch ms.
import type { EngagementEvent } from '../engine/types.ts';
import { parseIsoTime, parseTimeValue } from './parse-time.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const TYPE = /^[A-Za-z][\w.:-]*$/;
const EXAMPLE = 'e.g. "email_open@2026-03-01T10:00:00Z; page_view@2026-03-02@url=/pricing"';

export function parseEventsCell(cell: string): Parsed<EngagementEvent[]> {
  const events: EngagementEvent[] = [];
  const entries = cell.split(';').map((e) => e.trim()).filter((e) => e !== '');
  for (const entry of entries) {
    const [type = '', at = '', ...propParts] = entry.split('@').map((p) => p.trim());
    if (!TYPE.test(type)) return { ok: false, error: `bad event '${entry}': expected type@ISO-time, ${EXAMPLE}` };
    const ms = parseIsoTime(at);
    if (ms === undefined) return { ok: false, error: `bad event '${entry}': '${at}' is not an ISO time, ${EXAMPLE}` };
    const event: EngagementEvent = { type, at: ms };
    for (const part of propParts) {
      const eq = part.indexOf('=');
      if (eq <= 0) return { ok: false, error: `bad event '${entry}': property '${part}' must be key=value` };
      (event.props ??= {})[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
    }
    events.push(event);
  }
  return { ok: true, value: events };
}

function isPrimitive(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

export function parseEventsJson(raw: unknown): Parsed<EngagementEvent[]> {
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  if (!Array.isArray(raw)) return { ok: false, error: 'events must be a list of { type, at, props? }' };
  const events: EngagementEvent[] = [];
  for (let i = 0; i < raw.length; i++) {
    const e = raw[i] as Record<string, unknown> | null;
    if (e === null || typeof e !== 'object' || Array.isArray(e)) return { ok: false, error: `events[${i}] must be an object { type, at, props? }` };
    if (typeof e.type !== 'string' || !TYPE.test(e.type)) return { ok: false, error: `events[${i}].type must be an event name like "page_view"` };
    const at = parseTimeValue(e.at);
    if (at === undefined) return { ok: false, error: `events[${i}].at must be an ISO time or epoch ms, got ${JSON.stringify(e.at)}` };
    const event: EngagementEvent = { type: e.type, at };
    if (typeof e.id === 'string') event.id = e.id;
    if (e.props !== undefined) {
      if (e.props === null || typeof e.props !== 'object' || Array.isArray(e.props)) return { ok: false, error: `events[${i}].props must be an object` };
      for (const [k, v] of Object.entries(e.props)) {
        if (!isPrimitive(v)) return { ok: false, error: `events[${i}].props.${k} must be a string, number or boolean` };
      }
      event.props = e.props as Record<string, string | number | boolean>;
    }
    events.push(event);
  }
  return { ok: true, value: events };
}
