// lead-router preview: re-evaluate a tenant's recorded decisions since a time with a draft
// config (replay-decisions.ts) and report what would change: leads whose owner, tier, grade or
// rule differ (with both explanations), the load per rep, counts per rule and tier, and the
// leads that would reach the fallback. Reads the store in pages, so windows of 100,000
// decisions stay in bounded memory apart from the report itself. The store hands out only the
// recorded outcome and the input (listPreviewSince), so the stored evaluations are never parsed.
// With scoring.predictive on in the draft and a model stored for the tenant, each changed lead's
// draft side carries the win probability (pipeline's loadPrediction; never changes a decision).
import type { CompiledConfig, Evaluation } from '../engine/types.ts';
import type { CountDelta } from '../simulate/types.ts';
import type { PreviewCursor, PreviewEntry, Store, TenantKey } from '../store/types.ts';
import { loadPrediction, winPercent, type PredictiveModelSummary } from '../pipeline/support/predict.ts';
import { createReplay } from './replay-decisions.ts';

export type PreviewField = 'owner' | 'tier' | 'grade' | 'rule';

export interface PreviewOutcome {
  owner: string | null;
  tier: string;
  grade: string | null;
  rule: string | null;
  target: string;
  reasons: string;
  /** Draft side with the tenant's predictive model: win probability in whole percent. */
  winProbability?: number;
}

export interface PreviewChange {
  id: string;
  at: string;
  changed: PreviewField[];
  recorded: PreviewOutcome;
  draft: PreviewOutcome;
}

export interface PreviewReport {
  tenant: TenantKey;
  config: string;
  since: string;
  /** Decisions re-evaluated. */
  decisions: number;
  /** Decisions recorded without their engine input (made before lead-router kept it): not previewed. */
  withoutInput: number;
  /** Decisions whose input was cut to the newest ledger events: their scores replay approximately. */
  approximate: number;
  changes: PreviewChange[];
  owners: Record<string, CountDelta>;
  rules: Record<string, CountDelta>;
  tiers: Record<string, CountDelta>;
  /** Leads the draft would send to the fallback (or leave unassigned). */
  fallback: string[];
  /** The draft's scoring.predictive: off, on without a model for the tenant, or the model used. */
  predictive: { status: 'off' } | { status: 'no-model' } | { status: 'on'; model: PredictiveModelSummary };
}

const PAGE = 2000;
const UNASSIGNED = 'unassigned';
const NO_RULE = '(no rule)';
const FIELDS: readonly PreviewField[] = ['owner', 'tier', 'grade', 'rule'];

function outcome(e: Evaluation): PreviewOutcome {
  const win = e.prediction ? { winProbability: winPercent(e)! } : {};
  return { owner: e.route.owner, tier: e.tier, grade: e.grade, rule: e.route.rule, target: e.route.target, reasons: e.reasons, ...win };
}

function count(map: Map<string, [number, number]>, key: string, side: 0 | 1): void {
  const c = map.get(key) ?? [0, 0];
  c[side]++;
  map.set(key, c);
}

function deltas(map: Map<string, [number, number]>, order?: readonly string[]): Record<string, CountDelta> {
  const keys = [...map.keys()].sort((a, b) => {
    if (order) return (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity) || a.localeCompare(b);
    const [a0, a1] = map.get(a)!;
    const [b0, b1] = map.get(b)!;
    return b0 + b1 - (a0 + a1) || a.localeCompare(b);
  });
  return Object.fromEntries(keys.map((k) => { const [base, candidate] = map.get(k)!; return [k, { base, candidate, delta: candidate - base }]; }));
}

export async function runPreview(args: { store: Store; tenant: TenantKey; compiled: CompiledConfig; configName: string; since: number }): Promise<PreviewReport> {
  const { store, tenant, compiled } = args;
  const replay = createReplay(tenant, compiled);
  const prediction = await loadPrediction(store, tenant, compiled);
  const predict = prediction.status === 'on' ? prediction.apply : (e: Evaluation) => e;
  const owners = new Map<string, [number, number]>();
  const rules = new Map<string, [number, number]>();
  const tiers = new Map<string, [number, number]>();
  for (const t of compiled.config.tiers.priority) tiers.set(String(t.name), [0, 0]);
  const report: PreviewReport = { tenant, config: args.configName, since: new Date(args.since).toISOString(), decisions: 0, withoutInput: 0, approximate: 0, changes: [], owners: {}, rules: {}, tiers: {}, fallback: [], predictive: prediction.status === 'on' ? { status: 'on', model: prediction.model } : { status: prediction.status } };

  let after: PreviewCursor | undefined;
  for (;;) {
    // In routing order (Store.listPreviewSince). The routing state is read only until the
    // replay has started from one (the window's first decision).
    const page: (PreviewEntry | null)[] = await store.listPreviewSince(tenant, args.since, { ...(after ? { after } : {}), limit: PAGE, withState: !replay.started() });
    const last = page.at(-1);
    for (let i = 0; i < page.length; i++) {
      // Each entry is let go once replayed: its parsed input dies young instead of living (and
      // being copied by the garbage collector) as long as the page.
      const entry = page[i]!;
      page[i] = null;
      const r = await replay(entry);
      if (!r) {
        report.withoutInput++;
        continue;
      }
      report.decisions++;
      if (r.approximate) report.approximate++;
      const a = r.recorded;
      const e = r.replayed;
      const b = { owner: e.route.owner, tier: e.tier, grade: e.grade, rule: e.route.rule, target: e.route.target };
      // The draft's reasons text (formatted on first read) only for a changed lead.
      if (a.owner !== b.owner || a.tier !== b.tier || a.grade !== b.grade || a.rule !== b.rule) {
        const changed = FIELDS.filter((f) => a[f] !== b[f]);
        report.changes.push({ id: r.leadId, at: new Date(r.at).toISOString(), changed, recorded: a, draft: outcome(predict(e)) });
      }
      count(owners, a.owner ?? UNASSIGNED, 0);
      count(owners, b.owner ?? UNASSIGNED, 1);
      count(rules, a.rule ?? NO_RULE, 0);
      count(rules, b.rule ?? NO_RULE, 1);
      count(tiers, a.tier, 0);
      count(tiers, b.tier, 1);
      if (b.target === 'fallback' || b.target === 'unassigned') report.fallback.push(r.leadId);
    }
    if (page.length < PAGE || !last) break;
    after = { seq: last.seq, at: last.at, id: last.id };
    // Let the server breathe between pages: the console runs previews in the serving process,
    // and webhooks must still be acknowledged within the CRM's timeout while one runs.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  report.owners = deltas(owners);
  report.rules = deltas(rules);
  report.tiers = deltas(tiers, compiled.config.tiers.priority.map((t) => String(t.name)));
  return report;
}
