// zod schemas of Pipedrive webhook bodies: v2 (pipedrive.md §1.2) and legacy v1 (§1.3).
// Only the envelope is strict about what lead-router uses; everything else passes through
// (`looseObject`) so that fields Pipedrive adds later never break ingestion.
import { z } from 'zod';

/** Ids arrive as strings in v2 (`"8087566"`) and numbers in v1; both normalize to a string. */
const id = z.union([z.string().regex(/^\S+$/, 'must be a non-empty id'), z.number().int().nonnegative()]).transform(String);
/** Pipedrive company ids are numeric; the tenant key is built from it. */
const companyId = z.union([z.string().regex(/^\d+$/, 'must be a numeric company id'), z.number().int().nonnegative()]).transform(String);
const timestamp = z.union([z.string().min(1), z.number().nonnegative()]);
const record = z.record(z.string(), z.unknown());

export const v2MetaSchema = z.looseObject({
  action: z.string().min(1),
  entity: z.string().min(1),
  entity_id: id,
  /** The event uuid: the idempotency key (pipedrive.md "must do" 4). */
  id: z.string().min(1),
  company_id: companyId,
  timestamp,
  version: z.string().optional(),
  change_source: z.string().optional(),
  webhook_id: id.optional(),
  merged_to_id: id.nullish(),
  merged_from_id: id.nullish(),
  attempt: z.number().optional(),
});

/** The envelope; `data` / `previous` are checked per known entity (other entities vary). */
export const v2BodySchema = z.looseObject({
  meta: v2MetaSchema,
  data: z.unknown().optional(),
  previous: z.unknown().optional(),
});

/** create: data set, previous null; change: both; delete: data null, previous = last state. */
export const v2EntityStateSchema = z.looseObject({
  data: record.nullable().optional(),
  previous: record.nullable().optional(),
});

export const v1MetaSchema = z.looseObject({
  action: z.string().min(1),
  object: z.string().min(1),
  /** The object id (a number in v1). */
  id,
  company_id: companyId,
  /** 10-digit epoch seconds in v1. */
  timestamp,
  webhook_id: id.optional(),
  change_source: z.string().optional(),
});

export const v1BodySchema = z.looseObject({
  v: z.literal(1),
  event: z.string().min(1),
  meta: v1MetaSchema,
  current: z.unknown().optional(),
  previous: z.unknown().optional(),
});

export const v1EntityStateSchema = z.looseObject({
  current: record.nullable().optional(),
  previous: record.nullable().optional(),
});

export type V2Body = z.infer<typeof v2BodySchema>;
export type V1Body = z.infer<typeof v1BodySchema>;

/** "meta.entity_id: must be a non-empty id; meta.id: expected string" (first three issues). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
}
