// Store contract, part 9b: the report's "latest decision per lead" (migration 19 flags it on the
// audit row; appendAudit, retention and lead merges keep the flag) gives the same rows as the
// previous per-request derivation: for each lead, its decision with the largest id among those
// at or after the window start. Checked on a generated history of appends (several decisions of
// one lead in one batch), lead merges and partial retention runs, on several windows.
import { describe, expect, it } from '@jest/globals';
import type { ReportDecision } from '../../../src/store/report-types.ts';
import { reportColumns } from '../../../src/store/audit-columns.ts';
import type { AuditRecord, Store } from '../../../src/store/types.ts';
import type { ContractContext } from './contract.ts';
import { OTHER, T0, TENANT, evaluation } from './fixtures.ts';

const MIN = 60_000;
const OWNERS = ['anna@x.test', 'bob@x.test', null];
const SOURCES = ['web', 'fair', undefined];

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function decision(tenant: string, leadId: string, at: number, n: number): AuditRecord {
  const e = evaluation(leadId, 10 + (n % 80));
  const owner = OWNERS[n % 3]!;
  const rule = n % 4 === 0 ? null : `r${n % 4}`;
  const route = { ...e.route, owner, rule, team: n % 2 ? 'sales' : undefined, target: (rule ? 'team' : 'fallback') as 'team' };
  const source = SOURCES[n % 3];
  return { tenant, leadId, at, evaluation: { ...e, tier: 'ABC'[n % 3]!, grade: n % 5 ? `A${n % 5}` : null, route }, configVersion: 'v1', input: { snapshot: { id: leadId, fields: source ? { source } : {} } } };
}

/** The previous derivation, from every audit row of the window (the store's own listing). */
async function previousDerivation(store: Store, tenant: string, since: number): Promise<Omit<ReportDecision, 'assignedAt' | 'firstTouchAt'>[]> {
  const rows = await store.listAuditSince(tenant, since, { limit: 100_000 });
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if ((latest.get(r.leadId)?.id ?? -1) < r.id) latest.set(r.leadId, r);
  return [...latest.values()]
    .map((r) => {
      const x = reportColumns(r);
      const { route, tier } = r.evaluation;
      return { leadId: r.leadId, at: r.at, owner: route.owner, rule: route.rule, tier, grade: x.grade, score: x.score, source: x.source, segment: x.segment, target: route.target };
    })
    .sort((a, b) => (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
}

async function current(store: Store, tenant: string, since: number) {
  const w = await store.reportWindow(tenant, since, T0 + 10_000 * MIN);
  return w.decisions.map(({ assignedAt: _a, firstTouchAt: _f, ...d }) => d).sort((a, b) => (a.leadId < b.leadId ? -1 : a.leadId > b.leadId ? 1 : 0));
}

export function runReportLatestContract(ctx: ContractContext): void {
  describe('report: latest decision per lead', () => {
    it('matches the per-request derivation over appends, merges and retention on every window', async () => {
      const store = ctx.store();
      const next = random(19);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const leads = Array.from({ length: 14 }, (_, i) => `l${i}`);
      let at = T0;
      let n = 0;
      for (let step = 0; step < 60; step++) {
        const r = next();
        if (r < 0.75) {
          const batch: AuditRecord[] = [];
          for (let k = 1 + Math.floor(next() * 5); k > 0; k--) {
            if (next() < 0.7) at += Math.floor(next() * 3) * MIN; // equal times happen too
            batch.push(decision(next() < 0.85 ? TENANT : OTHER, pick(leads), at, n++));
          }
          await store.appendAudit(batch);
        } else if (r < 0.88) {
          const from = pick(leads);
          await store.rekeyLead(TENANT, from, pick(leads)); // sometimes onto itself: a no-op
        } else {
          // a partial run (small limit): some of a lead's expired decisions go, the rest stay
          await store.pruneExpired({ doneInboxBefore: 0, historyBefore: T0 + Math.floor(next() * (at - T0 + 1)), limit: 1 + Math.floor(next() * 4) });
        }
        if (step % 6 === 5) {
          for (const tenant of [TENANT, OTHER]) {
            for (const since of [0, T0 + Math.floor(next() * (at - T0 + 1)), at, at + 1]) {
              expect(await current(store, tenant, since)).toEqual(await previousDerivation(store, tenant, since));
            }
          }
        }
      }
      expect(n).toBeGreaterThan(100);
      expect((await current(store, TENANT, 0)).length).toBeGreaterThan(0);
    });

    it('after the latest decision is pruned, the newest remaining one of the lead is reported', async () => {
      const store = ctx.store();
      // recorded out of time order: the newest row (largest id) carries the earliest time
      await store.appendAudit([decision(TENANT, 'x', T0 + 10 * MIN, 1), decision(TENANT, 'x', T0 + 20 * MIN, 2)]);
      await store.appendAudit([decision(TENANT, 'x', T0, 3)]);
      expect((await current(store, TENANT, 0)).map((d) => d.at)).toEqual([T0]);
      expect(await store.pruneExpired({ doneInboxBefore: 0, historyBefore: T0 + MIN, limit: 10 })).toMatchObject({ audit: 1 });
      expect((await current(store, TENANT, 0)).map((d) => [d.at, d.owner])).toEqual([[T0 + 20 * MIN, OWNERS[2]]]);
      expect(await current(store, TENANT, 0)).toEqual(await previousDerivation(store, TENANT, 0));
      // a merge keeps one latest decision for the survivor: the newest of both records'
      await store.appendAudit([decision(TENANT, 'y', T0 + 30 * MIN, 4)]);
      await store.rekeyLead(TENANT, 'y', 'x');
      expect((await current(store, TENANT, 0)).map((d) => [d.leadId, d.at])).toEqual([['x', T0 + 30 * MIN]]);
      await store.rekeyLead(TENANT, 'x', 'z');
      expect((await current(store, TENANT, T0)).map((d) => [d.leadId, d.at])).toEqual([['z', T0 + 30 * MIN]]);
    });
  });
}
