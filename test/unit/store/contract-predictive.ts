// Store contract: the tenant's fitted predictive model (config scoring.predictive).
import { expect, it } from '@jest/globals';
import type { PredictiveModelRecord } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';

const MODEL: PredictiveModelRecord = {
  tenant: 'hubspot:1',
  features: ['c-level', 'size#2', 'page-views'],
  weights: [1.25, -0.5, 0.0625],
  intercept: -1.75,
  fittedAt: 1_760_000_000_123,
  outcomes: 412,
  leads: 1500,
  holdoutAuc: 0.8125,
  config: 'v3',
};

export function runPredictiveContract(ctx: ContractContext): void {
  it('predictive models: saved, read back exactly, replaced per tenant, deleted', async () => {
    const store = ctx.store();
    expect(await store.getPredictiveModel('hubspot:1')).toBeNull();
    await store.savePredictiveModel(MODEL);
    await store.savePredictiveModel({ ...MODEL, tenant: 'pipedrive:2', holdoutAuc: null });
    expect(await store.getPredictiveModel('hubspot:1')).toEqual(MODEL);
    expect(await store.getPredictiveModel('pipedrive:2')).toEqual({ ...MODEL, tenant: 'pipedrive:2', holdoutAuc: null });
    const refit = { ...MODEL, features: ['c-level'], weights: [0.5], intercept: 0.25, fittedAt: MODEL.fittedAt + 86_400_000, outcomes: 500 };
    await store.savePredictiveModel(refit);
    expect(await store.getPredictiveModel('hubspot:1')).toEqual(refit);
    await store.deletePredictiveModel('hubspot:1');
    expect(await store.getPredictiveModel('hubspot:1')).toBeNull();
    expect(await store.getPredictiveModel('pipedrive:2')).not.toBeNull(); // other tenants untouched
  });

  it('predictive models: deleteTenant removes the tenant\'s model', async () => {
    const store = ctx.store();
    await store.savePredictiveModel(MODEL);
    await store.deleteTenant('hubspot:1');
    expect(await store.getPredictiveModel('hubspot:1')).toBeNull();
  });
}
