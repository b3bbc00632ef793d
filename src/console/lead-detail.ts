// One lead's latest decision: the score ledger (each item's points, raw points, caps, decay
// notes), the routing trace (rules tried, candidates and why each was skipped, tie-break, SLA)
// and the lead's decision history; "wrong owner" reports from reps first, with their notes and
// the decision they judged, then every verdict.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { num, pointer, points, skipReason, targetLabel, time } from './format.ts';
import type { Evaluation, FeedbackView, LeadView } from './types.ts';

const SOURCES: Record<string, string> = { card: 'HubSpot card', panel: 'Pipedrive panel', crm: 'CRM field' };
const kindLabel = (kind: string) => kind.replace('_', ' ');
const who = (f: FeedbackView) => `${f.userId ? `user ${f.userId}` : 'a rep'} via ${SOURCES[f.source] ?? f.source}`;
const judged = (f: FeedbackView) =>
  f.decision ? `the decision of ${time(f.decision.decidedAt)} (owner ${f.decision.owner ?? 'unassigned'}, rule ${f.decision.rule ?? '—'})` : 'a lead never decided';

/** "Wrong owner" reports, first on the page: the admin reads them next to the routing trace. */
function WrongOwner({ feedback }: { feedback: FeedbackView[] }) {
  const reports = feedback.filter((f) => f.kind === 'wrong_owner');
  if (reports.length === 0) return null;
  return html`<section class="wrong-owner" role="note" aria-labelledby="wo-h">
    <h3 id="wo-h">Wrong owner reported (${reports.length})</h3>
    <ul>
      ${reports.map(
        (f) => html`<li>
          <strong>${time(f.at)}</strong>, ${who(f)}, about ${judged(f)}${f.note ? html`: <q class="note">${f.note}</q>` : ' (no note)'}
        </li>`,
      )}
    </ul>
  </section>`;
}

