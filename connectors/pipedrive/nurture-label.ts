// Nurture label (config nurture.programs[].pipedrive.label): a person label, one of the options
// of the built-in person field `label_ids` (GET /api/v2/personFields, pipedrive.md §3.3). A PATCH
// replaces label_ids as a whole (§3.2), so the write keeps the labels the person has; when the
// lead re-engages the label is taken off the same way (the others kept).
import type { CrmLeadSnapshot, LeadUpdate } from '../../src/crm/types.ts';
import type { PipedriveClientContext } from './client-context.ts';
import type { PipedriveField, PipedriveRecord } from './types.ts';

const LABEL_FIELD = 'label_ids';

function labelOptions(fields: PipedriveField[]): { id: string; name: string }[] {
  const field = fields.find((f) => f.field_code === LABEL_FIELD);
  return (field?.options ?? []).map((o) => ({ id: String(o.id), name: o.label }));
}

/** The person's labels with their names, for the write plan (only when the config nurtures). */
export async function withNurtureLabels(ctx: PipedriveClientContext, persons: PipedriveRecord[], snapshots: Map<string, CrmLeadSnapshot>): Promise<void> {
  if (!ctx.config.nurture || persons.length === 0) return;
  const options = labelOptions(await ctx.catalog.get('person'));
  const names = new Map(options.map((o) => [o.id, o.name]));
  for (const p of persons) {
    const s = snapshots.get(String(p.id));
    if (!s) continue;
    const ids = Array.isArray(p[LABEL_FIELD]) ? (p[LABEL_FIELD] as unknown[]).map(String) : [];
    s.nurture = { labels: ids.map((id) => ({ id, name: names.get(id) ?? id })) };
  }
}

/** Label name (lower-cased) -> option id for the labels these updates add; the catalog is re-read once when one is unknown. */
export async function resolveNurtureLabels(ctx: PipedriveClientContext, updates: LeadUpdate[]): Promise<Map<string, string>> {
  const wanted = [...new Set(updates.flatMap((u) => (u.nurture?.label ? [u.nurture.label.name.toLowerCase()] : [])))];
  if (!wanted.length) return new Map();
  const index = (fields: PipedriveField[]) => new Map(labelOptions(fields).map((o) => [o.name.toLowerCase(), o.id]));
  let known = index(await ctx.catalog.get('person'));
  if (wanted.some((w) => !known.has(w))) known = index(await ctx.catalog.get('person', { fresh: true }));
  return known;
}

/**
 * label_ids for the PATCH body: the labels kept plus the nurture label added, or (a re-engaged
 * lead: `unlabel`) the labels kept without it; throws (a permanent row failure) when the label
 * to add does not exist.
 */
export function nurtureLabelIds(u: LeadUpdate, labels: Map<string, string>): number[] | undefined {
  if (u.nurture?.unlabel) return [...new Set(u.nurture.unlabel.keepIds)].map(Number);
  const label = u.nurture?.label;
  if (!label) return undefined;
  const id = labels.get(label.name.toLowerCase());
  if (id === undefined) {
    const existing = [...labels.keys()].join(', ') || 'none';
    throw new Error(`Pipedrive person label "${label.name}" (nurture.programs[].pipedrive.label) does not exist (labels: ${existing}); add it in Pipedrive or name an existing one`);
  }
  return [...new Set([...label.keepIds, id])].map(Number);
}
