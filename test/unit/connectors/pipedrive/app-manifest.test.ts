// Drift test for the Pipedrive app manifest: the committed docs/pipedrive-app.md is exactly what
// manifest.ts renders, every API path the connector calls has a scope row (and every row is
// still used), and the panel schema describes what the panel really returns.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, PANEL_NAME, PIPEDRIVE_API_USE, pipedriveAppManifest, pipedriveScopes } from '../../../../connectors/pipedrive/app-manifest/manifest.ts';
import { PIPEDRIVE_APP_DOC, renderPipedriveAppDoc } from '../../../../connectors/pipedrive/app-manifest/render.ts';
import { buildPanelResponse, PANEL_FIELDS, PANEL_LIMITS } from '../../../../connectors/pipedrive/panel.ts';
import { WEBHOOK_EVENTS } from '../../../../connectors/pipedrive/webhooks.ts';
import { callbackUrl } from '../../../../src/server/oauth-routes.ts';
import type { Evaluation } from '../../../../src/engine/types.ts';

const root = join(import.meta.dirname, '../../../..');
const connectorDir = join(root, 'connectors/pipedrive');

/** API paths in the connector's code (comments stripped), e.g. "/api/v2/persons", "/v1/users/me". */
function apiPathsInCode(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of readdirSync(connectorDir).filter((f) => f.endsWith('.ts'))) {
    const code = readFileSync(join(connectorDir, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split('\n')
      .map((l) => l.replace(/(^|\s)\/\/.*$/, ''))
      .join('\n');
    for (const m of code.matchAll(/['`][^'`]*?(\/(?:v1|api\/v2)\/[A-Za-z]+(?:\/(?:me|archived)\b)?)/g)) {
      const path = m[1]!;
      found.set(path, [...(found.get(path) ?? []), file]);
    }
  }
  return found;
}

const manifest = pipedriveAppManifest();

describe('Pipedrive app manifest', () => {
  it(`is rendered, unchanged, in ${PIPEDRIVE_APP_DOC} (run npm run pipedrive:app after changing it)`, () => {
    expect(readFileSync(join(root, PIPEDRIVE_APP_DOC), 'utf8')).toBe(renderPipedriveAppDoc());
  });

  it('names a scope for every API path the connector calls, and lists no path it no longer calls', () => {
    const inCode = apiPathsInCode();
    expect(inCode.size).toBeGreaterThan(5); // the scan works
    const listed = PIPEDRIVE_API_USE.map((a) => a.path);
    for (const [path, files] of inCode) expect({ path, files, listed: listed.includes(path) }).toEqual({ path, files, listed: true });
    for (const path of listed) expect({ path, used: inCode.has(path) }).toEqual({ path, used: true });
    expect(manifest.oauth.scopes).toEqual(pipedriveScopes());
    expect(manifest.oauth.scopes).toContain('base'); // mandatory for every app (§2)
  });

  it('uses the callback and webhook paths the routes are mounted on', () => {
    expect(manifest.oauth.callbackUrl).toBe(callbackUrl(BASE, 'pipedrive'));
    expect(manifest.webhooks.events).toEqual(WEBHOOK_EVENTS.map((e) => `${e.action}.${e.object}`));
  });

  it('declares exactly the panel fields, with types matching what the panel returns', () => {
    const schema = manifest.panel.schema as { type: string; items: { properties: Record<string, { $ref: string }> } };
    expect(schema.type).toBe('array'); // the panel answers {data: [object]}
    const props = schema.items.properties;
    expect(Object.keys(props)).toEqual(['id', 'header', ...Object.keys(PANEL_FIELDS)]);
    expect(Object.keys(props).length - 2).toBeLessThanOrEqual(PANEL_LIMITS.fields);
    const everything: Evaluation = {
      leadId: '8',
      score: { fit: 50, engagement: 10, total: 60, adjustments: [], contributions: [{ kind: 'fit', group: 'g', rule: 'r', label: 'title CFO', raw: 1, points: 50 }] },
      tier: 'warm',
      grade: 'A1',
      route: { owner: 'a@x.test', rule: 'r', target: 'team', team: 't', reason: 'rule r -> team t', trace: [], candidates: [{ owner: 'b@x.test', eligible: false, skipped: 'inactive' }] },
      reasons: '',
    };
    const [object] = buildPanelResponse(everything).data;
    const typeOf = (v: unknown) => (typeof v === 'number' ? 'numerical' : typeof v === 'string' ? 'text' : 'label');
    for (const [key, value] of Object.entries(object!)) {
      if (key === 'id' || key === 'header') continue;
      expect({ key, ref: props[key]?.$ref }).toEqual({ key, ref: `#/definitions/${typeOf(value)}` });
    }
    expect(Object.keys(object!).sort()).toEqual(Object.keys(props).sort()); // every declared field can be filled
  });

  it('keeps Developer Hub limits: names 30, descriptions 150, modal 10 blocks and 1-2 buttons', () => {
    expect(manifest.panel.name).toBe(PANEL_NAME);
    for (const name of [manifest.panel.name, manifest.feedbackModal.name, manifest.availabilityModal.name]) expect(name.length).toBeLessThanOrEqual(30);
    for (const d of [manifest.panel.description, manifest.feedbackModal.description, manifest.availabilityModal.description]) expect(d.length).toBeLessThanOrEqual(150);
    const modal = manifest.feedbackModal.schema as { properties: { blocks: { properties: object }; actions: { properties: object } } };
    expect(Object.keys(modal.properties.blocks.properties).length).toBeLessThanOrEqual(10);
    expect(Object.keys(modal.properties.actions.properties).length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(modal.properties.actions.properties).length).toBeLessThanOrEqual(2);
  });
});
