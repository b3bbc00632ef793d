// The funnel per group: leads, speed to first touch, deals, wins and revenue, with 95% intervals
// (small groups marked, never hidden), and the leads managers reassigned in the CRM or closed
// unworked. Two charts (outcomes, speed) and one table of every number.
import { html } from 'htm/preact';
import type { FunnelReport } from '../../outcomes/report/run-report.ts';
import { ChartView } from './chart.ts';
import { int, minutes, money, pct, rate } from './format.ts';

export const BY_LABEL: Record<string, string> = { rep: 'Rep', source: 'Source', tier: 'Tier', rule: 'Rule', grade: 'Grade', segment: 'Segment (team)' };

export function FunnelSection({ report }: { report: FunnelReport }) {
  const rows = report.rows;
  const by = BY_LABEL[report.by] ?? report.by;
  const labels = rows.map((r) => r.group);
  return html`<section aria-labelledby="funnel-h">
    <h3 id="funnel-h">Funnel by ${by.toLowerCase()}</h3>
    <div class="charts">
      <${ChartView} kind="bar" labels=${labels} yTitle="Leads" format=${int} integer
        label=${`Leads, touched within ${report.fastTouchMinutes} minutes, converted to a deal and won, per ${by.toLowerCase()}. The table below has the same numbers.`}
        series=${[
          { label: 'Leads', data: rows.map((r) => r.leads) },
          { label: `Touched ≤ ${report.fastTouchMinutes} min`, data: rows.map((r) => r.touchedFast.successes) },
          { label: 'Deal', data: rows.map((r) => r.converted.successes) },
          { label: 'Won', data: rows.map((r) => r.won.successes) },
        ]} />
      ${report.total.touched === 0
        ? html`<p class="empty">No assigned lead has a logged first touch yet (a call, meeting or email by its owner), so there is no speed to show.</p>`
        : html`<${ChartView} kind="bar" labels=${labels} yTitle="Minutes to first touch" format=${(n: number) => minutes(n)}
        label=${`Median and 90th percentile minutes to first touch per ${by.toLowerCase()}. The table below has the same numbers.`}
        series=${[
          { label: 'Median', data: rows.map((r) => r.medianTouchMinutes) },
          { label: 'P90', data: rows.map((r) => r.p90TouchMinutes) },
        ]} />`}
    </div>
    <table class="report" aria-describedby="funnel-note">
      <caption>Funnel by ${by.toLowerCase()}, leads decided since the window start</caption>
      <thead><tr>
        <th scope="col">${by}</th><th scope="col" class="n">Leads</th><th scope="col" class="n">Touched ≤ ${report.fastTouchMinutes} min</th>
        <th scope="col" class="n">Median to touch</th><th scope="col" class="n">P90 to touch</th>
        <th scope="col" class="n">Deal</th><th scope="col" class="n">Won</th><th scope="col" class="n">Revenue</th>
        <th scope="col" class="n">Reassigned in CRM</th><th scope="col" class="n">Closed unworked</th>
      </tr></thead>
      <tbody>
        ${[...rows, report.total].map(
          (r) => html`<tr class=${r === report.total ? 'total' : undefined}>
            <th scope="row">${r.group === '(all)' ? 'All leads' : r.group}${r.small ? html` <abbr title=${`fewer than ${report.smallSample} leads: read with care`}>*</abbr><span class="sr">small sample</span>` : ''}</th>
            <td class="n">${int(r.leads)}</td>
            <td class="n">${int(r.touchedFast.successes)} / ${int(r.assigned)} · ${rate(r.touchedFast)}</td>
            <td class="n">${minutes(r.medianTouchMinutes)}</td>
            <td class="n">${minutes(r.p90TouchMinutes)}</td>
            <td class="n">${int(r.converted.successes)} · ${rate(r.converted)}</td>
            <td class="n">${int(r.won.successes)} · ${rate(r.won)}</td>
            <td class="n">${money(r.revenue)}</td>
            <td class="n">${int(r.reassignedInCrm)}</td>
            <td class="n">${int(r.closedUnworked)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
    <p id="funnel-note" class="meta">Rates with 95% Wilson intervals in brackets. * fewer than ${report.smallSample} leads: read with care. Time to first touch counts touched leads only; ${pct(report.total.assigned ? report.total.touched / report.total.assigned : null)} of assigned leads were touched. Reassigned in CRM: leads a manager gave another owner in the CRM; closed unworked: leads closed by a lead status or archived before any touch (where managers override the routing).</p>
  </section>`;
}
