// The Rules page is loaded when first opened: CodeMirror, the YAML parser and the schema's hover
// docs are most of the console's code, and the other pages do not need them (esbuild splits the
// dynamic import into its own chunk, scripts/build-console.ts).
import { html } from 'htm/preact';
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function LazyRulesPage() {
  const [Page, setPage] = useState<FunctionComponent | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    import('./rules-page.ts').then(
      (m) => setPage(() => m.RulesPage),
      (e: Error) => setError(`The Rules page could not be loaded (${e.message}); reload the console.`),
    );
  }, []);
  if (error) return html`<p role="alert" class="error">${error}</p>`;
  return Page ? html`<${Page} />` : html`<p class="loading">Loading the Rules page…</p>`;
}
