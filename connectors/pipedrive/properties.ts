// Create the person fields lead-router writes, idempotently (pipedrive.md "must do" 7, §3.3):
// score / fit / engagement (double), priority (enum with one option per tier), grade (varchar),
// reasons (text, up to 65k characters), the win probability (double; scoring.predictive on), and the rep feedback option + note fields
// (feedback-fields.ts). Missing tier options are added to an existing priority
// field through the bulk options endpoint. Requires the `admin` or `contact-fields:full` scope.
import type { LeadRouterConfig } from '../../src/config/schema.ts';
import type { WrittenKey } from '../../src/crm/types.ts';
import type { PipedriveClientContext } from './client-context.ts';
import { findOptionId } from './custom-field-value.ts';
import { ensureFeedbackFields } from './feedback-fields.ts';
import type { FieldCatalog } from './fields.ts';
import { findField } from './field-plan.ts';
import { writtenProperties } from '../../src/crm/written-properties.ts';
import type { PipedriveHttp } from './http.ts';
import type { PipedriveField } from './types.ts';

const FIELD_TYPES: Record<WrittenKey, string> = {
  score: 'double',
  fit: 'double',
  engagement: 'double',
  priority: 'enum',
  grade: 'varchar',
  reasons: 'text',
  winProbability: 'double',
};

export interface EnsureResult {
  /** Field code (hash) per written key. */
  codes: Partial<Record<WrittenKey, string>>;
  created: WrittenKey[];
  /** Tier labels added to an existing priority field. */
  addedOptions: string[];
}

function missingKeys(fields: PipedriveField[], config: LeadRouterConfig): WrittenKey[] {
  return (Object.entries(writtenProperties(config)) as [WrittenKey, string][]).filter(([, name]) => !findField(fields, name, (f) => f.is_custom_field)).map(([k]) => k);
}

export async function ensurePersonFields(http: PipedriveHttp, catalog: FieldCatalog, config: LeadRouterConfig): Promise<EnsureResult> {
  let fields = await catalog.get('person');
  // Before creating anything, make sure the cache is not just stale (no duplicate fields).
  if (missingKeys(fields, config).length) fields = await catalog.get('person', { fresh: true });
  const tiers = config.tiers.priority.map((t) => String(t.name));
  const created: WrittenKey[] = [];
  const addedOptions: string[] = [];
  const codes: Partial<Record<WrittenKey, string>> = {};

  for (const [key, name] of Object.entries(writtenProperties(config)) as [WrittenKey, string][]) {
    const existing = findField(fields, name, (f) => f.is_custom_field);
    if (existing) {
      codes[key] = existing.field_code;
      if (key === 'priority' && (existing.field_type === 'enum' || existing.field_type === 'set')) {
        const missing = tiers.filter((t) => findOptionId(existing, t) === undefined);
        if (missing.length) {
          await http.request({
            method: 'POST',
            path: `/api/v2/personFields/${encodeURIComponent(existing.field_code)}/options`,
            body: missing.map((label) => ({ label })),
            op: 'create',
          });
          addedOptions.push(...missing);
        }
      }
      continue;
    }
    const body: Record<string, unknown> = { field_name: name, field_type: FIELD_TYPES[key] };
    if (key === 'priority') body.options = tiers.map((label) => ({ label }));
    const res = await http.request<PipedriveField>({ method: 'POST', path: '/api/v2/personFields', body, op: 'create' });
    codes[key] = res.data.field_code;
    created.push(key);
  }
  if (created.length || addedOptions.length) catalog.invalidate('person');
  return { codes, created, addedOptions };
}

/** The client's ensureProperties: remembers the hashes as lead-router's own and reports them (onFieldCodes). */
export async function ensurePipedriveProperties(ctx: PipedriveClientContext): Promise<void> {
  const { codes } = await ensurePersonFields(ctx.http, ctx.catalog, ctx.config);
  await ensureFeedbackFields(ctx.http, ctx.catalog);
  for (const code of Object.values(codes)) ctx.ownCodes.add(code);
  await ctx.onFieldCodes?.(codes);
}
