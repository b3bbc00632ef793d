// The latest decisions of the tenant, newest first, with filters (rule, owner, tier, fallback
// only). Refreshes itself every 20 s while showing the first page.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { num, targetLabel, time } from './format.ts';
import type { DecisionSummary, Filters } from './types.ts';

interface Chosen {
  rule: string;
  owner: string;
  tier: string;
  fallback: boolean;
}

const REFRESH_MS = 20_000;

function query(c: Chosen, before?: number): string {
  const p = new URLSearchParams();
  if (c.rule) p.set('rule', c.rule);
  if (c.owner) p.set('owner', c.owner);
  if (c.tier) p.set('tier', c.tier);
  if (c.fallback) p.set('fallback', '1');
  if (before !== undefined) p.set('before', String(before));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function Select({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  return html`<label for=${id}>${label}
    <select id=${id} value=${value} onChange=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}>
      <option value="">any</option>
      ${options.map((o) => html`<option value=${o}>${o}</option>`)}
    </select>
  </label>`;
}

export function DecisionsList({ onOpen }: { onOpen: (leadId: string) => void }) {
  const [filters, setFilters] = useState<Filters>({ rules: [], owners: [], tiers: [] });
  const [chosen, setChosen] = useState<Chosen>({ rule: '', owner: '', tier: '', fallback: false });
  const [items, setItems] = useState<DecisionSummary[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.get<Filters>('/filters').then(setFilters, (e: Error) => setError(e.message));
  }, []);

  const load = (before?: number) =>
    api.get<{ items: DecisionSummary[]; next: number | null }>(`/decisions${query(chosen, before)}`).then(
      (page) => {
        setError(null);
        setItems((prev) => (before === undefined ? page.items : [...(prev ?? []), ...page.items]));
        setNext(page.next);
      },
      (e: Error) => setError(e.message),
    );

  useEffect(() => {
    setItems(null);
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [chosen]);

  const set = (patch: Partial<Chosen>) => setChosen({ ...chosen, ...patch });
  return html`<section aria-labelledby="decisions-h">
    <h2 id="decisions-h">Latest decisions</h2>
    <form class="filters" onSubmit=${(e: Event) => e.preventDefault()}>
      <${Select} id="f-rule" label="Rule" value=${chosen.rule} options=${filters.rules} onChange=${(rule: string) => set({ rule })} />
      <${Select} id="f-owner" label="Owner" value=${chosen.owner} options=${filters.owners} onChange=${(owner: string) => set({ owner })} />
      <${Select} id="f-tier" label="Tier" value=${chosen.tier} options=${filters.tiers} onChange=${(tier: string) => set({ tier })} />
      <label for="f-fallback" class="check"><input id="f-fallback" type="checkbox" checked=${chosen.fallback} onChange=${(e: Event) => set({ fallback: (e.target as HTMLInputElement).checked })} /> Fallback only</label>
      <button type="button" onClick=${() => void load()}>Refresh</button>
    </form>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${items === null
      ? html`<p class="loading">Loading decisions…</p>`
      : items.length === 0
        ? html`<p class="empty">No decisions match. lead-router records a decision each time it scores a lead: change a contact in the CRM, run a backfill, or clear the filters.</p>`
        : html`<table class="decisions">
            <thead><tr><th scope="col">When</th><th scope="col">Lead</th><th scope="col" class="n">Score</th><th scope="col">Tier</th><th scope="col">Owner</th><th scope="col">Rule</th></tr></thead>
            <tbody>
              ${items.map(
                (d) => html`<tr>
                  <td>${time(d.at)}</td>
                  <td><button type="button" class="link" onClick=${() => onOpen(d.leadId)}>${d.leadId}</button></td>
                  <td class="n">${num(d.score)}</td>
                  <td>${d.tier}${d.grade ? ` (${d.grade})` : ''}</td>
                  <td>${d.owner ?? 'unassigned'}</td>
                  <td>${d.rule ?? targetLabel(d.target)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
          ${next !== null && html`<button type="button" onClick=${() => void load(next)}>Show older decisions</button>`}`}
  </section>`;
}
