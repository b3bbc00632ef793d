// What users do in the Pipedrive web app, simulated: these changes carry change_source "app" and
// the acting user's id (pipedrive.md §1.2), unlike API calls ("api"). Inputs take the API's body
// shape plus conveniences: `email` / `phone` strings and `fields` by field NAME with option labels
// ({"Product interest": "analytics"}). Exposed as sandbox methods and POST /_sandbox/... routes.
import { parseActivityWrite } from './activity-input.ts';
import { parseOrganizationWrite, parsePersonWrite } from './contact-input.ts';
import type { SandboxContext } from './context.ts';
import { labelsToIds } from './custom-field-values.ts';
import type { Origin, StoredRecord } from './entity-store.ts';
import { badRequest, notFound } from './errors.ts';
import { isObj } from './input-checks.ts';
import { parseLeadWrite, uiLeadSource } from './lead-input.ts';
import { createDealActions } from './deal-actions.ts';
import { activityToApi, leadToApi, organizationToApi, personToApi } from './record-output.ts';
import type { FieldEntity } from './types.ts';

type Obj = Record<string, unknown>;
/** API body fields, plus `fields: {<field name>: value or option label}` and, for persons, `email` / `phone`. */
export type ContactInput = Obj & { fields?: Obj; email?: string; phone?: string };

