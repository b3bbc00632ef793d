// A preview's answer: what the draft would change on the tenant's recorded decisions. Changed
// leads with both explanations, the load per rep as bars (length and number, never colour
// alone), counts per rule and tier, and the leads that would reach the fallback.
import { html } from 'htm/preact';
import { num, points } from './format.ts';
import type { CountDelta, PreviewOutcome, PreviewResult } from './rules-types.ts';

function Outcome({ o, changed }: { o: PreviewOutcome; changed: string[] }) {
  const mark = (f: string, text: string) => (changed.includes(f) ? html`<strong>${text}</strong>` : text);
  return html`<div>${mark('owner', o.owner ?? 'unassigned')} · ${mark('tier', o.tier)}${o.grade ? html` · ${mark('grade', o.grade)}` : ''} · ${mark('rule', o.rule ?? '(no rule)')}
    <details><summary>Why</summary><p class="why">${o.reasons}</p></details></div>`;
}

function Bars({ title, id, name, rows }: { title: string; id: string; name: string; rows: Record<string, CountDelta> }) {
  const entries = Object.entries(rows);
  const max = Math.max(1, ...entries.map(([, c]) => Math.max(c.base, c.candidate)));
  return html`<section aria-labelledby=${id}>
    <h4 id=${id}>${title}</h4>
    ${entries.length === 0
      ? html`<p class="empty">No decisions in the window.</p>`
      : html`<table class="bars">
          <thead><tr><th scope="col">${name}</th><th scope="col">Recorded (hatched) · draft (solid)</th><th scope="col" class="n">Now</th><th scope="col" class="n">Draft</th><th scope="col" class="n">Change</th></tr></thead>
          <tbody>
            ${entries.map(
              ([name, c]) => html`<tr>
                <th scope="row">${name}</th>
                <td aria-hidden="true"><span class="bar base" style=${{ width: `${(c.base / max) * 100}%` }}></span><span class="bar draft" style=${{ width: `${(c.candidate / max) * 100}%` }}></span></td>
                <td class="n">${num(c.base)}</td><td class="n">${num(c.candidate)}</td><td class="n">${c.delta === 0 ? '±0' : points(c.delta)}</td>
              </tr>`,
            )}
          </tbody>
        </table>`}
  </section>`;
}

export function PreviewReport({ r }: { r: PreviewResult }) {
  return html`<section aria-labelledby="preview-h" class="preview">
    <h3 id="preview-h">Preview on the last ${num(r.sinceDays)} days</h3>
    <p role="status">
      ${num(r.decisions)} recorded decisions re-evaluated with the draft: <strong>${num(r.changedTotal)} would change</strong>, ${num(r.fallbackTotal)} would reach the fallback.
      ${r.withoutInput > 0 ? ` ${num(r.withoutInput)} older decisions were recorded without their input and are not previewed.` : ''}
      ${r.approximate > 0 ? ` ${num(r.approximate)} replay approximately (long engagement history).` : ''}
    </p>
    ${r.decisions === 0 && html`<p class="empty">No decisions with recorded input in this window: the preview has nothing to compare. Route a few leads (or pick a longer window) and preview again.</p>`}
    ${r.changes.length > 0 &&
    html`<table class="changes">
      <caption>Leads whose owner, tier, grade or rule would change${r.changedTotal > r.changes.length ? ` (first ${num(r.changes.length)} of ${num(r.changedTotal)})` : ''}; changed values in bold</caption>
      <thead><tr><th scope="col">Lead</th><th scope="col">Changes</th><th scope="col">Recorded</th><th scope="col">With the draft</th></tr></thead>
      <tbody>${r.changes.map((c) => html`<tr><td>${c.id}</td><td>${c.changed.join(', ')}</td><td><${Outcome} o=${c.recorded} changed=${c.changed} /></td><td><${Outcome} o=${c.draft} changed=${c.changed} /></td></tr>`)}</tbody>
    </table>`}
    <div class="preview-counts">
      <${Bars} title="Leads per rep" id="pv-owners" name="Rep" rows=${r.owners} />
      <${Bars} title="Leads per rule" id="pv-rules" name="Rule" rows=${r.rules} />
      <${Bars} title="Leads per tier" id="pv-tiers" name="Tier" rows=${r.tiers} />
    </div>
    ${r.fallbackTotal > 0 && html`<p>Would reach the fallback: ${r.fallback.join(', ')}${r.fallbackTotal > r.fallback.length ? ' …' : ''}</p>`}
  </section>`;
}
