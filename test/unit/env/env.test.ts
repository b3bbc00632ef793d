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
    [{ RETENTION_INBOX_DAYS: '1' }, ['RETENTION_INBOX_DAYS']],
    [{ RETENTION_INBOX_DAYS: 'week' }, ['RETENTION_INBOX_DAYS']],
    [{ RETENTION_AUDIT_DAYS: '7' }, ['RETENTION_AUDIT_DAYS']],
    [{ RETENTION_AUDIT_DAYS: '-5' }, ['RETENTION_AUDIT_DAYS']],
  ])('fails naming the variable: %j', (env, vars) => {
    const e = envError(env as Record<string, string>);
    expect(e.variables).toEqual(vars);
    for (const v of vars) expect(e.message).toContain(v);
  });

  it('builds the Pipedrive API base from the company domain', () => {
    const env = readEnv({ PIPEDRIVE_API_TOKEN: 't', PIPEDRIVE_COMPANY_DOMAIN: 'acme', PIPEDRIVE_WEBHOOK_USER: 'u', PIPEDRIVE_WEBHOOK_PASSWORD: 'p' });
    expect(env.pipedrive).toMatchObject({ mode: 'api_token', apiBaseUrl: 'https://acme.pipedrive.com', plan: 'lite' });
  });

  it('keeps done inbox rows 7 days and audit 180 days unless told otherwise', () => {
    expect(readEnv({}).retention).toEqual({ inboxDays: 7, auditDays: 180 });
    expect(readEnv({ RETENTION_INBOX_DAYS: '3', RETENTION_AUDIT_DAYS: '365' }).retention).toEqual({ inboxDays: 3, auditDays: 365 });
  });

  it('explains why a retention is too short', () => {
    expect(envError({ RETENTION_INBOX_DAYS: '1' }).message).toMatch(/at least 2, got 1: .*HubSpot retries a webhook for up to 24 h/);
  });

  it('treats blank values as unset', () => {
    expect(readEnv({ HUBSPOT_ACCESS_TOKEN: '  ', PORT: '' }).hubspot).toBeUndefined();
  });
});

describe('readEnv: hardening settings', () => {
  const oauth = { HUBSPOT_CLIENT_ID: 'cid', PUBLIC_BASE_URL: 'https://x.test', LEAD_ROUTER_ENCRYPTION_KEY: 'k'.repeat(44) };

  it('refuses at start an OAuth client secret too short to sign the OAuth state, naming the variable and the minimum', () => {
    const e = envError({ ...oauth, HUBSPOT_CLIENT_SECRET: 'short' });
    expect(e.variables).toEqual(['HUBSPOT_CLIENT_SECRET']);
    expect(e.message).toMatch(/HUBSPOT_CLIENT_SECRET is too short: 5 characters, at least 16/);
    const p = envError({ PIPEDRIVE_CLIENT_ID: 'cid', PIPEDRIVE_CLIENT_SECRET: 'abc', PUBLIC_BASE_URL: 'https://x.test', LEAD_ROUTER_ENCRYPTION_KEY: 'k' });
    expect(p.variables).toEqual(['PIPEDRIVE_CLIENT_SECRET']);
    expect(p.message).toMatch(/at least 16/);
    expect(readEnv({ ...oauth, HUBSPOT_CLIENT_SECRET: 'x'.repeat(16) }).hubspot?.mode).toBe('oauth');
  });

  it('accepts only v3 HubSpot signatures unless HUBSPOT_ALLOW_LEGACY_SIGNATURES is true', () => {
    const base = { HUBSPOT_ACCESS_TOKEN: 'pat', HUBSPOT_CLIENT_SECRET: 's' };
    expect(readEnv(base).hubspot?.allowLegacySignatures).toBe(false);
    expect(readEnv({ ...base, HUBSPOT_ALLOW_LEGACY_SIGNATURES: 'true' }).hubspot?.allowLegacySignatures).toBe(true);
    expect(envError({ ...base, HUBSPOT_ALLOW_LEGACY_SIGNATURES: 'yes please' }).variables).toEqual(['HUBSPOT_ALLOW_LEGACY_SIGNATURES']);
  });

  it('reads the /metrics protection: token, separate port, host default 127.0.0.1', () => {
    expect(readEnv({}).metrics).toEqual({ host: '127.0.0.1' });
    expect(readEnv({ METRICS_TOKEN: 't'.repeat(32), METRICS_PORT: '9464' }).metrics).toEqual({ token: 't'.repeat(32), port: 9464, host: '127.0.0.1' });
    expect(envError({ METRICS_TOKEN: 'abc' }).message).toMatch(/METRICS_TOKEN is too short/);
    expect(envError({ METRICS_PORT: '70000' }).variables).toEqual(['METRICS_PORT']);
  });
});
