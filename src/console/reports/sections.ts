// The Reports page's other sections: leads assigned per rep over time, SLA, fairness, fallback,
// score / tier / grade distribution and rep feedback. Each chart has a table with its numbers.
import { html } from 'htm/preact';
import type { FunnelReport } from '../../outcomes/report/run-report.ts';
import type { CountRow } from '../../outcomes/report/sections.ts';
import { ChartView } from './chart.ts';
import { day, int, pct } from './format.ts';

function CountTable({ caption, head, rows }: { caption: string; head: string; rows: CountRow[] }) {
  return html`<table class="report compact"><caption>${caption}</caption>
    <thead><tr><th scope="col">${head}</th><th scope="col" class="n">Leads</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><th scope="row">${r.key}</th><td class="n">${int(r.count)}</td></tr>`)}</tbody>
  </table>`;
}

export function AssignedSection({ report }: { report: FunnelReport }) {
  const { days, reps } = report.assignedOverTime;
  if (reps.length === 0) return html`<section aria-labelledby="assigned-h"><h3 id="assigned-h">Leads assigned per rep</h3><p class="empty">No lead was assigned to a rep in this window.</p></section>`;
  return html`<section aria-labelledby="assigned-h">
    <h3 id="assigned-h">Leads assigned per rep over time</h3>
    <${ChartView} kind="line" labels=${days.map(day)} yTitle="Assignments per day (UTC)" format=${int} integer
      label="Assignments per rep and day; the table below has the same numbers." series=${reps.map((r) => ({ label: r.owner, data: r.counts }))} />
    <div class="scroll"><table class="report compact"><caption>Assignments per rep and UTC day, latest first</caption>
      <thead><tr><th scope="col">Day</th>${reps.map((r) => html`<th scope="col" class="n">${r.owner}</th>`)}</tr></thead>
      <tbody>
        ${days.map((d, i) => ({ d, i })).reverse().map(({ d, i }) => html`<tr><th scope="row">${day(d)}</th>${reps.map((r) => html`<td class="n">${int(r.counts[i]!)}</td>`)}</tr>`)}
        <tr class="total"><th scope="row">Total</th>${reps.map((r) => html`<td class="n">${int(r.total)}</td>`)}</tr>
      </tbody>
    </table></div>
  </section>`;
}

export function SlaSection({ report }: { report: FunnelReport }) {
  const s = report.sla;
  return html`<section aria-labelledby="sla-h">
    <h3 id="sla-h">SLA breaches and escalations</h3>
    <p><strong>${int(s.total.breached)}</strong> of ${int(s.total.withSla)} assignments with an SLA breached it (${pct(s.total.withSla ? s.total.breached / s.total.withSla : null)});
      ${' '}<strong>${int(s.reassigned)}</strong> re-assigned after a breach; <strong>${int(s.escalations)}</strong> escalated.</p>
    ${s.rows.length
      ? html`<table class="report compact"><caption>SLA per rep (assignments whose deadline passed or that were touched)</caption>
          <thead><tr><th scope="col">Rep</th><th scope="col" class="n">With SLA</th><th scope="col" class="n">Breached</th><th scope="col" class="n">Share breached</th></tr></thead>
          <tbody>${s.rows.map((r) => html`<tr><th scope="row">${r.owner}</th><td class="n">${int(r.withSla)}</td><td class="n">${int(r.breached)}</td><td class="n">${pct(r.withSla ? r.breached / r.withSla : null)}</td></tr>`)}</tbody>
        </table>`
      : html`<p class="empty">No SLA deadline passed in this window.</p>`}
  </section>`;
}

export function FairnessSection({ report }: { report: FunnelReport }) {
  const rows = report.fairness;
  if (rows.length === 0) return html`<section aria-labelledby="fair-h"><h3 id="fair-h">Fairness</h3><p class="empty">The config has no teams: add teams under teams: to compare shares.</p></section>`;
  const labels = rows.map((r) => `${r.owner} (${r.team})`);
  return html`<section aria-labelledby="fair-h">
    <h3 id="fair-h">Fairness: share of the team's leads vs entitlement</h3>
    <${ChartView} kind="bar" labels=${labels} yTitle="Share of the team's leads" format=${pct}
      label="Each rep's share of their team's leads next to the share their weight and availability entitle them to; the table below has the same numbers."
      series=${[{ label: 'Share', data: rows.map((r) => r.share) }, { label: 'Entitled', data: rows.map((r) => r.entitled) }]} />
    <table class="report compact"><caption>Fairness per team and rep</caption>
      <thead><tr><th scope="col">Team</th><th scope="col">Rep</th><th scope="col" class="n">Leads</th><th scope="col" class="n">Share</th><th scope="col" class="n">Entitled</th><th scope="col" class="n">Weight</th><th scope="col" class="n">Available</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr><td>${r.team}</td><th scope="row">${r.owner}</th><td class="n">${int(r.leads)}</td><td class="n">${pct(r.share)}</td><td class="n">${pct(r.entitled)}</td><td class="n">${r.weight}</td><td class="n">${pct(r.availability)}</td></tr>`)}</tbody>
    </table>
    <p class="meta">Entitled: weight (weighted teams; 1 otherwise) × the part of the window the rep was active and not out of office, over the team.</p>
  </section>`;
}

