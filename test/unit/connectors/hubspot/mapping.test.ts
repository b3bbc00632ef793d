import { describe, it, expect } from '@jest/globals';
import {
  parseHubspotValue,
  planHubspotProperties,
  priorityOptionValue,
  priorityTierName,
} from '../../../../connectors/hubspot/mapping.ts';
import { buildInstallUrl, HUBSPOT_SCOPES } from '../../../../connectors/hubspot/oauth.ts';
import { reconcileOptions } from '../../../../connectors/hubspot/properties.ts';
import { hubspotTenant, portalIdOf } from '../../../../connectors/hubspot/tenant.ts';
import { testConfig } from './fixtures.ts';

describe('planHubspotProperties', () => {
  const plan = planHubspotProperties(testConfig());

  it('splits contact and company properties; skips Pipedrive-only fields', () => {
    expect(plan.fields).toEqual([
      { alias: 'job_title', object: 'contact', property: 'jobtitle', type: 'string' },
      { alias: 'industry', object: 'company', property: 'industry', type: 'string' },
      { alias: 'employees', object: 'company', property: 'numberofemployees', type: 'number' },
      { alias: 'opens', object: 'contact', property: 'hs_email_open', type: 'number' },
      { alias: 'is_customer', object: 'contact', property: 'is_customer', type: 'boolean' },
      { alias: 'last_visit', object: 'contact', property: 'hs_analytics_last_visit_timestamp', type: 'date' },
    ]);
  });

  it('reads owner, createdate and the written properties on contacts; company fields + owner on companies', () => {
    expect(plan.contactProperties).toEqual(
      expect.arrayContaining(['hubspot_owner_id', 'createdate', 'jobtitle', 'hs_email_open', 'lead_router_score', 'lead_router_reasons']),
    );
    expect(plan.contactProperties).not.toContain('industry');
    expect(plan.contactProperties.some((p) => p.startsWith('company.'))).toBe(false);
    expect(plan.companyProperties.sort()).toEqual(['hubspot_owner_id', 'industry', 'numberofemployees']);
  });
});

describe('parseHubspotValue', () => {
  it('numbers', () => {
    expect(parseHubspotValue('250', 'number')).toBe(250);
    expect(parseHubspotValue('1250.5', 'number')).toBe(1250.5);
    expect(parseHubspotValue('n/a', 'number')).toBeNull();
    expect(parseHubspotValue('', 'number')).toBeNull();
  });

  it('booleans', () => {
    expect(parseHubspotValue('true', 'boolean')).toBe(true);
    expect(parseHubspotValue('FALSE', 'boolean')).toBe(false);
    expect(parseHubspotValue('maybe', 'boolean')).toBeNull();
  });

  it('dates become epoch ms (datetime ISO, date-only, legacy epoch strings)', () => {
    expect(parseHubspotValue('2024-05-01T10:00:00.000Z', 'date')).toBe(Date.UTC(2024, 4, 1, 10));
    expect(parseHubspotValue('2024-05-01', 'date')).toBe(Date.UTC(2024, 4, 1));
    expect(parseHubspotValue('1714557600000', 'date')).toBe(1714557600000);
    expect(parseHubspotValue('not a date', 'date')).toBeNull();
  });

  it('strings stay as HubSpot sent them; missing is null', () => {
    expect(parseHubspotValue('  CFO ', 'string')).toBe('  CFO ');
    expect(parseHubspotValue(null, 'string')).toBeNull();
    expect(parseHubspotValue(undefined, 'string')).toBeNull();
  });
});

describe('priority option values', () => {
  it('lowercase values map back to the configured tier names', () => {
    const config = testConfig();
    expect(priorityOptionValue('Hot')).toBe('hot');
    expect(priorityTierName(config, 'hot')).toBe('Hot');
    expect(priorityTierName(config, 'retired')).toBe('retired');
  });

  it('reconcileOptions: no change, new tiers, removed tiers kept hidden', () => {
    const wanted = [
      { label: 'Hot', value: 'hot', displayOrder: 0, hidden: false },
      { label: 'cold', value: 'cold', displayOrder: 1, hidden: false },
    ];
    expect(reconcileOptions(wanted, wanted)).toBeNull();
    const next = reconcileOptions(wanted, [{ label: 'Hot', value: 'hot', hidden: false }, { label: 'Lukewarm', value: 'lukewarm', hidden: false }]);
    expect(next).toEqual([...wanted, { label: 'Lukewarm', value: 'lukewarm', displayOrder: 2, hidden: true }]);
  });
});

describe('buildInstallUrl', () => {
  it('builds the authorize URL with space-separated scopes', () => {
    const url = new URL(
      buildInstallUrl({
        clientId: 'cid',
        redirectUri: 'https://app.example.com/oauth/hubspot/callback',
        scopes: HUBSPOT_SCOPES,
        optionalScopes: ['crm.objects.deals.read'],
        state: 's t&ate',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://app.hubspot.com/oauth/authorize');
    expect(url.searchParams.get('client_id')).toBe('cid');
    expect(url.searchParams.get('redirect_uri')).toBe('https://app.example.com/oauth/hubspot/callback');
    expect(url.searchParams.get('scope')?.split(' ')).toEqual([...HUBSPOT_SCOPES]);
    expect(url.searchParams.get('optional_scope')).toBe('crm.objects.deals.read');
    expect(url.searchParams.get('state')).toBe('s t&ate');
    expect(url.search).toContain('scope=oauth%20crm.objects');
  });

  it('omits optional_scope when there is none; honours authBase', () => {
    const url = buildInstallUrl({ clientId: 'c', redirectUri: 'https://r', scopes: ['oauth'], state: 'x', authBase: 'https://sandbox.test/' });
    expect(url).toBe('https://sandbox.test/oauth/authorize?client_id=c&redirect_uri=https%3A%2F%2Fr&scope=oauth&state=x');
  });

  it('requests the scopes of reference §3', () => {
    expect([...HUBSPOT_SCOPES].sort()).toEqual(
      ['crm.objects.companies.read', 'crm.objects.contacts.read', 'crm.objects.contacts.write', 'crm.objects.deals.read', 'crm.objects.owners.read', 'crm.schemas.contacts.read', 'crm.schemas.contacts.write', 'oauth'].sort(),
    );
  });
});

describe('tenant keys', () => {
  it('round-trips portal ids', () => {
    expect(hubspotTenant(62515)).toBe('hubspot:62515');
    expect(portalIdOf('hubspot:62515')).toBe('62515');
    expect(portalIdOf('pipedrive:1')).toBeNull();
    expect(portalIdOf('hubspot:abc')).toBeNull();
  });
});
