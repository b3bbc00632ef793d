// The Team page: every rep of the tenant's running config with teams, weight, caps, current
// load, working hours and local time, and whether they can take a lead now (if not: why, in
// words, never colour alone). Out-of-office periods from the config can be ended here, reps'
// own absences (set from the CRM card / panel) show who set them, and OooForm adds a period.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from './api.ts';
import { num, time } from './format.ts';
import { OooForm } from './ooo-form.ts';
import type { OooChange, Team, TeamMember } from './team-types.ts';

const cap = (n: number | null) => (n === null ? '–' : num(n));

function Status({ m }: { m: TeamMember }) {
  if (m.available) return html`<span class="ok">✓ Available</span>`;
  return html`<span class="away">✕ Unavailable</span>
    <ul class="reasons">${m.unavailable.map((u) => html`<li>${u.text}${u.until ? `, until ${time(u.until)}` : ''}</li>`)}</ul>`;
}

function Periods({ m, onEnd }: { m: TeamMember; onEnd: (c: OooChange) => void }) {
  const ooo = m.outOfOffice.filter((p) => p.state !== 'over');
  if (ooo.length === 0 && m.absences.length === 0) return null;
  return html`<ul class="periods" aria-label=${`Periods away of ${m.name ?? m.email}`}>
    ${ooo.map(
      (p) => html`<li>
        ${p.from} – ${p.to}${p.note ? ` (${p.note})` : ''} · config out of office${p.state === 'now' ? ', now' : ''}
        <button type="button" class="small" aria-label=${`End out of office ${p.from} to ${p.to} of ${m.name ?? m.email}`} onClick=${() => onEnd({ action: 'end', owner: m.email, from: p.from, to: p.to })}>End</button>
      </li>`,
    )}
    ${m.absences.map((a) => html`<li>${time(a.from)} – ${time(a.to)}${a.note ? ` (${a.note})` : ''} · own absence, set by ${a.setBy}${a.now ? ', now' : ''}</li>`)}
  </ul>`;
}

export function TeamPage() {
  const [team, setTeam] = useState<Team | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [request, setRequest] = useState<OooChange | null>(null);

  const load = () =>
    api.get<Team>('/team').then(
      (t) => {
        setError(null);
        setTeam(t);
      },
      (e: Error) => setError(e.message),
    );
  useEffect(() => {
    void load();
  }, []);

  if (error && !team) return html`<p role="alert" class="error">${error}</p>`;
  if (!team) return html`<p class="loading">Loading the team…</p>`;
  const away = team.members.filter((m) => !m.available).length;
  const ask = (c: OooChange) => {
    setNotice(null);
    setRequest({ ...c });
    document.getElementById('ooo-h')?.scrollIntoView();
  };

  return html`<section aria-labelledby="team-h">
    <h2 id="team-h">Team</h2>
    <p class="meta">${team.members.length} reps, ${away} unavailable right now · config ${team.config} · as of ${time(team.at)}</p>
    ${notice && html`<p role="status" class="notice">${notice}</p>`}
    ${team.members.length === 0
      ? html`<p class="empty">No reps in this tenant's config. Add them under <code>owners</code> (Rules page, or <code>lead-router config publish</code>) and they show here.</p>`
      : html`<div class="scroll"><table class="team">
          <thead><tr>
            <th scope="col">Rep</th><th scope="col">Teams</th><th scope="col" class="n">Weight</th><th scope="col">Caps <span class="meta">day/week/open</span></th>
            <th scope="col" class="n">Open</th><th scope="col" class="n">Today</th><th scope="col" class="n">This week</th>
            <th scope="col">Hours</th><th scope="col">Now, and periods away</th>
          </tr></thead>
          <tbody>
            ${team.members.map(
              (m) => html`<tr data-rep=${m.email}>
                <th scope="row">${m.name ?? m.email}${m.name ? html`<br /><span class="meta">${m.email}</span>` : ''}</th>
                <td>${m.teams.length ? m.teams.join(', ') : html`<span class="meta">no team</span>`}</td>
                <td class="n">${num(m.weight)}</td>
                <td>${cap(m.capacity.perDay)} / ${cap(m.capacity.perWeek)} / ${cap(m.capacity.maxOpen)}</td>
                <td class="n">${num(m.load.openLeads)}</td>
                <td class="n">${num(m.load.assignedToday)}</td>
                <td class="n">${num(m.load.assignedThisWeek)}</td>
                <td>${m.workingHours ?? 'always'}<br /><span class="meta">${m.timezone}, now ${m.localTime}</span></td>
                <td class="availability"><${Status} m=${m} /><${Periods} m=${m} onEnd=${ask} /></td>
              </tr>`,
            )}
          </tbody>
        </table></div>`}
    ${team.members.length > 0 &&
    html`<${OooForm}
      members=${team.members}
      request=${request}
      onPublished=${(message: string) => {
        setNotice(message);
        void load();
      }}
    />`}
    <h3 id="versions-h">Recent config versions</h3>
    ${team.versions.length === 0
      ? html`<p class="empty">No version published for this tenant yet: it runs the config file. Publishing an out-of-office period creates version 1.</p>`
      : html`<table class="versions" aria-labelledby="versions-h">
          <thead><tr><th scope="col">Version</th><th scope="col">When</th><th scope="col">Author</th><th scope="col">Comment</th><th scope="col">State</th></tr></thead>
          <tbody>${team.versions.map((v) => html`<tr><td>${v.version}</td><td>${time(v.at)}</td><td>${v.author}</td><td>${v.comment || html`<span class="meta">none</span>`}</td><td>${v.active ? 'active' : v.draft ? 'draft (not published)' : v.valid ? '' : 'invalid'}</td></tr>`)}</tbody>
        </table>`}
  </section>`;
}