export function FallbackSection({ report }: { report: FunnelReport }) {
  const f = report.fallback;
  return html`<section aria-labelledby="fallback-h">
    <h3 id="fallback-h">Leads reaching the fallback owner</h3>
    <p><strong>${int(f.fallback)}</strong> of ${int(f.leads)} leads (${pct(f.leads ? f.fallback / f.leads : null)}).</p>
    ${f.byRule.length > 0 && html`<${CountTable} caption="Fallback leads by rule" head="Rule" rows=${f.byRule} />`}
  </section>`;
}

export function DistributionSection({ report }: { report: FunnelReport }) {
  const d = report.distribution;
  return html`<section aria-labelledby="dist-h">
    <h3 id="dist-h">Score and tier distribution</h3>
    <${ChartView} kind="bar" labels=${d.scores.map((s) => s.key)} yTitle="Leads" format=${int} integer
      label="Leads per score band (latest decision of each lead); the table below has the same numbers." series=${[{ label: 'Leads', data: d.scores.map((s) => s.count) }]} />
    <div class="tables">
      <${CountTable} caption="Leads per score band" head="Score" rows=${d.scores} />
      <${CountTable} caption="Leads per tier" head="Tier" rows=${d.tiers} />
      <${CountTable} caption="Leads per grade" head="Grade" rows=${d.grades} />
    </div>
  </section>`;
}

const KIND_LABEL: Record<string, string> = { good_lead: 'Good lead', bad_fit: 'Bad fit', wrong_owner: 'Wrong owner', duplicate: 'Duplicate' };

export function FeedbackSection({ report }: { report: FunnelReport }) {
  const f = report.feedback;
  return html`<section aria-labelledby="feedback-h">
    <h3 id="feedback-h">Rep feedback per rule and rep</h3>
    ${f.rows.length === 0
      ? html`<p class="empty">No rep feedback in this window. Reps give it on the HubSpot card or the Pipedrive panel.</p>`
      : html`<table class="report compact"><caption>Feedback given in the window, by the decision it is about</caption>
          <thead><tr><th scope="col">Rule</th><th scope="col">Rep</th>${f.kinds.map((k) => html`<th scope="col" class="n">${KIND_LABEL[k] ?? k}</th>`)}<th scope="col" class="n">Total</th></tr></thead>
          <tbody>${f.rows.map((r) => html`<tr><td>${r.rule}</td><th scope="row">${r.owner}</th>${f.kinds.map((k) => html`<td class="n">${int(r.counts[k] ?? 0)}</td>`)}<td class="n">${int(r.total)}</td></tr>`)}</tbody>
        </table>`}
  </section>`;
}
