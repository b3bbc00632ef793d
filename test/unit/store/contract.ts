// The Store contract: one suite, run against every implementation (SQLite in
// test/unit/store/sqlite.test.ts, PostgreSQL in test/integration/store/postgres.test.ts).
// Time is always passed in, so every expectation below is exact.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { Store } from '../../../src/store/types.ts';
import { runInboxContract } from './contract-inbox.ts';
import { runLifecycleContract } from './contract-lifecycle.ts';
import { runRoutingContract } from './contract-routing.ts';
import { runRecordsContract } from './contract-records.ts';
import { runFeedbackContract } from './contract-feedback.ts';
import { runAbsencesContract } from './contract-absences.ts';
import { runConfigVersionsContract } from './contract-config-versions.ts';
import { runDecisionInputContract } from './contract-decision-input.ts';
import { runRetentionContract } from './contract-retention.ts';
import { runRateContract } from './contract-rate.ts';
import { runConsoleContract } from './contract-console.ts';
import { runInstallSafetyContract } from './contract-install-safety.ts';
import { runOutcomesContract } from './contract-outcomes.ts';
import { runReportContract } from './contract-report.ts';
import { runReportLatestContract } from './contract-report-latest.ts';
import { runNurtureContract } from './contract-nurture.ts';
import { runCrmTruthContract } from './contract-crm-truth.ts';
import { runTeamHealthContract } from './contract-team-health.ts';
import { runPredictiveContract } from './contract-predictive.ts';

export type StoreFactory = () => Store | Promise<Store>;

export interface StoreContractOptions {
  /**
   * A second store on the same database as `store` (another connection or pool, as a second
   * app process would have). Omitted when the database cannot be shared (`:memory:`); the
   * concurrency tests then run against the one store.
   */
  twin?: (store: Store) => Store | Promise<Store>;
}

/** What each part of the contract gets: the store under test and a way to open twins. */
export interface ContractContext {
  store(): Store;
  /** The store under test plus a twin when the implementation can share its database. */
  stores(): Promise<Store[]>;
  hasTwin: boolean;
}

export function runStoreContract(name: string, factory: StoreFactory, opts: StoreContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | undefined;
    let opened: Store[] = [];

    beforeEach(async () => {
      current = await factory();
      opened = [current];
      await current.migrate();
    });

    afterEach(async () => {
      for (const s of opened) await s.close();
      opened = [];
      current = undefined;
    });

    const ctx: ContractContext = {
      store() {
        if (!current) throw new Error('store not open');
        return current;
      },
      async stores() {
        const store = ctx.store();
        if (!opts.twin) return [store];
        const twin = await opts.twin(store);
        opened.push(twin);
        await twin.migrate();
        return [store, twin];
      },
      hasTwin: opts.twin !== undefined,
    };

    it('migrate is idempotent and keeps the data', async () => {
      const store = ctx.store();
      await store.setCursor('k', 'v');
      await store.migrate();
      await store.migrate();
      expect(await store.getCursor('k')).toBe('v');
    });

    runInboxContract(ctx);
    runRoutingContract(ctx);
    runNurtureContract(ctx);
    runRecordsContract(ctx);
    runLifecycleContract(ctx);
    runFeedbackContract(ctx);
    runAbsencesContract(ctx);
    runConfigVersionsContract(ctx);
    runDecisionInputContract(ctx);
    runRetentionContract(ctx);
    runRateContract(ctx);
    runConsoleContract(ctx);
    runInstallSafetyContract(ctx);
    runOutcomesContract(ctx);
    runReportContract(ctx);
    runReportLatestContract(ctx);
    runCrmTruthContract(ctx);
    runTeamHealthContract(ctx);
    runPredictiveContract(ctx);
  });
}
