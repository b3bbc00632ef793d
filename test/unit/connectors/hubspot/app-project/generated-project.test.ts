// The committed HubSpot project (connectors/hubspot/app/) is exactly what the generator makes
// from manifest.ts, and what it declares is what the connector uses and interprets.
import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectedProjectFiles, committedDeploymentValues } from '../../../../../connectors/hubspot/app-project/project-files.ts';
import { HUBSPOT_PROJECT_DIR, renderHubspotProject } from '../../../../../connectors/hubspot/app-project/render-project.ts';
import { HUBSPOT_REQUIRED_SCOPES, HUBSPOT_OPTIONAL_SCOPES, hubspotSubscriptions } from '../../../../../connectors/hubspot/app-project/manifest.ts';
import { buildInstallUrl, HUBSPOT_SCOPES } from '../../../../../connectors/hubspot/oauth.ts';
import { hubspotEventKind } from '../../../../../connectors/hubspot/event-kind.ts';
import { ownPropertyNames } from '../../../../../connectors/hubspot/events.ts';
import { loadConfig } from '../../../../../src/config/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../../..');
const projectFile = (rel: string) => readFileSync(join(root, HUBSPOT_PROJECT_DIR, rel), 'utf8');
const config = loadConfig(join(root, 'config/lead-router.yaml')).config;

/** HubSpot's objectTypeId for the object types the webhooks component names (event-kind.ts). */
const OBJECT_TYPE_IDS: Record<string, string> = { contact: '0-1', company: '0-2', call: '0-48', meeting: '0-47', email: '0-49' };

describe('generated HubSpot project', () => {
  it('matches the generator output byte for byte (run `npm run hubspot:project` after changing manifest.ts)', () => {
    const expected = expectedProjectFiles(root);
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(7);
    for (const [rel, text] of Object.entries(expected)) expect({ rel, text: projectFile(rel) }).toEqual({ rel, text });
  });

  it('fails the comparison when a committed file drifts', () => {
    const values = committedDeploymentValues(root);
    const drifted = renderHubspotProject({ config: { ...config, fields: { ...config.fields, extra: 'hs_analytics_source' } }, ...values });
    expect(drifted['src/app/webhooks/webhooks-hsmeta.json']).not.toEqual(projectFile('src/app/webhooks/webhooks-hsmeta.json'));
  });

  it('declares exactly the scopes the install URL requests, as marketplace OAuth', () => {
    const app = JSON.parse(projectFile('src/app/app-hsmeta.json'));
    expect(app.config.distribution).toBe('marketplace');
    expect(app.config.auth.type).toBe('oauth');
    expect(app.config.auth.requiredScopes).toEqual([...HUBSPOT_REQUIRED_SCOPES]);
    expect(app.config.auth.optionalScopes).toEqual([...HUBSPOT_OPTIONAL_SCOPES]);
    const url = new URL(buildInstallUrl({ clientId: 'c', redirectUri: app.config.auth.redirectUrls[0], scopes: HUBSPOT_SCOPES, state: 's' }));
    expect(url.searchParams.get('scope')!.split(' ')).toEqual(app.config.auth.requiredScopes);
    const base = committedDeploymentValues(root).baseUrl;
    expect(app.config.auth.redirectUrls).toEqual([`${base}/oauth/hubspot/callback`]);
    expect(app.config.permittedUrls.fetch).toEqual([base]);
  });

  it('subscribes only to events the connector interprets, never to properties lead-router writes', () => {
    const subs = hubspotSubscriptions(config);
    const own = ownPropertyNames(config);
    for (const s of [...subs.legacyCrmObjects, ...subs.hubEvents]) {
      expect({ s, known: hubspotEventKind(s.subscriptionType).known }).toEqual({ s, known: true });
      if (s.propertyName) expect(own.has(s.propertyName)).toBe(false);
      if (s.subscriptionType === 'company.propertyChange') expect(s.propertyName).not.toBe('hubspot_owner_id');
    }
    for (const s of subs.crmObjects) {
      expect(hubspotEventKind(s.subscriptionType, OBJECT_TYPE_IDS[s.objectType]).known).toBe(true);
    }
    const props = subs.legacyCrmObjects.filter((s) => s.subscriptionType === 'contact.propertyChange').map((s) => s.propertyName);
    expect(props).toEqual(expect.arrayContaining(['hs_email_open', 'num_conversion_events']));
    // Open leads follow the CRM: owner changes, lifecycle stage and lead status (crm-truth.ts).
    expect(props).toEqual(expect.arrayContaining(['hubspot_owner_id', 'lifecyclestage', 'hs_lead_status']));
  });

  it('builds the card and the settings page in HubSpot with the package versions tested here', () => {
    const root_ = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const folder of ['cards', 'settings']) {
      const deps = JSON.parse(projectFile(`src/app/${folder}/package.json`)).dependencies as Record<string, string>;
      for (const [name, version] of Object.entries(deps)) expect({ folder, name, version }).toEqual({ folder, name, version: root_.devDependencies[name] });
    }
  });

  it('rejects a base URL HubSpot cannot fetch', () => {
    const o = { config, supportEmail: 'a@b.c' };
    expect(() => renderHubspotProject({ ...o, baseUrl: 'http://leads.example.com' })).toThrow(/https/);
    expect(() => renderHubspotProject({ ...o, baseUrl: 'https://localhost' })).toThrow(/localhost/);
    expect(() => renderHubspotProject({ ...o, baseUrl: 'https://leads.example.com/app' })).toThrow(/origin/);
    expect(() => renderHubspotProject({ ...o, baseUrl: 'leads' })).toThrow(/not a URL/);
  });
});
