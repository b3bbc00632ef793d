// Deals handled by a rep in the HubSpot UI, simulated (changeSource CRM_UI): create a deal
// associated with contacts (deal.creation, deal.associationChange), move it through its
// pipeline's stages (deal.propertyChange on dealstage). Moving a deal into a closed stage sets
// its close date to now when none was set, as HubSpot does.
import type { SandboxContext } from './context.ts';
import { apiError, validationError } from './errors.ts';
import { applyCreate, checkCreate, checkUpdate, problemError } from './record-writes.ts';
import { viewRecord, type RecordView } from './record-view.ts';

export interface DealInput {
  /** dealname, amount, dealstage, pipeline, deal_currency_code, closedate, ... */
  properties: Record<string, unknown>;
  contactIds?: string[];
}

export function createDealActions(ctx: SandboxContext) {
  function update(id: string, properties: Record<string, unknown>): RecordView {
    const checked = checkUpdate(ctx, 'deals', String(id), properties);
    if (!checked.ok) throw problemError(checked.problem);
    ctx.store.update('deals', checked.record.id, checked.values, ctx.userOrigin());
    return viewRecord(checked.record);
  }
  return {
    createDeals(inputs: DealInput[]): RecordView[] {
      return inputs.map((input) => {
        for (const c of input.contactIds ?? []) if (!ctx.store.get('contacts', String(c))) throw apiError(404, 'OBJECT_NOT_FOUND', `contact ${c} does not exist`);
        const properties = { pipeline: 'default', dealstage: 'appointmentscheduled', ...input.properties };
        const stage = ctx.pipelines.stage(String(properties.dealstage));
        if (stage && stage.pipeline.id !== String(properties.pipeline)) throw validationError(`dealstage ${stage.stage.id} is not a stage of pipeline ${String(properties.pipeline)}`);
        const checked = checkCreate(ctx, 'deals', properties, undefined);
        if (!checked.ok) throw problemError(checked.problem);
        const record = applyCreate(ctx, 'deals', checked, ctx.userOrigin());
        for (const c of input.contactIds ?? []) ctx.store.associate('deals', record.id, 'contacts', String(c), false, ctx.userOrigin());
        return viewRecord(record);
      });
    },
    updateDeal: update,
    /** Move the deal to a stage of its pipeline; a closed stage without a close date gets now. */
    moveDealStage(id: string, stageId: string, extra: Record<string, unknown> = {}): RecordView {
      const deal = ctx.store.get('deals', String(id));
      if (!deal) throw apiError(404, 'OBJECT_NOT_FOUND', `deal ${id} does not exist`);
      const stage = ctx.pipelines.stage(stageId);
      if (!stage || stage.pipeline.id !== (deal.properties['pipeline'] ?? 'default')) throw validationError(`${stageId} is not a stage of the deal's pipeline`);
      const values: Record<string, unknown> = { dealstage: stageId, ...extra };
      if (ctx.pipelines.isClosed(stageId) && !deal.properties['closedate'] && extra['closedate'] === undefined) values['closedate'] = new Date(ctx.now()).toISOString();
      return update(deal.id, values);
    },
    getDeal(id: string): (RecordView & { contactIds: string[] }) | undefined {
      const record = ctx.store.get('deals', String(id));
      if (!record) return undefined;
      return { ...viewRecord(record), contactIds: ctx.associations.read('deals', record.id, 'contacts').map((a) => String(a.toObjectId)) };
    },
  };
}