function Ledger({ e }: { e: Evaluation }) {
  const s = e.score;
  return html`<section aria-labelledby="ledger-h">
    <h3 id="ledger-h">Score ledger</h3>
    <p class="totals">Total <strong>${num(s.total)}</strong> = fit ${num(s.fit)} + engagement ${num(s.engagement)}</p>
    ${s.contributions.length === 0
      ? html`<p class="empty">No scoring rule matched this lead.</p>`
      : html`<table class="ledger">
          <thead><tr><th scope="col">Kind</th><th scope="col">Group</th><th scope="col">Item</th><th scope="col">Value</th><th scope="col" class="n">Raw</th><th scope="col" class="n">Points</th><th scope="col">Note</th></tr></thead>
          <tbody>
            ${s.contributions.map(
              (c) => html`<tr>
                <td>${c.kind}</td><td>${c.group}</td><td>${c.label}</td>
                <td>${c.value === undefined || c.value === null ? (c.count !== undefined ? `${num(c.count)}×` : '') : String(c.value)}</td>
                <td class="n">${points(c.raw)}</td><td class="n"><strong>${points(c.points)}</strong></td><td>${c.note ?? ''}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
    ${s.adjustments.length > 0 &&
    html`<ul class="adjustments">
      ${s.adjustments.map((a) => html`<li>${a.scope} ${a.reason === 'cap' ? 'capped' : 'floored'} at ${num(a.to)} (was ${num(a.from)})</li>`)}
    </ul>`}
  </section>`;
}

function Trace({ e }: { e: Evaluation }) {
  const r = e.route;
  return html`<section aria-labelledby="trace-h">
    <h3 id="trace-h">Routing trace</h3>
    <p class="sentence">${r.reason}</p>
    <dl class="facts">
      <dt>Owner</dt><dd>${r.owner ?? 'unassigned'}</dd>
      <dt>Rule</dt><dd>${r.rule ?? '—'} (${targetLabel(r.target)}${r.team ? `, team ${r.team}` : ''})</dd>
      ${r.tieBreak && html`<dt>Tie-break</dt><dd>${r.tieBreak}</dd>`}
      ${r.sla && html`<dt>SLA</dt><dd>first touch within ${num(r.sla.firstTouchMinutes)} working minutes, by ${time(r.sla.deadline)}; on breach ${r.sla.onBreach}${r.sla.escalateTo ? ` to ${r.sla.escalateTo}` : ''} (${r.sla.source})</dd>`}
    </dl>
    <h4>Rules tried</h4>
    ${r.trace.length ? html`<ol class="rules">${r.trace.map((t) => html`<li>${t}</li>`)}</ol>` : html`<p class="empty">No rule was evaluated.</p>`}
    ${r.candidates.length > 0 &&
    html`<h4>Candidates</h4>
      <table class="candidates">
        <thead><tr><th scope="col">Rep</th><th scope="col">Eligible</th><th scope="col">Why skipped</th><th scope="col" class="n">Pointer</th><th scope="col" class="n">Open leads</th></tr></thead>
        <tbody>
          ${r.candidates.map(
            (c) => html`<tr class=${c.owner === r.owner ? 'picked' : ''}>
              <td>${c.owner}${c.owner === r.owner ? ' (picked)' : ''}</td>
              <td>${c.eligible ? 'yes' : 'no'}</td>
              <td>${[skipReason(c.skipped), c.detail].filter(Boolean).join(': ')}</td>
              <td class="n">${c.pointer === undefined ? '' : pointer(c.pointer)}</td>
              <td class="n">${c.openLeads === undefined ? '' : num(c.openLeads)}</td>
            </tr>`,
          )}
        </tbody>
      </table>`}
  </section>`;
}

export function LeadDetail({ leadId }: { leadId: string }) {
  const [view, setView] = useState<LeadView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setView(null);
    setError(null);
    api.get<LeadView>(`/leads/${encodeURIComponent(leadId)}`).then(setView, (e: Error) => setError(e.message));
  }, [leadId]);

  if (error) return html`<p role="alert" class="error">${error}</p>`;
  if (!view || !view.latest) return html`<p class="loading">Loading lead ${leadId}…</p>`;
  const e = view.latest.evaluation;
  return html`<article class="lead" aria-labelledby="lead-h">
    <h2 id="lead-h">Lead ${view.leadId}</h2>
    <p class="meta">
      Decided ${time(view.latest.at)}${view.latest.configVersion ? ` by config ${view.latest.configVersion}` : ''} · score ${num(e.score.total)} · tier ${e.tier}${e.grade ? ` · grade ${e.grade}` : ''}
      ${view.crmUrl && html` · <a href=${view.crmUrl} target="_blank" rel="noopener noreferrer">Open in the CRM</a>`}
    </p>
    <${WrongOwner} feedback=${view.feedback} />
    <${Ledger} e=${e} />
    <${Trace} e=${e} />
    <section aria-labelledby="history-h">
      <h3 id="history-h">History</h3>
      <table class="history">
        <thead><tr><th scope="col">When</th><th scope="col" class="n">Score</th><th scope="col">Tier</th><th scope="col">Owner</th><th scope="col">Rule</th><th scope="col">Config</th></tr></thead>
        <tbody>${view.history.map((h) => html`<tr><td>${time(h.at)}</td><td class="n">${num(h.score)}</td><td>${h.tier}</td><td>${h.owner ?? 'unassigned'}</td><td>${h.rule ?? targetLabel(h.target)}</td><td><code>${h.configVersion ?? '—'}</code></td></tr>`)}</tbody>
      </table>
    </section>
    ${view.feedback.length > 0 &&
    html`<section aria-labelledby="fb-h"><h3 id="fb-h">Rep feedback</h3>
      <ul class="feedback">${view.feedback.map((f) => html`<li class=${f.kind === 'wrong_owner' ? 'wrong' : ''}>${time(f.at)}: <strong>${kindLabel(f.kind)}</strong> by ${who(f)}${f.note ? ` — ${f.note}` : ''}</li>`)}</ul></section>`}
  </article>`;
}
