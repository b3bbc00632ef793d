// The Rules page: the tenant's active config (or the server's config file while it has no
// version) as a draft, edited in the YAML editor or the form (one draft, two views), checked
// by the server's loader as you type, previewed on the tenant's own history, then published
// (a new version, live within 2 s) or rolled back from the version history.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { num } from './format.ts';
import { RulesForm } from './rules-form.ts';
import { PreviewReport } from './rules-preview.ts';
import type { ConfigIssue, PreviewResult, RulesSource, VersionItem } from './rules-types.ts';
import { VersionHistory } from './rules-versions.ts';
import { YamlEditor, issueText } from './yaml-editor.ts';

const WINDOWS = [7, 30, 90];

/** The unpublished draft, kept while the admin visits another page of the console (not across reloads). */
let kept: { base: string; draft: string } | null = null;

export function RulesPage() {
  const [source, setSource] = useState<RulesSource | null>(null);
  const [draft, setDraft] = useState('');
  const [view, setView] = useState<'editor' | 'form'>('editor');
  const [issues, setIssues] = useState<ConfigIssue[] | null>(null);
  const [versions, setVersions] = useState<VersionItem[] | null>(null);
  const [sinceDays, setSinceDays] = useState(30);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'publish' | 'rollback' | null>(null);
  const [comment, setComment] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    const [s, v] = await Promise.all([api.get<RulesSource>('/rules'), api.get<{ items: VersionItem[] }>('/rules/versions')]);
    setSource(s);
    setDraft(kept?.base === s.yaml ? kept.draft : s.yaml);
    kept = null;
    setVersions(v.items);
  };
  useEffect(() => {
    if (source) kept = draft === source.yaml ? null : { base: source.yaml, draft };
  }, [draft, source]);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, []);

  const run = async (what: 'preview' | 'publish' | 'rollback', fn: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    setStatus(null);
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  const doPreview = () =>
    run('preview', async () => {
      setPreview(await api.post<PreviewResult>('/rules/preview', { yaml: draft, sinceDays }));
    });
  const doPublish = () =>
    run('publish', async () => {
      const r = await api.post<{ label: string }>('/rules/publish', { yaml: draft, ...(comment.trim() ? { comment } : {}) });
      setComment('');
      kept = null;
      await load();
      setStatus(`Published ${r.label}: every lead-router process routes with it within 2 seconds.`);
    });
  const doRollback = (v: VersionItem) =>
    run('rollback', async () => {
      await api.post('/rules/rollback', { version: v.version });
      kept = null;
      await load();
      setPreview(null);
      setStatus(`Rolled back: ${v.label} is active again (live within 2 seconds). The draft now shows it.`);
    });
  const openVersion = (v: VersionItem) =>
    run('rollback', async () => {
      const r = await api.get<{ yaml: string }>(`/rules/versions/${v.version}`);
      setDraft(r.yaml);
      setStatus(`Draft loaded from ${v.label}. Preview it, or publish it as a new version.`);
    });

  if (!source) return error ? html`<p role="alert" class="error">${error}</p>` : html`<p class="loading">Loading the config…</p>`;
  const dirty = draft !== source.yaml;
  const invalid = issues !== null && issues.length > 0;
  return html`<section aria-labelledby="rules-h" class="rules" aria-busy=${busy !== null}>
    <h2 id="rules-h">Rules</h2>
    <p class="meta">
      Active: <strong>${source.source === 'version' ? `version ${source.label}` : `the server's config file (${source.label})`}</strong>
      ${source.unreviewed && html` · <span class="tag">not yet reviewed</span> (installed from a template: review it, then publish)`}
      ${dirty ? ' · draft has unpublished changes' : ' · draft equals the active config'}
    </p>
    <div role="group" aria-label="Draft view" class="tabs">
      <button type="button" aria-pressed=${view === 'editor'} onClick=${() => setView('editor')}>YAML editor</button>
      <button type="button" aria-pressed=${view === 'form'} onClick=${() => setView('form')}>Form</button>
    </div>
    <div hidden=${view !== 'editor'}><${YamlEditor} value=${draft} onChange=${setDraft} onIssues=${(i: ConfigIssue[] | null, e?: string) => { setIssues(i); if (e) setError(e); }} /></div>
    ${view === 'form' && html`<${RulesForm} draft=${draft} onChange=${setDraft} />`}
    <div id="rules-issues" aria-live="polite" class="issues">
      ${issues === null
        ? html`<p class="loading">Checking the draft…</p>`
        : issues.length === 0
          ? html`<p class="ok">✓ The draft is a valid config.</p>`
          : html`<p class="error">${num(issues.length)} problem${issues.length === 1 ? '' : 's'} in the draft (fix them before preview or publish):</p>
              <ul>${issues.map((i) => html`<li>${i.line ? html`<strong>line ${i.line}</strong>: ` : ''}${issueText(i)}</li>`)}</ul>`}
    </div>
    <form class="actions" onSubmit=${(e: Event) => e.preventDefault()}>
      <label for="rules-since">Preview window
        <select id="rules-since" value=${String(sinceDays)} onChange=${(e: Event) => setSinceDays(Number((e.target as HTMLSelectElement).value))}>
          ${WINDOWS.map((d) => html`<option value=${String(d)}>last ${d} days</option>`)}
        </select>
      </label>
      <button type="button" disabled=${busy !== null || invalid} onClick=${doPreview}>${busy === 'preview' ? 'Previewing…' : 'Preview'}</button>
      <label for="rules-comment">Comment (optional)
        <input id="rules-comment" type="text" maxLength=${500} value=${comment} onInput=${(e: Event) => setComment((e.target as HTMLInputElement).value)} placeholder="what changed and why" />
      </label>
      <button type="button" class="primary" disabled=${busy !== null || invalid || !dirty} onClick=${doPublish}>${busy === 'publish' ? 'Publishing…' : 'Publish'}</button>
    </form>
    ${busy === 'preview' && html`<p class="loading" role="status">Re-evaluating the last ${sinceDays} days of decisions with the draft…</p>`}
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${status && html`<p role="status" class="ok">${status}</p>`}
    ${preview && html`<${PreviewReport} r=${preview} />`}
    <${VersionHistory} items=${versions} busy=${busy !== null} onRollback=${doRollback} onOpen=${openVersion} />
  </section>`;
}
