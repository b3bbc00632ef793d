// Store contract, part 9: the funnel report (src/outcomes/report) over what each store returns
// for decisions, assignments and outcomes, so `lead-router report` says the same on SQLite and
// PostgreSQL. Times are exact; the window excludes decisions before `since`.
import { describe, expect, it } from '@jest/globals';
import { runReport } from '../../../src/outcomes/report/run-report.ts';
import type { AuditRecord, Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { outcome } from './contract-outcomes.ts';
import { OTHER, T0, TENANT, assignment, evaluation } from './fixtures.ts';

const MIN = 60_000;

function decided(leadId: string, at: number, owner: string | null, tier = 'A', source = 'web'): AuditRecord {
  const e = evaluation(leadId, 50);
  return { tenant: TENANT, leadId, at, evaluation: { ...e, tier, route: { ...e.route, owner } }, configVersion: 'v2', input: { snapshot: { id: leadId, fields: { source } } } };
}

async function assign(store: Store, leadId: string, owner: string | null, at: number, touchAt?: number): Promise<void> {
  await store.routeAtomically(TENANT, leadId, [], [], () => ({ result: null, assignment: assignment({ leadId, owner, assignedAt: at, rotation: undefined }) }));
  if (touchAt !== undefined) await store.recordFirstTouch(TENANT, leadId, touchAt);
}

export function runReportContract(ctx: ContractContext): void {
  describe('funnel report', () => {
    it('counts leads, fast touches, deals, wins and revenue per rep, each deal once per group', async () => {
      const store = ctx.store();
      await store.appendAudit([
        decided('old', T0 - 10 * MIN, 'anna@x.test'), // before the window
        decided('l1', T0, 'anna@x.test'),
        decided('l2', T0 + MIN, 'anna@x.test', 'B', 'fair'),
        decided('l3', T0 + 2 * MIN, 'bob@x.test'),
        decided('l4', T0 + 3 * MIN, null),
        { ...decided('l1', T0 + 5 * MIN, 'anna@x.test'), tenant: OTHER },
      ]);
      await assign(store, 'l1', 'anna@x.test', T0, T0 + 2 * MIN);
      await assign(store, 'l2', 'anna@x.test', T0 + MIN, T0 + 11 * MIN);
      await assign(store, 'l3', 'bob@x.test', T0 + 2 * MIN);
      await assign(store, 'l4', null, T0 + 3 * MIN);
      const d = { decidedAt: T0, owner: 'anna@x.test', rule: 'default', tier: 'A', score: 50, configVersion: 'v2' };
      await store.upsertOutcome(outcome({ leadId: 'l1', dealId: 'big', status: 'won', amount: 1000, currency: 'EUR', dealCreatedAt: T0 + 20 * MIN, closedAt: T0 + 30 * MIN, decision: d }));
      await store.upsertOutcome(outcome({ leadId: 'l3', dealId: 'big', status: 'won', amount: 1000, currency: 'EUR', dealCreatedAt: T0 + 20 * MIN, decision: { ...d, owner: 'bob@x.test' } }));
      await store.upsertOutcome(outcome({ leadId: 'l2', dealId: 'small', status: 'lost', amount: 50, dealCreatedAt: T0 + 40 * MIN, decision: { ...d, tier: 'B' } }));

      const r = await runReport({ store, tenant: TENANT, since: T0, by: 'rep' });
      expect(r.rows.map((x) => [x.group, x.leads, x.assigned, x.touched, x.touchedFast.successes, x.converted.successes, x.won.successes, x.revenue, x.small])).toEqual([
        ['anna@x.test', 2, 2, 2, 1, 2, 1, { EUR: 1000 }, true],
        ['(unassigned)', 1, 0, 0, 0, 0, 0, {}, true],
        ['bob@x.test', 1, 1, 0, 0, 1, 1, { EUR: 1000 }, true],
      ]);
      const anna = r.rows[0]!;
      expect([anna.medianTouchMinutes, anna.p90TouchMinutes]).toEqual([6, 9.2]);
      expect(anna.won).toMatchObject({ n: 2, rate: 0.5 });
      expect(r.total).toMatchObject({ group: '(all)', leads: 4, revenue: { EUR: 1000 } });
      expect(r.total.converted).toMatchObject({ successes: 3, n: 4, rate: 0.75 });

      const byTier = await runReport({ store, tenant: TENANT, since: T0, by: 'tier' });
      expect(byTier.rows.map((x) => [x.group, x.leads])).toEqual([['A', 3], ['B', 1]]);
      const bySource = await runReport({ store, tenant: TENANT, since: T0, by: 'source' });
      expect(bySource.rows.map((x) => [x.group, x.leads])).toEqual([['web', 3], ['fair', 1]]);
      expect((await runReport({ store, tenant: TENANT, since: T0 + 10 * MIN, by: 'rep' })).total.leads).toBe(0);
    });
  });
}
