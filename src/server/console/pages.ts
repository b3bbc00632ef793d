// The console's HTML: the shell that loads the bundled UI, and the plain pages the sign-in link
// answers with when it cannot sign anyone in. No inline script or style (strict CSP).
import type { Response } from 'express';

export const CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * A per-response nonce lets the console's editor (CodeMirror mounts its theme as a <style>
 * element, EditorView.cspNonce) add its styles; scripts stay 'self' only, so no injected
 * markup could read or use it to run code.
 */
export function setPageHeaders(res: Response, styleNonce?: string): void {
  res.set({
    'Content-Security-Policy': styleNonce ? CONSOLE_CSP.replace("style-src 'self'", `style-src 'self' 'nonce-${styleNonce}'`) : CONSOLE_CSP,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  });
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function shellHtml(assetVersion: string, styleNonce = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${styleNonce ? `<meta name="lr-style-nonce" content="${escapeHtml(styleNonce)}">\n` : ''}<title>lead-router console</title>
<link rel="stylesheet" href="/admin/assets/console.css?v=${assetVersion}">
<script type="module" src="/admin/assets/console.js?v=${assetVersion}"></script>
</head>
<body><div id="app"><p class="loading">Loading the console…</p></div></body>
</html>
`;
}

export function messageHtml(title: string, message: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)} · lead-router console</title><link rel="stylesheet" href="/admin/assets/console.css"></head>
<body><main class="message"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main></body>
</html>
`;
}
