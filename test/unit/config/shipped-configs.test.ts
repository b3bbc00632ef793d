import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load.ts';
import { CONFIG_JSON_SCHEMA_PATH, generateConfigJsonSchema } from '../../../src/config/json-schema.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const shipped = [
  'config/lead-router.yaml',
  ...readdirSync(join(root, 'config/examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `config/examples/${f}`),
];

describe('shipped configs', () => {
  it('include the default config and every documented example', () => {
    expect(shipped).toEqual(
      expect.arrayContaining([
        'config/lead-router.yaml',
        'config/examples/region-by-postcode.yaml',
        'config/examples/vertical-teams.yaml',
        'config/examples/company-size-segments.yaml',
        'config/examples/product-specialisation.yaml',
        'config/examples/score-seniority.yaml',
        'config/examples/urgent-escalation.yaml',
        'config/examples/weighted-round-robin.yaml',
        'config/examples/sla.yaml',
        'config/examples/nurture-hand-off.yaml',
      ]),
    );
  });

  it.each(shipped)('%s is valid', (file) => {
    const loaded = loadConfig(join(root, file));
    expect(loaded.config.owners.length).toBeGreaterThan(0);
    expect(loaded.config.routing.fallback).toBeDefined(); // every shipped config has a safety net
  });

  it.each(shipped)('%s points editors at the generated JSON schema', (file) => {
    const first = readFileSync(join(root, file), 'utf8').split('\n')[0]!;
    const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(m).not.toBeNull();
    expect(resolve(dirname(join(root, file)), m![1]!)).toBe(join(root, CONFIG_JSON_SCHEMA_PATH));
  });

  it('the default config maps every field for both CRMs', () => {
    const { config } = loadConfig(join(root, 'config/lead-router.yaml'));
    for (const [alias, source] of Object.entries(config.fields)) {
      expect(typeof source).toBe('object');
      expect([alias, (source as { hubspot?: string }).hubspot]).toEqual([alias, expect.any(String)]);
      expect([alias, (source as { pipedrive?: string }).pipedrive]).toEqual([alias, expect.any(String)]);
    }
    expect(config.owners.length).toBeGreaterThanOrEqual(8);
    expect(config.owners.some((o) => o.seniority === 'director')).toBe(true);
    expect(config.owners.some((o) => o.outOfOffice.length > 0)).toBe(true);
    expect(Object.keys(config.routing.slaByTier).length).toBeGreaterThan(0);
  });
});

describe('config/lead-router.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` after changing src/config/schema.ts)', () => {
    const path = join(root, CONFIG_JSON_SCHEMA_PATH);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe(generateConfigJsonSchema());
  });

  it('describes the input side: keys with defaults are optional, the recursive condition is named', () => {
    const schema = JSON.parse(generateConfigJsonSchema()) as {
      required: string[];
      properties: { owners: { items: { required: string[] } }; routing: { properties: { rules: { items: { properties: { when: { $ref: string } } } } } } };
      $defs: Record<string, { anyOf: unknown[] }>;
    };
    expect(schema.required).toEqual(['version', 'scoring', 'tiers', 'owners', 'routing']);
    expect(schema.properties.owners.items.required).toEqual(['email']);
    expect(schema.properties.routing.properties.rules.items.properties.when.$ref).toBe('#/$defs/Condition');
    expect(schema.$defs.Condition!.anyOf).toHaveLength(4);
    expect(JSON.stringify(schema)).not.toContain('__schema');
  });
});
