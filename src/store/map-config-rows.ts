// Config-version rows -> contract shape, shared by both stores (each passes its own decodeJson).
import type { ConfigIssue } from '../errors.ts';
import { toNumber, type DecodeJson, type Row } from './map-rows.ts';
import type { ActiveConfigVersion, ConfigVersionRecord } from './types.ts';

export function mapConfigVersionRow(r: Row, decode: DecodeJson): ConfigVersionRecord {
  return {
    tenant: String(r.tenant),
    version: toNumber(r.version),
    yaml: String(r.yaml),
    author: String(r.author),
    comment: String(r.comment),
    createdAt: toNumber(r.created_at),
    valid: r.valid === true || r.valid === 1 || r.valid === 1n,
    issues: (decode(r.issues) ?? []) as ConfigIssue[],
    // Present only when set, so ordinary versions keep their shape.
    ...(r.draft === true || r.draft === 1 || r.draft === 1n ? { draft: true as const } : {}),
    ...(r.discarded_at === null || r.discarded_at === undefined ? {} : { discardedAt: toNumber(r.discarded_at) }),
  };
}

/** A version row joined with its config_active row (activated_at, activated_by). */
export function mapActiveConfigRow(r: Row, decode: DecodeJson): ActiveConfigVersion {
  return { ...mapConfigVersionRow(r, decode), activatedAt: toNumber(r.activated_at), activatedBy: String(r.activated_by) };
}
