// The tenant's config versions, newest first: who published what and when, whether it passed
// validation, which one is active, and a Rollback button for every other valid version.
import { html } from 'htm/preact';
import { time } from './format.ts';
import { issueText } from './yaml-editor.ts';
import type { VersionItem } from './rules-types.ts';

export function VersionHistory({ items, busy, onRollback, onOpen }: { items: VersionItem[] | null; busy: boolean; onRollback: (v: VersionItem) => void; onOpen: (v: VersionItem) => void }) {
  return html`<section aria-labelledby="versions-h">
    <h3 id="versions-h">Version history</h3>
    ${items === null
      ? html`<p class="loading">Loading versions…</p>`
      : items.length === 0
        ? html`<p class="empty">No version published yet: this tenant runs the server's config file. Edit the draft above, preview it, then publish to create version 1.</p>`
        : html`<table class="versions">
            <thead><tr><th scope="col">Version</th><th scope="col">Published</th><th scope="col">Author</th><th scope="col">Comment</th><th scope="col">Validation</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              ${items.map(
                (v) => html`<tr class=${v.active ? 'active' : ''}>
                  <td><strong>${v.label}</strong>${v.active ? ' (active)' : ''}${v.unreviewed ? html`<br /><span class="tag">not yet reviewed</span>` : ''}</td>
                  <td>${time(v.createdAt)}</td>
                  <td>${v.author}${v.activatedBy && v.activatedBy !== v.author ? html`<br /><span class="empty">activated by ${v.activatedBy}</span>` : ''}</td>
                  <td>${v.comment || html`<span class="empty">no comment</span>`}</td>
                  <td>${v.valid ? 'valid' : html`<details><summary>invalid (${v.issues.length})</summary><ul>${v.issues.map((i) => html`<li>${i.line ? `line ${i.line}: ` : ''}${issueText(i)}</li>`)}</ul></details>`}</td>
                  <td>
                    <button type="button" class="link" onClick=${() => onOpen(v)}>Load ${v.label} into the draft</button>
                    ${v.valid && !v.active && html`<br /><button type="button" disabled=${busy} onClick=${() => onRollback(v)}>Roll back to ${v.label}</button>`}
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`}
  </section>`;
}
