// The Reports page: pick a window and a grouping, read the funnel and the other sections, export
// the funnel as CSV (the server's `lead-router report --format csv` text for the same choice).
// The numbers come from GET /admin/api/report, the same object `lead-router report --format json` prints.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import type { FunnelReport } from '../../outcomes/report/run-report.ts';
import { api } from '../api.ts';
import { time } from '../format.ts';
import { BY_LABEL, FunnelSection } from './funnel-section.ts';
import { AssignedSection, DistributionSection, FairnessSection, FallbackSection, FeedbackSection, SlaSection } from './sections.ts';

const WINDOWS: [string, string][] = [['7d', 'Last 7 days'], ['30d', 'Last 30 days'], ['90d', 'Last 90 days'], ['180d', 'Last 180 days']];

export function ReportsPage() {
  const [since, setSince] = useState('30d');
  const [by, setBy] = useState('rep');
  const [report, setReport] = useState<FunnelReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = new URLSearchParams({ since, by }).toString();

  useEffect(() => {
    setReport(null);
    api.get<FunnelReport>(`/report?${query}`).then(
      (r) => (setError(null), setReport(r)),
      (e: Error) => setError(e.message),
    );
  }, [query]);

  return html`<section aria-labelledby="reports-h" class="reports">
    <h2 id="reports-h">Reports</h2>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <label for="r-since">Window
        <select id="r-since" value=${since} onChange=${(e: Event) => setSince((e.target as HTMLSelectElement).value)}>
          ${WINDOWS.map(([v, l]) => html`<option value=${v}>${l}</option>`)}
        </select>
      </label>
      <label for="r-by">Group the funnel by
        <select id="r-by" value=${by} onChange=${(e: Event) => setBy((e.target as HTMLSelectElement).value)}>
          ${Object.entries(BY_LABEL).map(([v, l]) => html`<option value=${v}>${l}</option>`)}
        </select>
      </label>
      <a class="button" href=${`/admin/api/report.csv?${query}`} download>Export CSV</a>
    </form>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${report === null
      ? !error && html`<p class="loading" aria-live="polite">Loading the report…</p>`
      : html`<p class="meta">${report.tenant}: leads decided ${time(Date.parse(report.since))} – ${time(Date.parse(report.until))}.</p>
          ${report.total.leads === 0
            ? html`<p class="empty">No decisions in this window. lead-router records a decision each time it scores a lead: pick a longer window, wait for new leads, or run <code>lead-router backfill</code> to score existing ones.</p>`
            : html`<${FunnelSection} report=${report} />
                <${AssignedSection} report=${report} />
                <${SlaSection} report=${report} />
                <${FairnessSection} report=${report} />
                <${FallbackSection} report=${report} />
                <${DistributionSection} report=${report} />
                <${FeedbackSection} report=${report} />`}`}
  </section>`;
}
