// The app settings extension (Pipedrive docs "Custom UI for app settings"): an iframe in
// Tools and apps > Marketplace apps that must initialise @pipedrive/app-extensions-sdk within
// 10 s or Pipedrive hides it. The page holds no company data: its script asks the SDK for a
// signed token (GET_SIGNED_TOKEN: an HS256 JWT with the user and company, valid 5 minutes,
// app-extensions-sdk README) and exchanges it at <settings>/context for the company's link to
// the admin console. The SDK is served from our own origin (the npm package's UMD build), so
// the page's CSP can allow scripts from 'self' only.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const SETTINGS_SDK_ASSET = 'sdk.js';
export const SETTINGS_SCRIPT_ASSET = 'settings.js';

/** Only Pipedrive may frame the page. */
export const SETTINGS_FRAME_ANCESTORS = 'https://*.pipedrive.com';

let sdkSource: string | null = null;
/** The SDK's UMD build (global `AppExtensionsSDK`), read once from the installed package. */
export function appExtensionsSdkSource(): string {
  sdkSource ??= readFileSync(createRequire(import.meta.url).resolve('@pipedrive/app-extensions-sdk/dist/index.umd.js'), 'utf8');
  return sdkSource;
}

/** The page's own script: initialise the SDK, get a signed token, fetch the context, show the link. */
export const SETTINGS_SCRIPT = `(async function () {
  var status = document.getElementById('status');
  var link = document.getElementById('console');
  try {
    var sdk = await new AppExtensionsSDK().initialize({ size: { height: 220 } });
    var signed = await sdk.execute(AppExtensionsSDK.Command.GET_SIGNED_TOKEN);
    var res = await fetch(document.body.dataset.context + '?token=' + encodeURIComponent(signed.token));
    var body = await res.json();
    if (!res.ok) throw new Error(body.message || 'HTTP ' + res.status);
    link.href = body.adminUrl;
    link.hidden = false;
    status.textContent = 'lead-router scores and routes leads for Pipedrive company ' + body.companyId + '.';
  } catch (err) {
    status.textContent = 'lead-router settings are unavailable: ' + (err && err.message ? err.message : err);
  }
})();
`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The iframe page. `basePath` is where the page and its assets are mounted. */
export function renderSettingsPage(basePath: string): string {
  const at = (name: string) => escapeHtml(`${basePath}/${name}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lead-router settings</title>
<style>body{font-family:system-ui,sans-serif;margin:16px;color:#192435}a.button{display:inline-block;padding:8px 16px;border-radius:4px;background:#017737;color:#fff;text-decoration:none}</style>
<script src="${at(SETTINGS_SDK_ASSET)}"></script>
<script src="${at(SETTINGS_SCRIPT_ASSET)}" defer></script>
</head>
<body data-context="${at('context')}">
<h1>lead-router</h1>
<p id="status">Connecting to Pipedrive…</p>
<p><a id="console" class="button" target="_blank" rel="noopener" hidden>Open the admin console</a></p>
<p>Scoring rules, teams, routing and availability are managed in the admin console.</p>
</body>
</html>
`;
}
