import { describe, expect, it } from '@jest/globals';
import { crmOf, numericIdOf, parseTenantKey, tenantKey } from '../../../src/crm/tenant-key.ts';

describe('tenant keys (src/crm/tenant-key.ts)', () => {
  it('builds and parses "<crm>:<id>"', () => {
    expect(tenantKey('hubspot', 62515)).toBe('hubspot:62515');
    expect(parseTenantKey('pipedrive:13176340')).toEqual({ crm: 'pipedrive', externalId: '13176340' });
    expect(crmOf('hubspot:1')).toBe('hubspot');
  });

  it.each(['hubspot', 'hubspot:', ':1', 'salesforce:1', ''])('rejects the malformed key %j', (key) => {
    expect(parseTenantKey(key)).toBeNull();
    expect(() => crmOf(key)).toThrow(`Unknown tenant key "${key}"`);
  });

  it('gives the numeric id only for a key of that CRM', () => {
    expect(numericIdOf('hubspot:42', 'hubspot')).toBe('42');
    expect(numericIdOf('hubspot:42', 'pipedrive')).toBeNull();
    expect(numericIdOf('hubspot:acme', 'hubspot')).toBeNull();
  });
});
