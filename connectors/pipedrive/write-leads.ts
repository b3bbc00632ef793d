// writeLeads: one PATCH /api/v2/persons/{id} per person (no bulk update exists, §3.5; v2 only,
// §3.1). Fields or priority-tier options the updates need but the company lacks are created
// first (properties.ts), and so are the rep feedback fields for a verdict (feedback-fields.ts). Failures are reported per person; a 404 (deleted or merged) is final.
import type { LeadUpdate, WriteResult, WrittenKey } from '../../src/crm/types.ts';
import { CrmError } from '../../src/errors.ts';
import { isId, type PipedriveClientContext } from './client-context.ts';
import { encodeCustomFieldValue, findOptionId } from './custom-field-value.ts';
import { resolveWriteFields, type FieldPlan } from './field-plan.ts';
import { ensurePipedriveProperties } from './properties.ts';
import { nurtureLabelIds, resolveNurtureLabels } from './nurture-label.ts';
import { ensureFeedbackFields, feedbackCustomFields, feedbackFieldsComplete, findFeedbackFields, type FeedbackFields } from './feedback-fields.ts';
import { writtenPropertyPath, writtenProperties } from '../../src/crm/written-properties.ts';

async function writeFields(ctx: PipedriveClientContext): Promise<FieldPlan['writes']> {
  const writes = resolveWriteFields(ctx.config, await ctx.catalog.get('person'));
  for (const f of Object.values(writes)) ctx.ownCodes.add(f.field_code);
  return writes;
}

/** The write fields, after creating fields / tier options the updates need but the company lacks. */
async function writePlan(ctx: PipedriveClientContext, updates: LeadUpdate[]): Promise<FieldPlan['writes']> {
  const writes = await writeFields(ctx);
  const needs = new Set(updates.flatMap((u) => Object.keys(u.values) as WrittenKey[]));
  const priorities = updates.map((u) => u.values.priority).filter((v) => v !== undefined);
  const priority = writes.priority;
  const lacking =
    [...needs].some((k) => !writes[k]) ||
    (priority?.field_type === 'enum' && priorities.some((p) => findOptionId(priority, String(p)) === undefined));
  if (!lacking) return writes;
  await ensurePipedriveProperties(ctx);
  return writeFields(ctx);
}

/** The feedback fields, created first when an update carries a verdict and they are lacking. */
async function feedbackPlan(ctx: PipedriveClientContext, updates: LeadUpdate[]): Promise<FeedbackFields | null> {
  if (!updates.some((u) => u.feedback)) return null;
  const found = findFeedbackFields(await ctx.catalog.get('person'));
  if (feedbackFieldsComplete(found)) return found;
  await ensureFeedbackFields(ctx.http, ctx.catalog);
  return findFeedbackFields(await ctx.catalog.get('person'));
}

function patchBody(ctx: PipedriveClientContext, u: LeadUpdate, writes: FieldPlan['writes'], labels: Map<string, string>, feedback: FeedbackFields | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (u.ownerId !== undefined) body.owner_id = Number(u.ownerId);
  const labelIds = nurtureLabelIds(u, labels);
  if (labelIds) body.label_ids = labelIds;
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(u.values) as [WrittenKey, string | number][]) {
    const field = writes[key];
    if (!field) throw new Error(`Pipedrive person field "${writtenProperties(ctx.config)[key]}" (${writtenPropertyPath(key)}) does not exist`);
    custom[field.field_code] = encodeCustomFieldValue(value, field);
  }
  if (u.feedback) {
    if (!feedback || !feedbackFieldsComplete(feedback)) throw new Error('Pipedrive person fields "Lead Router feedback" / "Lead Router feedback note" do not exist and could not be created');
    Object.assign(custom, feedbackCustomFields(feedback, u.feedback));
  }
  if (Object.keys(custom).length) body.custom_fields = custom;
  return body;
}

async function writeOne(ctx: PipedriveClientContext, u: LeadUpdate, writes: FieldPlan['writes'], labels: Map<string, string>, feedback: FeedbackFields | null): Promise<WriteResult> {
  if (!isId(u.id)) return { id: u.id, ok: false, retryable: false, error: `"${u.id}" is not a Pipedrive person id` };
  let body: Record<string, unknown>;
  try {
    body = patchBody(ctx, u, writes, labels, feedback);
  } catch (err) {
    return { id: u.id, ok: false, retryable: false, error: (err as Error).message };
  }
  if (!Object.keys(body).length) return { id: u.id, ok: true };
  try {
    await ctx.http.request({ method: 'PATCH', path: `/api/v2/persons/${u.id}`, body, op: 'update' });
    return { id: u.id, ok: true };
  } catch (err) {
    if (!(err instanceof CrmError)) throw err;
    if (err.crmStatus === 404) return { id: u.id, ok: false, retryable: false, error: `person ${u.id} not found (deleted or merged)` };
    return { id: u.id, ok: false, retryable: err.retryable, error: err.message };
  }
}

export async function writePipedriveLeads(ctx: PipedriveClientContext, updates: LeadUpdate[]): Promise<WriteResult[]> {
  if (!updates.length) return [];
  const writes = await writePlan(ctx, updates);
  const labels = await resolveNurtureLabels(ctx, updates);
  const feedback = await feedbackPlan(ctx, updates);
  return Promise.all(updates.map((u) => writeOne(ctx, u, writes, labels, feedback)));
}
