// Deals handled in the Pipedrive web app, simulated (change_source "app"): a rep creates a deal
// for a person, marks it won or lost (with a reason). Each is one v2 deal webhook.
import type { SandboxContext } from './context.ts';
import { parseDealWrite } from './deal-input.ts';
import type { Origin } from './entity-store.ts';
import { notFound } from './errors.ts';
import { dealToApi } from './record-output.ts';

type Obj = Record<string, unknown>;

export function createDealActions(ctx: SandboxContext, actor: () => Origin) {
  const update = (id: number, body: Obj): Obj => {
    const deal = ctx.store.get('deal', Number(id));
    if (!deal) throw notFound('Deal');
    const parsed = parseDealWrite(ctx, body, deal, actor().actorId);
    return dealToApi(ctx.store.update('deal', deal.id, parsed.fields, {}, actor()).record);
  };
  return {
    /** Deals as POST /api/v2/deals takes them (title, value, currency, person_id, ...). */
    createDeals(inputs: Obj[]): Obj[] {
      return inputs.map((input) => {
        const parsed = parseDealWrite(ctx, input, undefined, actor().actorId);
        return dealToApi(ctx.store.create('deal', parsed.fields, {}, actor()));
      });
    },
    updateDeal: update,
    winDeal: (id: number): Obj => update(id, { status: 'won' }),
    loseDeal: (id: number, lostReason: string | null = null): Obj => update(id, { status: 'lost', lost_reason: lostReason }),
    getDeal(id: number): Obj | undefined {
      const deal = ctx.store.get('deal', Number(id));
      return deal && dealToApi(deal);
    },
  };
}
