import { describe, expect, it } from '@jest/globals';
import { ownFieldCodes, resolveFieldPlan } from '../../../../connectors/pipedrive/field-plan.ts';
import { closeMatches } from '../../../../connectors/pipedrive/close-matches.ts';
import { ConfigError } from '../../../../src/errors.ts';
import { H, ORG_FIELDS, OWN_FIELDS, PERSON_FIELDS, testConfig } from './fixtures.ts';

const person = [...PERSON_FIELDS, ...OWN_FIELDS];

describe('resolveFieldPlan', () => {
  it('resolves built-ins, field codes, names (case-insensitive), org fields and address parts', () => {
    const plan = resolveFieldPlan(
      testConfig({
        email: 'emails',
        title: 'job_title',
        labels: 'label',
        industry: 'industry',
        channels: { pipedrive: H.channels },
        employees: { pipedrive: 'org.Employees', type: 'number' },
        org_name: 'org.name',
        postcode: 'org.HQ address.postal_code',
        org_city: 'org.address.locality',
        hs_only: { hubspot: 'jobtitle' },
      }),
      person,
      ORG_FIELDS,
    );
    const byAlias = Object.fromEntries(plan.reads.map((r) => [r.alias, r]));
    expect(byAlias.email).toMatchObject({ entity: 'person', key: 'emails', custom: false, mode: 'primary' });
    expect(byAlias.title).toMatchObject({ key: 'job_title', custom: false, mode: 'plain' });
    expect(byAlias.labels).toMatchObject({ key: 'label_ids', mode: 'labels', field: { field_code: 'label_ids' } });
    expect(byAlias.industry).toMatchObject({ key: H.industry, custom: true, field: { field_name: 'Industry' } });
    expect(byAlias.channels).toMatchObject({ key: H.channels, custom: true });
    expect(byAlias.employees).toMatchObject({ entity: 'organization', key: H.employees, coerce: 'number' });
    expect(byAlias.org_name).toMatchObject({ entity: 'organization', key: 'name', custom: false });
    expect(byAlias.postcode).toMatchObject({ entity: 'organization', key: H.hq, mode: 'address', part: 'postal_code' });
    expect(byAlias.org_city).toMatchObject({ entity: 'organization', key: 'address', mode: 'address', part: 'locality' });
    expect(byAlias.hs_only).toBeUndefined();
  });

  it('resolves write-back names to their hashes and slims reads to the needed custom fields', () => {
    const plan = resolveFieldPlan(testConfig({ industry: 'Industry', employees: 'org.Employees' }), person, ORG_FIELDS);
    expect(Object.fromEntries(Object.entries(plan.writes).map(([k, f]) => [k, f.field_code]))).toEqual({
      score: H.score,
      fit: H.fit,
      engagement: H.engagement,
      priority: H.priority,
      grade: H.grade,
      reasons: H.reasons,
    });
    expect(ownFieldCodes(plan)).toEqual(new Set([H.score, H.fit, H.engagement, H.priority, H.grade, H.reasons]));
    expect(plan.customKeys.person?.sort()).toEqual([H.industry, H.score, H.fit, H.engagement, H.priority, H.grade, H.reasons].sort());
    expect(plan.customKeys.organization).toEqual([H.employees]);
  });

  it('requests every custom field when more than 15 are needed (custom_fields= limit, §3.2)', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ field_code: `${i}`.padStart(40, 'f'), field_name: `F${i}`, field_type: 'varchar', is_custom_field: true }));
    const fields = Object.fromEntries(many.map((f, i) => [`f${i}`, f.field_name]));
    const plan = resolveFieldPlan(testConfig(fields), [...person, ...many], []);
    expect(plan.customKeys.person).toBeNull();
  });

  it('asks for include_fields=marketing_status when the config reads it', () => {
    expect(resolveFieldPlan(testConfig({ consent: 'marketing_status' }), person, []).personIncludeFields).toEqual(['marketing_status']);
  });

  it('leaves write fields that do not exist yet unresolved (ensureProperties creates them)', () => {
    expect(resolveFieldPlan(testConfig(), PERSON_FIELDS, []).writes).toEqual({});
  });

  it('reports every unknown field with its config path and close matches', () => {
    let error: unknown;
    try {
      resolveFieldPlan(testConfig({ industry: 'Industy', size: 'org.Employes', region: 'Territory' }), person, ORG_FIELDS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.path)).toEqual(['fields.industry', 'fields.size', 'fields.region']);
    expect(issues[0]).toMatchObject({ message: 'Pipedrive person field "Industy" not found', hint: 'close matches: "Industry"' });
    expect(issues[1]).toMatchObject({ message: 'Pipedrive organization field "Employes" not found', hint: 'close matches: "Employees"' });
    expect(issues[2]!.hint).toMatch(/Data fields/);
    expect((error as Error).message).toContain('fields.industry: Pipedrive person field "Industy" not found (hint: close matches: "Industry")');
  });

  it('reads lead.<property> from the person\'s Leads-Inbox lead, and names the readable ones for a typo', () => {
    const plan = resolveFieldPlan(testConfig({ source: { pipedrive: 'lead.source_name' }, how: 'Lead.Origin', batch: 'lead.origin_id' }), person, []);
    expect(plan.leadReads).toEqual([{ alias: 'source', key: 'source_name' }, { alias: 'how', key: 'origin' }, { alias: 'batch', key: 'origin_id' }]);
    expect(plan.reads).toEqual([]);
    expect(resolveFieldPlan(testConfig({ email: 'emails' }), person, []).leadReads).toEqual([]);
    expect(() => resolveFieldPlan(testConfig({ source: 'lead.source' }), person, [])).toThrow(
      'fields.source: Pipedrive lead property "source" is not readable (hint: "lead." reads the person\'s first Leads-Inbox lead: lead.source_name, lead.origin, lead.origin_id)',
    );
  });

  it('rejects an ambiguous field name, asking for the key', () => {
    const dup = { field_code: 'd'.repeat(40), field_name: 'industry', field_type: 'varchar', is_custom_field: true };
    expect(() => resolveFieldPlan(testConfig({ industry: 'Industry' }), [...person, dup], [])).toThrow(/2 fields are named "Industry".*use the key instead/);
    expect(resolveFieldPlan(testConfig({ industry: H.industry }), [...person, dup], []).reads[0]!.key).toBe(H.industry);
  });
});

describe('closeMatches', () => {
  it('suggests near names and containing names, closest first', () => {
    expect(closeMatches('Industy', ['Industry', 'Name', 'Owner'])).toEqual(['Industry']);
    expect(closeMatches('size', ['Company size', 'Size', 'Sizes', 'Name'])).toEqual(['Size', 'Sizes', 'Company size']);
    expect(closeMatches('zzz', ['Industry'])).toEqual([]);
  });
});
