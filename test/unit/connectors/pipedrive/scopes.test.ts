import { describe, expect, it } from '@jest/globals';
import { missingPipedriveScopes } from '../../../../connectors/pipedrive/scopes.ts';

describe('missingPipedriveScopes', () => {
  it.each([
    ['base,contacts:full,activities:full,users:read,admin,leads:full', []],
    ['base contacts:full activities:read users:read admin leads:full', []],
    ['base,contacts:read,activities:read,users:read,leads:full', ['contacts:full', 'admin']],
    ['', ['base', 'contacts:full', 'activities:read', 'users:read', 'admin', 'leads:full']],
  ])('%j lacks %j (":full" includes ":read", never the reverse)', (granted, missing) => {
    expect(missingPipedriveScopes(granted)).toEqual(missing);
  });
});
