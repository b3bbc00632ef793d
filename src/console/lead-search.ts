// Find a lead by CRM record id or email. The query goes in a POST body (never in a URL), and
// the server compares emails by lookup key, so no email is stored or logged.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from './api.ts';
import { num, time } from './format.ts';

interface Match {
  leadId: string;
  at: number;
  score: number;
  tier: string;
  owner: string | null;
}

export function LeadSearch({ onOpen }: { onOpen: (leadId: string) => void }) {
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    try {
      const found = await api.post<{ matches: Match[] }>('/leads/search', { q });
      if (found.matches.length === 1) onOpen(found.matches[0]!.leadId);
      setMatches(found.matches);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return html`<section aria-labelledby="search-h" class="search">
    <h2 id="search-h">Find a lead</h2>
    <form onSubmit=${submit} role="search">
      <label for="q">CRM record id or email</label>
      <input id="q" name="q" type="search" autocomplete="off" required value=${q} onInput=${(e: Event) => setQ((e.target as HTMLInputElement).value)} />
      <button type="submit">Search</button>
    </form>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${matches !== null && matches.length === 0 && html`<p class="empty" role="status">No decision recorded for that id or email in this tenant. The lead may not have been scored yet.</p>`}
    ${matches !== null && matches.length > 1 &&
    html`<ul class="matches">
      ${matches.map((m) => html`<li><button type="button" class="link" onClick=${() => onOpen(m.leadId)}>Lead ${m.leadId}</button> · score ${num(m.score)} · tier ${m.tier} · ${m.owner ?? 'unassigned'} · ${time(m.at)}</li>`)}
    </ul>`}
  </section>`;
}
