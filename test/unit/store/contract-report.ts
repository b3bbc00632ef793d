// Store contract, part 9: the funnel report (src/outcomes/report) over what each store returns
// for decisions, assignments and outcomes, so `lead-router report` says the same on SQLite and
// PostgreSQL. Times are exact; the window excludes decisions before `since`.
import { describe, expect, it } from '@jest/globals';
import { configSchema } from '../../../src/config/schema.ts';
import type { ReportDimension } from '../../../src/outcomes/report/build-funnel.ts';
import { runReport } from '../../../src/outcomes/report/run-report.ts';
import type { AuditRecord, Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { outcome } from './contract-outcomes.ts';
import { OTHER, T0, TENANT, assignment, evaluation } from './fixtures.ts';

const MIN = 60_000;
const NOW = T0 + 60 * MIN;
const CONFIG = configSchema.parse({
  version: 1,
  scoring: {},
  tiers: { priority: [{ name: 'A', min: 40 }, { name: 'B' }] },
  owners: [{ email: 'anna@x.test', weight: 3 }, { email: 'bob@x.test' }],
  teams: [{ name: 'sales', members: ['anna@x.test', 'bob@x.test'], strategy: 'weighted' }],
  routing: {},
});
const report = (store: Store, by: ReportDimension, since = T0, tenant = TENANT) => runReport({ store, tenant, since, by, now: NOW, config: CONFIG });

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

      const r = await report(store, 'rep');
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

      const byTier = await report(store, 'tier');
      expect(byTier.rows.map((x) => [x.group, x.leads])).toEqual([['A', 3], ['B', 1]]);
      const bySource = await report(store, 'source');
      expect(bySource.rows.map((x) => [x.group, x.leads])).toEqual([['web', 3], ['fair', 1]]);
      expect((await report(store, 'rep', T0 + 10 * MIN)).total.leads).toBe(0);
    });

    it('groups by grade and segment and reports SLA, escalations, fallback, scores, fairness and feedback, per tenant only', async () => {
      const store = ctx.store();
      const made = (leadId: string, at: number, o: { owner: string | null; grade?: string | null; team?: string; target?: string; rule?: string | null; score: number; trace?: string[]; tenant?: string }): AuditRecord => {
        const e = evaluation(leadId, o.score);
        const route = { ...e.route, owner: o.owner, team: o.team, target: (o.target ?? 'team') as 'team', rule: o.rule === undefined ? 'default' : o.rule, trace: o.trace ?? e.route.trace };
        return { tenant: o.tenant ?? TENANT, leadId, at, evaluation: { ...e, grade: o.grade ?? null, route }, configVersion: 'v2', input: null };
      };
      await store.appendAudit([
        made('g1', T0, { owner: 'anna@x.test', grade: 'A1', team: 'sales', score: 55 }),
        made('g2', T0 + MIN, { owner: 'bob@x.test', grade: 'B2', team: 'sales', score: 62 }),
        made('g3', T0 + 2 * MIN, { owner: 'boss@x.test', target: 'fallback', rule: null, score: 12 }),
        made('g4', T0 + 3 * MIN, { owner: 'anna@x.test', team: 'sales', score: 50 }),
        made('g4', T0 + 30 * MIN, { owner: 'boss@x.test', target: 'owner', score: 50, trace: ['rule default', 'SLA breach round 1: escalate to boss@x.test'] }),
        made('g1', T0, { owner: 'eve@y.test', grade: 'Z9', target: 'fallback', score: 99, tenant: OTHER }),
      ]);
      const route = (leadId: string, over: Parameters<typeof assignment>[0]) =>
        store.routeAtomically(TENANT, leadId, [], [], () => ({ result: null, assignment: assignment({ leadId, rotation: undefined, ...over }) }));
      await route('g1', { owner: 'anna@x.test', assignedAt: T0, slaDeadline: T0 + 10 * MIN });
      await store.recordFirstTouch(TENANT, 'g1', T0 + 5 * MIN);
      await route('g2', { owner: 'bob@x.test', assignedAt: T0 + MIN, slaDeadline: T0 + 11 * MIN });
      await route('g4', { owner: 'anna@x.test', assignedAt: T0 + 3 * MIN, slaDeadline: T0 + 13 * MIN });
      await route('g4', { owner: 'boss@x.test', team: null, assignedAt: T0 + 30 * MIN, slaDeadline: null, round: 1 });
      const fb = (leadId: string, at: number, kind: 'good_lead' | 'bad_fit' | 'wrong_owner', tenant = TENANT) => store.appendFeedback({ tenant, leadId, at, kind, userId: null, note: null });
      await fb('g1', T0 + 20 * MIN, 'good_lead');
      await fb('g2', T0 + 21 * MIN, 'wrong_owner');
      await fb('g2', T0 + 22 * MIN, 'wrong_owner');
      await fb('g4', T0 + 10 * MIN, 'bad_fit'); // about the decision in force then: anna's
      await fb('g1', T0 + 20 * MIN, 'bad_fit', OTHER);

      const r = await report(store, 'grade');
      expect(r.rows.map((x) => [x.group, x.leads])).toEqual([['(no grade)', 2], ['A1', 1], ['B2', 1]]);
      expect((await report(store, 'segment')).rows.map((x) => [x.group, x.leads])).toEqual([['(no team)', 2], ['sales', 2]]);
      expect(r.sla).toEqual({
        rows: [{ owner: 'anna@x.test', withSla: 2, breached: 1 }, { owner: 'bob@x.test', withSla: 1, breached: 1 }],
        total: { owner: '(all)', withSla: 3, breached: 2 },
        reassigned: 1,
        escalations: 1,
      });
      expect(r.fallback).toEqual({ leads: 4, fallback: 1, byRule: [{ key: '(no rule matched)', count: 1 }] });
      expect(r.distribution.scores).toEqual([{ key: '10 to 19', count: 1 }, { key: '50 to 59', count: 2 }, { key: '60 to 69', count: 1 }]);
      expect(r.distribution.tiers).toEqual([{ key: 'A', count: 4 }]);
      expect(r.assignedOverTime.reps).toEqual([
        { owner: 'anna@x.test', total: 2, counts: [2] },
        { owner: 'bob@x.test', total: 1, counts: [1] },
        { owner: 'boss@x.test', total: 1, counts: [1] },
      ]);
      expect(r.fairness.map((x) => [x.owner, x.leads, x.share, x.entitled])).toEqual([
        ['anna@x.test', 2, 2 / 3, 0.75],
        ['bob@x.test', 1, 1 / 3, 0.25],
      ]);
      expect(r.feedback).toEqual({
        kinds: ['bad_fit', 'good_lead', 'wrong_owner'],
        rows: [
          { rule: 'default', owner: 'anna@x.test', counts: { bad_fit: 1, good_lead: 1, wrong_owner: 0 }, total: 2 },
          { rule: 'default', owner: 'bob@x.test', counts: { bad_fit: 0, good_lead: 0, wrong_owner: 2 }, total: 2 },
        ],
      });

      const other = await report(store, 'grade', T0, OTHER);
      expect(other.rows.map((x) => [x.group, x.leads])).toEqual([['Z9', 1]]);
      expect(other.feedback.rows).toEqual([{ rule: 'default', owner: 'eve@y.test', counts: { bad_fit: 1 }, total: 1 }]);
      expect([other.sla.total.withSla, other.sla.escalations, other.fallback.fallback]).toEqual([0, 0, 1]);
    });
  });
}
