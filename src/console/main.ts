// The admin console's front end (Preact + htm, bundled by scripts/build-console.ts). Pages:
// Decisions (search a lead, read its ledger and trace, browse the latest decisions), Rules,
// Reports (funnel, SLA, fairness, distribution, feedback with charts and CSV export), Team, Health.
// Routes live in the hash (#/lead/<id>, #/rules, #/reports, #/team, #/health), so the back button works and links can be shared.
import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, api, setCsrfToken } from './api.ts';
import { DecisionsList } from './decisions-list.ts';
import { HealthPage } from './health-page.ts';
import { LeadDetail } from './lead-detail.ts';
import { LeadSearch } from './lead-search.ts';
import { TeamPage } from './team-page.ts';
import { LazyRulesPage } from './rules-lazy.ts';
import { ReportsPage } from './reports/reports-page.ts';
import type { Session } from './types.ts';

type Page = 'decisions' | 'rules' | 'reports' | 'team' | 'health';
const PAGES: Record<string, Page> = { '#/rules': 'rules', '#/team': 'team', '#/health': 'health' };
const pageOfHash = (): Page => (location.hash.startsWith('#/reports') ? 'reports' : (PAGES[location.hash] ?? 'decisions'));

const leadOfHash = () => {
  const m = /^#\/lead\/(.+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]!) : null;
};

function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [lead, setLead] = useState<string | null>(leadOfHash());
  const [page, setPage] = useState<Page>(pageOfHash());

  useEffect(() => {
    api.get<Session>('/session').then(
      (s) => {
        setCsrfToken(s.csrfToken);
        setSession(s);
      },
      (e: ApiError) => setError(e),
    );
    const onHash = () => {
      setLead(leadOfHash());
      setPage(pageOfHash());
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  const open = (id: string) => {
    location.hash = `#/lead/${encodeURIComponent(id)}`;
  };
  const signOut = async () => {
    try {
      await api.post('/logout');
      setSession(null);
      setError(new ApiError(401, 'SIGNED_OUT', 'Signed out. Run `lead-router admin-link` for a new sign-in link.'));
    } catch (e) {
      // e.g. a newer sign-in in another tab replaced this session: say so instead of failing silently
      setError(e as ApiError);
    }
  };

  if (error) {
    return html`<main class="message"><h1>lead-router console</h1><p role="alert">${error.message}</p></main>`;
  }
  if (!session) return html`<p class="loading">Loading the console…</p>`;
  return html`<div class="layout">
    <header>
      <h1><a href="#/">lead-router</a></h1>
      <nav aria-label="Console">
        <a href="#/" aria-current=${page === 'decisions' && lead === null ? 'page' : undefined}>Decisions</a>
        <a href="#/rules" aria-current=${page === 'rules' ? 'page' : undefined}>Rules</a>
        <a href="#/reports" aria-current=${page === 'reports' ? 'page' : undefined}>Reports</a>
        <a href="#/team" aria-current=${page === 'team' ? 'page' : undefined}>Team</a>
        <a href="#/health" aria-current=${page === 'health' ? 'page' : undefined}>Health</a>
      </nav>
      <p class="tenant">Tenant <strong>${session.tenant}</strong>${session.user
        ? html` · signed in as <strong class="user" title=${session.user.id}>${session.user.name}</strong>`
        : null}</p>
      <button type="button" onClick=${signOut}>Sign out</button>
    </header>
    <main>
      ${page === 'team'
        ? html`<${TeamPage} />`
        : page === 'health'
          ? html`<${HealthPage} />`
          : page === 'rules'
            ? html`<${LazyRulesPage} />`
            : page === 'reports'
              ? html`<${ReportsPage} />`
            : html`<${LeadSearch} onOpen=${open} />
              ${lead ? html`<p><a href="#/">← All decisions</a></p><${LeadDetail} leadId=${lead} />` : html`<${DecisionsList} onOpen=${open} />`}`}
    </main>
  </div>`;
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(html`<${App} />`, root);
}
