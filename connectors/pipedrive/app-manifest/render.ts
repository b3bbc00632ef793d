// Renders the Pipedrive app manifest (manifest.ts) as the one document an operator follows in
// Developer Hub: docs/pipedrive-app.md. Generated; `npm run pipedrive:app` rewrites it and the
// drift test compares it with this output.
import { pipedriveAppManifest, type PipedriveAppManifest } from './manifest.ts';

export const PIPEDRIVE_APP_DOC = 'docs/pipedrive-app.md';

const json = (v: unknown) => ['```json', JSON.stringify(v, null, 2), '```'].join('\n');
const row = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

function table(head: string[], rows: string[][]): string {
  return [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
}

export function renderPipedriveAppDoc(m: PipedriveAppManifest = pipedriveAppManifest()): string {
  const out = [
    '# lead-router on Pipedrive: the app\'s Developer Hub settings',
    '',
    '<!-- Generated from connectors/pipedrive/app-manifest/manifest.ts by `npm run pipedrive:app`; do not edit. -->',
    '',
    'Pipedrive apps have no manifest file: everything below is entered in Developer Hub. `{PUBLIC_BASE_URL}` is the',
    "deployment's `PUBLIC_BASE_URL`.",
    '',
    '## OAuth & access scopes',
    '',
    table(['setting', 'value'], [
      ['Callback URL', `\`${m.oauth.callbackUrl}\``],
      ['Uninstall', m.oauth.uninstallCallback],
      ['Install from outside the Marketplace', `\`${m.oauth.installUrl}\``],
      ['Scopes', m.oauth.scopes.map((s) => `\`${s}\``).join(', ')],
    ]),
    '',
    'Why each scope: the API calls the connector makes (checked against the code by the drift test),',
    '',
    table(['path', 'methods', 'scope', 'why'], m.api.map((a) => [`\`${a.path}\``, a.methods.join(', '), `\`${a.scope}\``, a.why])),
    '',
    'and',
    '',
    table(['scope', 'why'], m.extraScopes.map((s) => [`\`${s.scope}\``, s.why])),
    '',
    '## Webhooks',
    '',
    table(['setting', 'value'], [
      ['Subscription URL', `\`${m.webhooks.subscriptionUrl}\``],
      ['Version', m.webhooks.version],
      ['Events', m.webhooks.events.map((e) => `\`${e}\``).join(', ')],
      ['Authentication', m.webhooks.auth],
      ['Registered by', m.webhooks.registeredBy],
    ]),
    '',
    `## App extensions: JSON panel "${m.panel.name}"`,
    '',
    table(['setting', 'value'], [
      ['Panel name', m.panel.name],
      ['Description', m.panel.description],
      ['API endpoint', `\`${m.panel.apiEndpoint}\``],
      ['Authentication', m.panel.auth],
      ['Locations', m.panel.locations.join(', ')],
      ['Main action (global actions)', m.panel.mainAction],
    ]),
    '',
    'JSON schema:',
    '',
    json(m.panel.schema),
    '',
    // Both JSON modals are documented alike.
    ...[m.feedbackModal, m.availabilityModal].flatMap((modal) => [
      `## App extensions: JSON modal "${modal.name}"`,
      '',
      table(['setting', 'value'], [
        ['Action name', modal.name],
        ['Description', modal.description],
        ['API endpoint', `\`${modal.apiEndpoint}\` (GET when opened, POST on submit)`],
        ['Authentication', modal.auth],
        ['Locations', modal.locations.join(', ')],
        ['Where', modal.panelActionTarget],
      ]),
      '',
      'JSON schema:',
      '',
      json(modal.schema),
      '',
    ]),
    `## App extensions: app settings "${m.settings.name}"`,
    '',
    table(['setting', 'value'], [
      ['Type', m.settings.type],
      ['Iframe URL', `\`${m.settings.iframeUrl}\``],
      ['Authentication', m.settings.auth],
      ['Opens', m.settings.opens],
    ]),
    '',
  ];
  return out.join('\n');
}
