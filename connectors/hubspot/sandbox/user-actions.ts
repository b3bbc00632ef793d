// What a user does in the HubSpot UI (and what HubSpot itself tracks), simulated: these changes
// carry changeSource CRM_UI with sourceId "userId:<n>", unlike API writes (INTEGRATION).
// Exposed as sandbox methods and as POST /_sandbox/... admin endpoints.
import type { SandboxContext, TrackedEvent } from './context.ts';
import { apiError, validationError } from './errors.ts';
import { applyCreate, checkCreate, checkUpdate, problemError } from './record-writes.ts';
import type { CrmRecord } from './types.ts';
import { createDealActions } from './deal-actions.ts';
import { viewRecord, type RecordView } from './record-view.ts';

export { viewRecord, type RecordView };

export interface ContactView extends RecordView { companyIds: string[]; primaryCompanyId: string | null }

export type EngagementKind = 'call' | 'email' | 'meeting' | 'note' | 'task';
export interface EngagementInput { contactId: string; type: EngagementKind; ownerId?: string; at: number; body?: string }
export interface TrackInput { type: string; at: number; props?: Record<string, unknown> }

// Behavioural events and the calculated counters they move (§8 "Contact properties").
const COUNTERS: Record<string, string> = {
  email_open: 'hs_email_open', email_click: 'hs_email_click', page_view: 'hs_analytics_num_page_views', form_submission: 'num_conversion_events',
};
const ENGAGEMENT_OBJECT = { call: 'calls', email: 'emails', meeting: 'meetings', note: 'notes', task: 'tasks' } as const;
const ENGAGEMENT_BODY = { call: 'hs_call_body', email: 'hs_email_text', meeting: 'hs_meeting_body', note: 'hs_note_body', task: 'hs_task_body' } as const;


export function createUserActions(ctx: SandboxContext) {
  function contactOrThrow(id: string): CrmRecord {
    const record = ctx.store.get('contacts', String(id));
    if (!record) throw apiError(404, 'OBJECT_NOT_FOUND', `contact ${id} does not exist`);
    return record;
  }

  return {
    ...createDealActions(ctx),
    createCompanies(companies: Record<string, unknown>[]): RecordView[] {
      return companies.map((properties) => {
        const checked = checkCreate(ctx, 'companies', properties, undefined);
        if (!checked.ok) throw problemError(checked.problem);
        return viewRecord(applyCreate(ctx, 'companies', checked, ctx.userOrigin()));
      });
    },
    createContacts(contacts: { properties: Record<string, unknown>; companyId?: string }[]): RecordView[] {
      return contacts.map((input) => {
        const companyId = input.companyId === undefined ? undefined : String(input.companyId);
        if (companyId !== undefined && !ctx.store.get('companies', companyId)) throw apiError(404, 'OBJECT_NOT_FOUND', `company ${companyId} does not exist`);
        const checked = checkCreate(ctx, 'contacts', input.properties, undefined);
        if (!checked.ok) throw problemError(checked.problem);
        const record = applyCreate(ctx, 'contacts', checked, ctx.userOrigin());
        // Creating a contact with a company in the UI makes that company its primary one.
        if (companyId !== undefined) ctx.store.associate('contacts', record.id, 'companies', companyId, true, ctx.userOrigin());
        return viewRecord(record);
      });
    },
    updateContact(id: string, properties: Record<string, unknown>): RecordView {
      const checked = checkUpdate(ctx, 'contacts', String(id), properties);
      if (!checked.ok) throw problemError(checked.problem);
      ctx.store.update('contacts', checked.record.id, checked.values, ctx.userOrigin());
      return viewRecord(checked.record);
    },
    associate(contactId: string, companyId: string): void {
      const contact = contactOrThrow(contactId);
      if (!ctx.store.get('companies', String(companyId))) throw apiError(404, 'OBJECT_NOT_FOUND', `company ${companyId} does not exist`);
      // UI behaviour: the first company associated to a contact becomes its primary company.
      const primary = ctx.associations.primaryCompanyOf(contact.id) === undefined;
      ctx.store.associate('contacts', contact.id, 'companies', String(companyId), primary, ctx.userOrigin());
    },
    logEngagement(input: EngagementInput): RecordView {
      const contact = contactOrThrow(input.contactId);
      const type = ENGAGEMENT_OBJECT[input.type];
      if (!type) throw validationError(`engagement type must be one of ${Object.keys(ENGAGEMENT_OBJECT).join(', ')}`);
      const properties: Record<string, unknown> = { hs_timestamp: input.at };
      if (input.ownerId !== undefined) properties['hubspot_owner_id'] = input.ownerId;
      if (input.body !== undefined) properties[ENGAGEMENT_BODY[input.type]] = input.body;
      const checked = checkCreate(ctx, type, properties, undefined);
      if (!checked.ok) throw problemError(checked.problem);
      const record = applyCreate(ctx, type, checked, ctx.userOrigin());
      ctx.store.associate(type, record.id, 'contacts', contact.id, false, ctx.userOrigin());
      return viewRecord(record);
    },
    trackEvents(contactId: string, events: TrackInput[]): RecordView {
      const contact = contactOrThrow(contactId);
      const kept = ctx.trackedEvents.get(contact.id) ?? [];
      const values: Record<string, string> = {};
      for (const event of events) {
        if (typeof event?.type !== 'string' || !Number.isFinite(Number(event.at))) throw validationError('each event needs a string type and an epoch-ms at');
        const tracked: TrackedEvent = { type: event.type, at: Number(event.at) };
        if (event.props !== undefined) tracked.props = event.props;
        kept.push(tracked);
        const counter = COUNTERS[event.type];
        if (counter) values[counter] = String(Number(values[counter] ?? contact.properties[counter] ?? 0) + 1);
      }
      ctx.trackedEvents.set(contact.id, kept);
      // One propertyChange per counter moved, carrying the final value.
      ctx.store.update('contacts', contact.id, values, ctx.userOrigin());
      return viewRecord(contact);
    },
    deleteContact(id: string): void {
      ctx.store.archive('contacts', contactOrThrow(id).id, ctx.userOrigin());
    },
    mergeContacts(primaryId: string, mergedId: string): RecordView {
      const primary = contactOrThrow(primaryId);
      const merged = contactOrThrow(mergedId);
      if (primary.id === merged.id) throw validationError('cannot merge a contact into itself');
      return viewRecord(ctx.store.mergeContacts(primary.id, merged.id, ctx.userOrigin()));
    },
    getContact(id: string): ContactView | undefined {
      const record = ctx.store.get('contacts', String(id));
      if (!record) return undefined;
      const companyIds = ctx.associations.read('contacts', record.id, 'companies').map((a) => String(a.toObjectId));
      return { ...viewRecord(record), companyIds, primaryCompanyId: ctx.associations.primaryCompanyOf(record.id) ?? null };
    },
    getTrackedEvents(id: string): TrackedEvent[] | undefined {
      const record = ctx.store.get('contacts', String(id));
      if (!record) return undefined;
      // events tracked on contacts later merged into this one follow the merge
      return [...ctx.trackedEvents].filter(([key]) => ctx.store.get('contacts', key)?.id === record.id).flatMap(([, events]) => events);
    },
  };
}

export type UserActions = ReturnType<typeof createUserActions>;