export function createUserActions(ctx: SandboxContext) {
  let actingUserId = ctx.users.primaryAdmin().id;
  const origin = (): Origin => ({ source: 'app', actorId: actingUserId });

  /** Conveniences -> the API body (custom fields by hash, option labels -> ids). */
  function toBody(entity: FieldEntity, input: ContactInput): Obj {
    const { fields, email, phone, ...body } = input;
    if (email !== undefined) body['emails'] = [{ value: email, primary: true, label: 'work' }];
    if (phone !== undefined) body['phones'] = [{ value: phone, primary: true, label: 'work' }];
    if (fields) {
      const custom: Obj = isObj(body['custom_fields']) ? { ...body['custom_fields'] } : {};
      for (const [name, value] of Object.entries(fields)) {
        const field = ctx.fields.customByName(entity, name);
        if (!field) throw badRequest(`${entity} has no custom field named "${name}" (${ctx.fields.customs(entity).map((f) => f.field_name).join(', ')})`);
        try { custom[field.field_code] = labelsToIds(field, value); } catch (err) { throw badRequest((err as Error).message); }
      }
      body['custom_fields'] = custom;
    }
    return body;
  }

  function personOrThrow(id: number): StoredRecord {
    const person = ctx.store.get('person', Number(id));
    if (!person) throw notFound('Person');
    return person;
  }

  function updateLead(id: string, input: Obj): Obj {
    const lead = ctx.store.get('lead', String(id));
    if (!lead) throw notFound('Lead');
    const parsed = parseLeadWrite(ctx, input, lead, actingUserId);
    return leadToApi(ctx, ctx.store.update('lead', lead.id, parsed.fields, {}, origin()).record);
  }

  /** Values by field name, options as labels (what a user sees on the person's page). */
  function namedValues(entity: FieldEntity, record: StoredRecord): Obj {
    const out: Obj = {};
    for (const f of ctx.fields.customs(entity)) {
      const v = record.custom_fields[f.field_code] ?? null;
      const label = (id: unknown) => f.options?.find((o) => o.id === id)?.label ?? id;
      out[f.field_name] = f.field_type === 'enum' ? (v === null ? null : label(v)) : f.field_type === 'set' && Array.isArray(v) ? v.map(label) : v;
    }
    return out;
  }

  return {
    ...createDealActions(ctx, origin),
    /** Later UI actions are made by this user (default: the first admin). */
    actAs(userId: number): void {
      if (!ctx.users.isActive(userId)) throw badRequest(`user ${userId} is not an active user`);
      actingUserId = userId;
    },
    createOrganizations(inputs: ContactInput[]): Obj[] {
      return inputs.map((input) => {
        const parsed = parseOrganizationWrite(ctx, toBody('organization', input), 'create', actingUserId);
        return organizationToApi(ctx, ctx.store.create('organization', parsed.fields, parsed.custom, origin()));
      });
    },
    /** An organization edited in the UI (fields by name, option labels): one change webhook. */
    updateOrganization(id: number, input: ContactInput): Obj {
      const org = ctx.store.get('organization', Number(id));
      if (!org) throw notFound('Organization');
      const parsed = parseOrganizationWrite(ctx, toBody('organization', input), 'update', actingUserId);
      return organizationToApi(ctx, ctx.store.update('organization', org.id, parsed.fields, parsed.custom, origin()).record);
    },
    createPersons(inputs: ContactInput[]): Obj[] {
      return inputs.map((input) => {
        const parsed = parsePersonWrite(ctx, toBody('person', input), 'create', actingUserId);
        return personToApi(ctx, ctx.store.create('person', parsed.fields, parsed.custom, origin()));
      });
    },
    updatePerson(id: number, input: ContactInput): Obj {
      const person = personOrThrow(id);
      const parsed = parsePersonWrite(ctx, toBody('person', input), 'update', actingUserId);
      return personToApi(ctx, ctx.store.update('person', person.id, parsed.fields, parsed.custom, origin()).record);
    },
    deletePerson(id: number): void {
      ctx.store.remove('person', personOrThrow(id).id, origin());
    },
    /** Merges `mergedId` into `keepId`: a delete carrying merged_to_id, then a change carrying merged_from_id (§1.2). */
    mergePersons(keepId: number, mergedId: number): Obj {
      const keep = personOrThrow(keepId);
      const gone = personOrThrow(mergedId);
      if (keep.id === gone.id) throw badRequest('cannot merge a person into itself');
      const union = (k: string) => {
        const mine = keep[k] as { value: string }[];
        const extra = (gone[k] as { value: string; primary: boolean; label: string }[]).filter((e) => !mine.some((m) => m.value === e.value));
        return [...mine, ...extra.map((e) => ({ ...e, primary: mine.length === 0 && e.primary }))];
      };
      const fields: Obj = { emails: union('emails'), phones: union('phones'), label_ids: [...new Set([...(keep['label_ids'] as number[]), ...(gone['label_ids'] as number[])])] };
      for (const k of ['org_id', 'job_title']) if (keep[k] === null) fields[k] = gone[k];
      const custom: Obj = {};
      for (const [h, v] of Object.entries(gone.custom_fields)) if ((keep.custom_fields[h] ?? null) === null && v !== null) custom[h] = v;
      ctx.store.remove('person', gone.id, origin(), { mergedToId: keep.id as number });
      for (const a of ctx.store.all('activity').filter((x) => x['person_id'] === gone.id)) {
        ctx.store.update('activity', a.id, { person_id: keep.id, participants: [{ person_id: keep.id, primary: true }] }, {}, origin());
      }
      for (const l of ctx.store.all('lead').filter((x) => x['person_id'] === gone.id)) ctx.store.update('lead', l.id, { person_id: keep.id }, {}, origin());
      return personToApi(ctx, ctx.store.update('person', keep.id, fields, custom, origin(), { mergedFromId: gone.id as number, force: true }).record);
    },
    /** An activity logged in the UI (call, meeting, email, task, deadline, lunch, or a custom type such as webinar). */
    logActivity(input: Obj): Obj {
      const parsed = parseActivityWrite(ctx, input, undefined, actingUserId, ctx.now());
      return activityToApi(ctx.store.create('activity', parsed.fields, {}, origin()));
    },
    /** Leads made in the UI: API fields plus `source_name` (lead-input.ts uiLeadSource; default "Manually created"). */
    createLeads(inputs: Obj[]): Obj[] {
      return inputs.map(({ source_name: sourceName, ...input }) => {
        const parsed = parseLeadWrite(ctx, input, undefined, actingUserId);
        return leadToApi(ctx, ctx.store.create('lead', { ...parsed.fields, ...uiLeadSource(sourceName) }, {}, { ...origin() }));
      });
    },
    /** A Leads-Inbox lead edited in the UI (owner, title, labels, is_archived: the API's fields): one change webhook.
     *  Archived leads cannot be edited, only restored (lead-input.ts). */
    updateLead,
    /** "Archive" on a lead in the Leads Inbox: is_archived true, one change webhook; the lead leaves the list. */
    archiveLead(id: string): Obj {
      return updateLead(id, { is_archived: true });
    },
    /** The person as GET /api/v2/persons/{id} returns it, or undefined when deleted or unknown. */
    getPerson(id: number): Obj | undefined {
      const person = ctx.store.get('person', Number(id));
      return person && personToApi(ctx, person);
    },
    getOrganization(id: number): Obj | undefined {
      const org = ctx.store.get('organization', Number(id));
      return org && organizationToApi(ctx, org);
    },
    getLead(id: string): Obj | undefined {
      const lead = ctx.store.get('lead', id);
      return lead && leadToApi(ctx, lead);
    },
    /** Custom-field values by field name with option labels, e.g. {"lead_router_priority": "hot"}. */
    readPersonFields(id: number): Obj | undefined {
      const person = ctx.store.get('person', Number(id));
      return person && namedValues('person', person);
    },
    listPersons(): Obj[] {
      return ctx.store.all('person').map((p) => personToApi(ctx, p));
    },
  };
}

export type UserActions = ReturnType<typeof createUserActions>;
