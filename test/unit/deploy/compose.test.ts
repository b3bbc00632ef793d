// compose.yaml (the scaled setup: PostgreSQL, two replicas behind nginx, both sandboxes), read
// as data: the wiring that `docker compose up` depends on, checked without a docker engine.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENV_NAMES, readEnv } from '../../../src/env.ts';
import { parseDatabaseUrl } from '../../../src/store/parse-database-url.ts';

const root = join(import.meta.dirname, '../../..');
const compose = parse(readFileSync(join(root, 'compose.yaml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
const services = compose.services;
const replicas = ['lead-router-1', 'lead-router-2'];
const health = (name: string) => services[name]!.healthcheck!.test.join(' ');
/** `--flag=value` from a service's command. */
const flag = (name: string, f: string) => services[name]!.command!.find((a) => a.startsWith(`--${f}=`))?.slice(f.length + 3);

describe('compose.yaml', () => {
  it('has PostgreSQL, two serve replicas, one proxy and both sandboxes, each with a health check', () => {
    expect(Object.keys(services).sort()).toEqual(['hubspot-sandbox', 'lead-router-1', 'lead-router-2', 'pipedrive-sandbox', 'postgres', 'proxy']);
    for (const s of Object.values(services)) expect(s.healthcheck?.test[0]).toBe('CMD');
    expect(health('postgres')).toContain('pg_isready');
    for (const r of replicas) {
      expect(services[r]!.build).toBe('.');
      expect(services[r]!.command).toEqual(['node', 'src/cli/bin.ts', 'serve']);
      expect(health(r)).toContain('http://127.0.0.1:3000/readyz');
      expect(services[r]!.ports).toBeUndefined();
      expect(services[r]!.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        'hubspot-sandbox': { condition: 'service_healthy' },
        'pipedrive-sandbox': { condition: 'service_healthy' },
      });
    }
    expect(health('proxy')).toContain('http://127.0.0.1/healthz');
    expect(services['hubspot-sandbox']!.command!.slice(2, 4)).toEqual(['sandbox', 'hubspot']);
    expect(services['pipedrive-sandbox']!.command!.slice(2, 4)).toEqual(['sandbox', 'pipedrive']);
  });

  it('publishes one app port, on the proxy, which round-robins over both replicas', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.some((p) => !p.startsWith('127.0.0.1:')));
    expect(published.map(([n, s]) => [n, s.ports])).toEqual([['proxy', ['3000:80']]]);
    expect(services.proxy!.image).toMatch(/^nginx:[\d.]+-alpine$/);
    expect(services.proxy!.volumes).toEqual(['./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro']);
    const conf = readFileSync(join(root, 'deploy/nginx.conf'), 'utf8');
    expect(conf).toMatch(/listen 80;/);
    expect(conf).toMatch(/proxy_pass http:\/\/lead_router;/);
    for (const r of replicas) expect(conf).toContain(`server ${r}:3000`);
    expect(conf).not.toMatch(/least_conn|ip_hash|hash /);
  });

  it('sets only variables src/env.ts knows, and they pass its validation with a PostgreSQL store', () => {
    const env = services['lead-router-1']!.environment!;
    expect(services['lead-router-2']!.environment).toEqual(env);
    for (const name of Object.keys(env)) expect(ENV_NAMES).toContain(name);
    const app = readEnv(env);
    expect(app.port).toBe(3000);
    expect(parseDatabaseUrl(app.databaseUrl!)).toMatchObject({ kind: 'postgres' });
    expect(app.hubspot).toMatchObject({ mode: 'private', apiBaseUrl: 'http://hubspot-sandbox:4010' });
    expect(app.pipedrive).toMatchObject({ mode: 'api_token', apiBaseUrl: 'http://pipedrive-sandbox:4020' });
  });

  it('wires the sandboxes to the replicas: same credentials, reachable addresses, webhooks through the proxy', () => {
    const env = services['lead-router-1']!.environment!;
    for (const s of ['hubspot-sandbox', 'pipedrive-sandbox']) expect(flag(s, 'host')).toBe('0.0.0.0');
    expect(env.HUBSPOT_API_BASE_URL).toBe(`http://hubspot-sandbox:${flag('hubspot-sandbox', 'port')}`);
    expect(env.PIPEDRIVE_API_BASE_URL).toBe(`http://pipedrive-sandbox:${flag('pipedrive-sandbox', 'port')}`);
    expect(flag('hubspot-sandbox', 'token')).toBe(env.HUBSPOT_ACCESS_TOKEN);
    expect(flag('hubspot-sandbox', 'client-secret')).toBe(env.HUBSPOT_CLIENT_SECRET);
    expect(flag('pipedrive-sandbox', 'token')).toBe(env.PIPEDRIVE_API_TOKEN);
    expect(flag('pipedrive-sandbox', 'webhook-user')).toBe(env.PIPEDRIVE_WEBHOOK_USER);
    expect(flag('pipedrive-sandbox', 'webhook-password')).toBe(env.PIPEDRIVE_WEBHOOK_PASSWORD);
    expect(flag('hubspot-sandbox', 'webhook-url')).toBe('http://proxy/webhooks/hubspot');
    expect(flag('pipedrive-sandbox', 'webhook-url')).toBe('http://proxy/webhooks/pipedrive');
    expect(env.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(services.postgres!.environment).toMatchObject({ POSTGRES_USER: 'lead_router', POSTGRES_DB: 'lead_router' });
  });
});
