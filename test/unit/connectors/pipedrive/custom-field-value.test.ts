import { describe, expect, it } from '@jest/globals';
import {
  encodeCustomFieldValue,
  parseCustomFieldValue,
  readAddressPart,
  UnknownOptionError,
} from '../../../../connectors/pipedrive/custom-field-value.ts';

const industry = { field_name: 'Industry', field_type: 'enum', options: [{ id: 11, label: 'Pharma' }, { id: 12, label: 'Retail' }] };
const channels = { field_name: 'Channels', field_type: 'set', options: [{ id: 21, label: 'Web' }, { id: 22, label: 'Events' }, { id: 23, label: 'Partners' }] };

describe('parseCustomFieldValue: v2 webhook typed objects (pipedrive.md §1.2)', () => {
  it.each([
    ['varchar', { type: 'varchar', value: 'ACME' }, { field_type: 'varchar' }, 'ACME'],
    ['double', { type: 'double', value: 250 }, { field_type: 'double' }, 250],
    ['monetary (amount)', { type: 'monetary', value: 1200.5, currency: 'EUR' }, { field_type: 'monetary' }, 1200.5],
    ['enum id -> label', { type: 'enum', id: 12 }, industry, 'Retail'],
    ['set ids -> labels', { type: 'set', values: [{ id: 21 }, { id: 23 }] }, channels, 'Web, Partners'],
    ['date', { type: 'date', value: '2026-11-02' }, { field_type: 'date' }, '2026-11-02'],
    ['address', { type: 'address', value: 'Main St 1, Prague', locality: 'Prague' }, { field_type: 'address' }, 'Main St 1, Prague'],
    ['user link', { type: 'user', id: 123 }, { field_type: 'user' }, 123],
    ['org link', { type: 'org', id: 77 }, { field_type: 'org' }, 77],
    ['people link', { type: 'people', id: 5 }, { field_type: 'people' }, 5],
  ])('%s', (_what, raw, meta, expected) => {
    expect(parseCustomFieldValue(raw, meta)).toEqual(expected);
  });

  it('uses the object\'s own type when the field metadata is unknown', () => {
    expect(parseCustomFieldValue({ type: 'double', value: '42' }, undefined)).toBe(42);
    expect(parseCustomFieldValue({ type: 'set', values: [{ id: 9 }] }, undefined)).toBe('9');
  });
});

describe('parseCustomFieldValue: v2 API plain values', () => {
  it('maps enum and set ids (numbers, strings, {id,label}) to labels', () => {
    expect(parseCustomFieldValue(11, industry)).toBe('Pharma');
    expect(parseCustomFieldValue('12', industry)).toBe('Retail');
    expect(parseCustomFieldValue({ id: 11, label: 'Pharma (labelled)' }, industry)).toBe('Pharma (labelled)');
    expect(parseCustomFieldValue([22, 21], channels)).toBe('Events, Web');
    expect(parseCustomFieldValue('21,23', channels)).toBe('Web, Partners');
  });

  it('keeps an option id missing from the cached options visible as the id', () => {
    expect(parseCustomFieldValue(99, industry)).toBe('99');
  });

  it('returns null for empty values and non-numeric numbers', () => {
    expect(parseCustomFieldValue(null, industry)).toBeNull();
    expect(parseCustomFieldValue(undefined, industry)).toBeNull();
    expect(parseCustomFieldValue([], channels)).toBeNull();
    expect(parseCustomFieldValue('n/a', { field_type: 'double' })).toBeNull();
  });

  it('reads monetary and address objects', () => {
    expect(parseCustomFieldValue({ value: 300, currency: 'USD' }, { field_type: 'monetary' })).toBe(300);
    const addr = { value: 'Na Příkopě 1, 110 00 Praha', postal_code: '110 00', locality: 'Praha', country: 'Czechia' };
    expect(parseCustomFieldValue(addr, { field_type: 'address' })).toBe('Na Příkopě 1, 110 00 Praha');
    expect(readAddressPart(addr, 'postal_code')).toBe('110 00');
    expect(readAddressPart(addr, 'admin_area_level_1')).toBeNull();
  });
});

describe('encodeCustomFieldValue (write side)', () => {
  it('maps an enum label to its option id (case-insensitive) and back', () => {
    const id = encodeCustomFieldValue('retail', industry);
    expect(id).toBe(12);
    expect(parseCustomFieldValue(id, industry)).toBe('Retail');
  });

  it('maps set labels to an id array and back', () => {
    const ids = encodeCustomFieldValue('Web, Partners', channels);
    expect(ids).toEqual([21, 23]);
    expect(parseCustomFieldValue(ids, channels)).toBe('Web, Partners');
  });

  it('sends numbers to numeric fields and text to text fields', () => {
    expect(encodeCustomFieldValue('82.5', { field_name: 'Score', field_type: 'double' })).toBe(82.5);
    expect(encodeCustomFieldValue(7, { field_name: 'Grade', field_type: 'varchar' })).toBe('7');
    expect(encodeCustomFieldValue(null, industry)).toBeNull();
  });

  it('rejects an unknown option and a non-numeric number with the field named', () => {
    expect(() => encodeCustomFieldValue('Mining', industry)).toThrow(UnknownOptionError);
    expect(() => encodeCustomFieldValue('Mining', industry)).toThrow('Pipedrive field "Industry" has no option "Mining" (options: "Pharma", "Retail")');
    expect(() => encodeCustomFieldValue('high', { field_name: 'Score', field_type: 'double' })).toThrow(/"Score" is numeric/);
  });
});
