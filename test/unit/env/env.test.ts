import { describe, it, expect } from '@jest/globals';
import { readEnv } from '../../../src/env.ts';
import { EnvError } from '../../../src/errors.ts';

function envError(env: Record<string, string>): EnvError {
  try {
    readEnv(env);
  } catch (e) {
    if (e instanceof EnvError) return e;
    throw e;
  }
  throw new Error('expected an EnvError');
}

describe('readEnv', () => {
  it('has sane defaults with no CRM configured', () => {
    const env = readEnv({});
    expect(env.port).toBe(3000);
    expect(env.hubspot).toBeUndefined();
    expect(env.pipedrive).toBeUndefined();
    expect(env.logLevel).toBe('info');
  });

  it('reads INBOX_LEASE_MS (unset: the pipeline default), naming it when it is not a positive integer', () => {
    expect(readEnv({}).inboxLeaseMs).toBeUndefined();
    expect(readEnv({ INBOX_LEASE_MS: '15000' }).inboxLeaseMs).toBe(15_000);
    const err = envError({ INBOX_LEASE_MS: '10s' });
    expect(err.message).toMatch(/INBOX_LEASE_MS must be a positive integer/);
  });

  it('reads private-app HubSpot mode', () => {
    const env = readEnv({ HUBSPOT_ACCESS_TOKEN: 'pat-1', HUBSPOT_CLIENT_SECRET: 's', HUBSPOT_API_BASE_URL: 'http://127.0.0.1:9/' });
    expect(env.hubspot).toMatchObject({ mode: 'private', accessToken: 'pat-1', apiBaseUrl: 'http://127.0.0.1:9' });
  });

  it.each([
    [{ HUBSPOT_ACCESS_TOKEN: 'x' }, ['HUBSPOT_CLIENT_SECRET']],
    [{ HUBSPOT_ACCESS_TOKEN: 'x', HUBSPOT_CLIENT_ID: 'c', HUBSPOT_CLIENT_SECRET: 's' }, ['HUBSPOT_ACCESS_TOKEN', 'HUBSPOT_CLIENT_ID']],
    [{ HUBSPOT_CLIENT_ID: 'c', HUBSPOT_CLIENT_SECRET: 's' }, ['PUBLIC_BASE_URL', 'LEAD_ROUTER_ENCRYPTION_KEY']],
    [{ PORT: 'abc' }, ['PORT']],
    [{ PORT: '70000' }, ['PORT']],
    [{ HUBSPOT_ACCESS_TOKEN: 'x', HUBSPOT_CLIENT_SECRET: 's', HUBSPOT_API_BASE_URL: 'ftp://x' }, ['HUBSPOT_API_BASE_URL']],
    [{ PIPEDRIVE_API_TOKEN: 't' }, ['PIPEDRIVE_WEBHOOK_USER', 'PIPEDRIVE_WEBHOOK_PASSWORD']],
    [{ PIPEDRIVE_API_TOKEN: 't', PIPEDRIVE_WEBHOOK_USER: 'u', PIPEDRIVE_WEBHOOK_PASSWORD: 'p' }, ['PIPEDRIVE_COMPANY_DOMAIN']],
    [{ LOG_LEVEL: 'loud' }, ['LOG_LEVEL']],
    [{ PIPEDRIVE_PLAN: 'gold', PIPEDRIVE_API_TOKEN: 't' }, ['PIPEDRIVE_PLAN']],
  ])('fails naming the variable: %j', (env, vars) => {
    const e = envError(env as Record<string, string>);
    expect(e.variables).toEqual(vars);
    for (const v of vars) expect(e.message).toContain(v);
  });

  it('builds the Pipedrive API base from the company domain', () => {
    const env = readEnv({ PIPEDRIVE_API_TOKEN: 't', PIPEDRIVE_COMPANY_DOMAIN: 'acme', PIPEDRIVE_WEBHOOK_USER: 'u', PIPEDRIVE_WEBHOOK_PASSWORD: 'p' });
    expect(env.pipedrive).toMatchObject({ mode: 'api_token', apiBaseUrl: 'https://acme.pipedrive.com', plan: 'lite' });
  });

  it('treats blank values as unset', () => {
    expect(readEnv({ HUBSPOT_ACCESS_TOKEN: '  ', PORT: '' }).hubspot).toBeUndefined();
  });
});
