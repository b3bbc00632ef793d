// Set an out-of-office period for a rep (or end one): Preview replays the tenant's recent
// decisions with the change and says which leads would move; Publish makes it a new config
// version (author: this console session; the comment is kept in the version history).
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { time } from './format.ts';
import type { OooChange, OooPreview, TeamMember } from './team-types.ts';

/** `request`: a change asked for elsewhere on the page (a period's End button), previewed here. */
export function OooForm({ members, request, onPublished }: { members: TeamMember[]; request: OooChange | null; onPublished: (message: string) => void }) {
  const [pending, setPending] = useState<OooChange | null>(null);
  const [owner, setOwner] = useState(members[0]?.email ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const [preview, setPreview] = useState<OooPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (change: OooChange) => {
    setError(null);
    setPreview(null);
    setBusy(true);
    try {
      setPending(change);
      setPreview(await api.post<OooPreview>('/team/out-of-office/preview', change));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void run({ action: 'add', owner, from, to, ...(note.trim() ? { note: note.trim() } : {}) });
  };
  const publish = async () => {
    if (!pending || !preview) return;
    setBusy(true);
    try {
      const done = await api.post<{ version: string; summary: string }>('/team/out-of-office', { ...pending, basedOn: preview.basedOn, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setPreview(null);
      setPending(null);
      setComment('');
      onPublished(`Published ${done.version}: ${done.summary}. Routing uses it within seconds.`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const cancel = () => {
    setPreview(null);
    setPending(null);
  };
  useEffect(() => {
    if (request) void run(request);
  }, [request]);

  return html`<section aria-labelledby="ooo-h" class="ooo">
    <h3 id="ooo-h">Set out of office</h3>
    <form class="filters" onSubmit=${submit}>
      <label for="ooo-owner">Rep
        <select id="ooo-owner" value=${owner} onChange=${(e: Event) => setOwner((e.target as HTMLSelectElement).value)}>
          ${members.map((m) => html`<option value=${m.email}>${m.name ? `${m.name} (${m.email})` : m.email}</option>`)}
        </select>
      </label>
      <label for="ooo-from">First day away<input id="ooo-from" type="date" required value=${from} onInput=${(e: Event) => setFrom((e.target as HTMLInputElement).value)} /></label>
      <label for="ooo-to">Last day away<input id="ooo-to" type="date" required value=${to} onInput=${(e: Event) => setTo((e.target as HTMLInputElement).value)} /></label>
      <label for="ooo-note">Note (optional)<input id="ooo-note" type="text" maxlength="200" value=${note} onInput=${(e: Event) => setNote((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" disabled=${busy}>Preview</button>
    </form>
    <p class="meta">Days are in the rep's own time zone, both inclusive. Nothing changes until you publish.</p>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${preview &&
    html`<div class="preview" role="status" aria-live="polite">
      <h4>Preview: ${preview.summary}</h4>
      <p>
        Replayed ${preview.decisions} decision${preview.decisions === 1 ? '' : 's'} since ${time(Date.parse(preview.since))}:${' '}<strong>${preview.moved === 0 ? 'no lead would move' : `${preview.moved} lead${preview.moved === 1 ? '' : 's'} would move`}</strong>${preview.movedFromOwner ? ` (${preview.movedFromOwner} away from this rep)` : ''}${preview.fallback ? `; ${preview.fallback} would reach the fallback` : ''}.${preview.withoutInput ? ` ${preview.withoutInput} older decisions were recorded without their input and are not replayed.` : ''}${' '}A period ahead changes only the leads that arrive during it.
      </p>
      ${preview.leads.length > 0 &&
      html`<table class="moved"><thead><tr><th scope="col">Lead</th><th scope="col">Decided</th><th scope="col">Was</th><th scope="col">Would go to</th></tr></thead>
        <tbody>${preview.leads.map((l) => html`<tr><td>${l.leadId}</td><td>${time(Date.parse(l.at))}</td><td>${l.from ?? 'unassigned'}</td><td>${l.to ?? 'unassigned'}</td></tr>`)}</tbody></table>`}
      <label for="ooo-comment" class="block">Comment for the version history (optional)
        <input id="ooo-comment" type="text" maxlength="500" value=${comment} placeholder=${preview.summary} onInput=${(e: Event) => setComment((e.target as HTMLInputElement).value)} />
      </label>
      <p><button type="button" class="primary" disabled=${busy} onClick=${publish}>Publish</button> <button type="button" onClick=${cancel}>Cancel</button></p>
    </div>`}
  </section>`;
}
