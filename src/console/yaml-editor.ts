// The Rules page's YAML editor: CodeMirror 6 with the YAML language, the generated JSON schema
// (codemirror-json-schema: key/value completion and hover docs from config/lead-router.schema.json)
// and the server's own config loader as the checker: the draft is POSTed to
// /admin/api/rules/validate (debounced by the linter) and each issue becomes a diagnostic at its
// line, with its path and hint, the same as `lead-router validate` prints. The package's own
// schema linter is left out on purpose: the loader checks the same schema (the JSON schema is
// generated from it) plus references and consistency, and the schema linter marked a whole
// parent mapping (dozens of lines) for one unknown key, twice over the loader's precise mark.
import { html } from 'htm/preact';
import { useEffect, useRef } from 'preact/hooks';
import { EditorView, basicSetup } from 'codemirror';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { hoverTooltip } from '@codemirror/view';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { stateExtensions } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover } from 'codemirror-json-schema/yaml';
import schema from '../../config/lead-router.schema.json' with { type: 'json' };
import { api } from './api.ts';
import type { ConfigIssue } from './rules-types.ts';

/** Wait this long after the last keystroke before asking the server (the loader takes a few ms; typing should not flood it). */
export const VALIDATE_DEBOUNCE_MS = 400;

export function issueText(i: ConfigIssue): string {
  return `${i.path || '(root)'}: ${i.message}${i.hint ? ` (hint: ${i.hint})` : ''}`;
}

function toDiagnostics(view: EditorView, issues: ConfigIssue[]): Diagnostic[] {
  const doc = view.state.doc;
  return issues.map((i) => {
    const line = doc.line(Math.min(Math.max(i.line ?? 1, 1), doc.lines));
    const from = Math.min(line.from + Math.max((i.column ?? 1) - 1, 0), line.to);
    return { from, to: line.to > from ? line.to : from, severity: 'error', source: 'lead-router validate', message: `line ${i.line ?? '?'}: ${issueText(i)}` };
  });
}

export function YamlEditor({ value, onChange, onIssues }: { value: string; onChange: (text: string) => void; onIssues: (issues: ConfigIssue[] | null, error?: string) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onIssues });
  callbacks.current = { onChange, onIssues };

  useEffect(() => {
    const serverLinter = linter(
      async (v) => {
        const yaml = v.state.doc.toString();
        try {
          const r = await api.post<{ valid: boolean; issues: ConfigIssue[] }>('/rules/validate', { yaml });
          if (v.state.doc.toString() !== yaml) return []; // typed meanwhile: the next run answers
          callbacks.current.onIssues(r.issues);
          return toDiagnostics(v, r.issues);
        } catch (err) {
          callbacks.current.onIssues(null, (err as Error).message);
          return [];
        }
      },
      { delay: VALIDATE_DEBOUNCE_MS },
    );
    const editor = new EditorView({
      parent: host.current!,
      doc: value,
      extensions: [
        // the page's CSP admits CodeMirror's <style> element by this per-page nonce (src/server/console/pages.ts)
        EditorView.cspNonce.of(document.querySelector<HTMLMetaElement>('meta[name="lr-style-nonce"]')?.content ?? ''),
        basicSetup,
        yaml(),
        yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
        hoverTooltip(yamlSchemaHover()),
        stateExtensions(schema as unknown as Parameters<typeof stateExtensions>[0]),
        serverLinter,
        lintGutter(),
        EditorView.contentAttributes.of({ 'aria-label': 'Config YAML', 'aria-describedby': 'rules-issues' }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
        }),
      ],
    });
    view.current = editor;
    return () => editor.destroy();
  }, []);

  // The form view changed the draft: show it here too (one draft, two views).
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return html`<div class="yaml-editor" ref=${host}></div>`;
}
