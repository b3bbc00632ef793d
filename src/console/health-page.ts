// The Health page of the session's tenant: install status (scopes, token, degraded reason
// with its fix), webhook intake, inbox depth, write-back latency, the CRM's 429s, and the
// failed rows with their reason and a Retry button (re-queues them; the worker picks them up).
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { num, time } from './format.ts';
import type { FailedRow, Health } from './team-types.ts';

const REFRESH_MS = 20_000;
const ms = (n: number | null) => (n === null ? '–' : n < 1000 ? `${num(n)} ms` : `${num(n / 1000)} s`);
const TOKEN: Record<Health['install']['token'], string> = {
  accepted: 'accepted by the CRM (no refusal seen)',
  refused: 'refused by the CRM (401): reinstall the app or fix the token',
  lacks_permission: 'refused for a call (403): a scope is missing or the CRM blocked the client',
};

function Install({ i }: { i: Health['install'] }) {
  return html`<section aria-labelledby="install-h">
    <h3 id="install-h">Install</h3>
    <dl class="facts">
      <dt>CRM</dt><dd>${i.crm ?? 'unknown'}${i.externalId ? ` (account ${i.externalId})` : ''}</dd>
      <dt>Connection</dt><dd>${i.installed ? `OAuth app install, since ${time(i.installedAt!)}; tokens last saved ${time(i.updatedAt!)}` : 'no OAuth install: this deployment calls the CRM with a configured token (private app / API token)'}</dd>
      ${i.installed && html`<dt>Scopes granted</dt><dd>${i.scopes.length ? i.scopes.join(', ') : 'none recorded'}</dd>`}
      ${i.installed && html`<dt>Scopes missing</dt><dd>${i.missingScopes.length ? html`<strong>✕ ${i.missingScopes.join(', ')}</strong>: reinstall the app and approve every requested scope` : '✓ none'}</dd>`}
      <dt>Token</dt><dd>${i.token === 'accepted' ? '✓ ' : '✕ '}${TOKEN[i.token]}</dd>
      <dt>State</dt><dd>${i.degraded ? html`<strong>✕ Degraded (${i.degraded.reason}) since ${time(i.degraded.since)}</strong>: ${i.degraded.detail}` : '✓ Healthy: the CRM accepts our calls'}</dd>
    </dl>
  </section>`;
}

function Failed({ rows, shown, total, onRetry, busy }: { rows: FailedRow[]; shown: number; total: number; onRetry: (ids: number[] | null) => void; busy: boolean }) {
  if (rows.length === 0) {
    return html`<p class="empty">No failed rows. An event that still fails after every retry (or that the CRM rejects) is kept here with its reason, and can be retried once the cause is fixed.</p>`;
  }
  return html`<p class="meta">${total > shown ? `The newest ${shown} of ${num(total)} failed rows.` : `${num(total)} failed row${total === 1 ? '' : 's'}.`} Fix the cause first (the reason says what), then retry.</p>
    <p><button type="button" disabled=${busy} onClick=${() => onRetry(null)}>Retry all failed rows</button></p>
    <table class="failed">
      <thead><tr><th scope="col">Row</th><th scope="col">Received</th><th scope="col">Event</th><th scope="col">Record</th><th scope="col" class="n">Attempts</th><th scope="col">Reason</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr data-row=${r.id}>
            <td>${r.id}</td><td>${time(r.receivedAt)}</td><td>${r.kind}<br /><span class="meta">${r.source}</span></td><td>${r.objectId}</td>
            <td class="n">${num(r.attempts)}</td><td class="reason">${r.lastError ?? 'no reason recorded'}</td>
            <td><button type="button" disabled=${busy} aria-label=${`Retry row ${r.id} (${r.kind} ${r.objectId})`} onClick=${() => onRetry([r.id])}>Retry</button></td>
          </tr>`,
        )}
      </tbody>
    </table>`;
}

export function HealthPage() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    api.get<Health>('/health').then(
      (h) => {
        setError(null);
        setHealth(h);
      },
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  const retry = async (ids: number[] | null) => {
    setBusy(true);
    setNotice(null);
    try {
      const r = await api.post<{ requeued: number }>('/health/retry', ids ? { ids } : { all: true });
      setNotice(r.requeued ? `Re-queued ${r.requeued} row${r.requeued === 1 ? '' : 's'}: the worker processes ${r.requeued === 1 ? 'it' : 'them'} now.` : 'Nothing re-queued: the rows were already retried or are no longer failed.');
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (error && !health) return html`<p role="alert" class="error">${error}</p>`;
  if (!health) return html`<p class="loading">Loading health…</p>`;
  const { intake, queue, writeBack, rateLimited } = health;
  const minutes = Math.round(health.windowMs / 60_000);
  return html`<section aria-labelledby="health-h">
    <h2 id="health-h">Health</h2>
    <p class="meta">As of ${time(health.at)} · refreshes every 20 s</p>
    ${error && html`<p role="alert" class="error">${error}</p>`}
    ${notice && html`<p role="status" class="notice">${notice}</p>`}
    <${Install} i=${health.install} />
    <h3 id="intake-h">Webhook intake (last ${minutes} minutes)</h3>
    ${intake.recent.length === 0
      ? html`<p class="empty">No event received in the last ${minutes} minutes${intake.lastReceivedAt ? `; the last one came ${time(intake.lastReceivedAt)}` : ' and none is on record'}. If leads are being created in the CRM, check the app's webhook subscriptions there and that the CRM reaches this server's public URL.</p>`
      : html`<table class="intake" aria-labelledby="intake-h"><thead><tr><th scope="col">Source</th><th scope="col" class="n">Events</th><th scope="col" class="n">Per minute</th><th scope="col">Last received</th></tr></thead>
          <tbody>${intake.recent.map((s) => html`<tr><td>${s.source}</td><td class="n">${num(s.received)}</td><td class="n">${num(s.received / minutes)}</td><td>${time(s.lastReceivedAt)}</td></tr>`)}</tbody></table>`}
    <h3>Queue and write-back</h3>
    <dl class="facts">
      <dt>Inbox</dt><dd>${num(queue.pending)} pending, ${num(queue.processing)} processing, ${num(queue.failed)} failed${queue.oldestPendingAt ? ` · oldest pending received ${time(queue.oldestPendingAt)}` : ''}</dd>
      <dt>Write-back latency</dt><dd>${writeBack && writeBack.samples ? `median ${ms(writeBack.p50Ms)}, 90th percentile ${ms(writeBack.p90Ms)}, slowest ${ms(writeBack.maxMs)} over the last ${num(writeBack.samples)} events (CRM event to write-back done, this server process)` : 'no event processed by this server process yet'}</dd>
      <dt>CRM 429s</dt><dd>${rateLimited ? `${num(rateLimited.count)} in the last ${minutes} minutes (${num(rateLimited.burst)} burst, ${num(rateLimited.daily)} daily budget)${rateLimited.lastAt ? `; last ${time(rateLimited.lastAt)}` : ''}. lead-router pauses this tenant and retries; nothing is lost.` : 'not tracked'}</dd>
    </dl>
    <h3 id="failed-h">Failed rows</h3>
    <${Failed} rows=${health.failed} shown=${health.failedShown} total=${queue.failed} onRetry=${retry} busy=${busy} />
  </section>`;
}
