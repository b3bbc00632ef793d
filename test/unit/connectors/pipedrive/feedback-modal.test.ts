import { describe, expect, it } from '@jest/globals';
import { FEEDBACK_BLOCKS, feedbackModalSchema, feedbackSaved, modalError, parseFeedbackSubmission } from '../../../../connectors/pipedrive/feedback-modal.ts';
import { authenticatePanelRequest } from '../../../../connectors/pipedrive/panel-request.ts';
import { AuthError, InputError, NotFoundError } from '../../../../src/errors.ts';
import { FEEDBACK_KINDS } from '../../../../src/store/types.ts';
import { signHs256 } from '../../../helpers/jwt.ts';

describe('feedback JSON modal', () => {
  it('declares a radio group with exactly the stored feedback kinds, a note and a request-handler submit', () => {
    const schema = feedbackModalSchema() as { properties: { blocks: { properties: Record<string, { $ref: string; options: Record<string, unknown> }> }; actions: { properties: Record<string, { $ref: string; options: { handler: string } }> } } };
    const blocks = schema.properties.blocks.properties;
    expect(Object.keys(blocks)).toEqual(Object.values(FEEDBACK_BLOCKS));
    expect(blocks.verdict).toMatchObject({ $ref: '#/definitions/element-radio-group', options: { isRequired: true } });
    expect((blocks.verdict!.options.items as { value: string }[]).map((i) => i.value)).toEqual([...FEEDBACK_KINDS]);
    expect(blocks.note!.$ref).toBe('#/definitions/element-textarea');
    // 1..2 action buttons; the primary one POSTs the form (component library, "Action buttons").
    expect(schema.properties.actions.properties.submit).toMatchObject({ $ref: '#/definitions/action-primary', options: { handler: 'request' } });
    expect(Object.keys(schema.properties.actions.properties)).toHaveLength(2);
  });

  it('parses a submitted form, trimming the note and treating blank as none', () => {
    expect(parseFeedbackSubmission({ verdict: 'good_lead', note: '  spot on ' })).toEqual({ kind: 'good_lead', note: 'spot on' });
    expect(parseFeedbackSubmission({ verdict: 'bad_fit', note: '   ' })).toEqual({ kind: 'bad_fit', note: null });
    expect(parseFeedbackSubmission({ verdict: 'wrong_owner', note: null })).toEqual({ kind: 'wrong_owner', note: null });
    expect(parseFeedbackSubmission({ verdict: 'good_lead', note: 'a\u0000b' })).toEqual({ kind: 'good_lead', note: 'ab' });
  });

  it.each([[undefined], [{}], [{ verdict: 'meh' }], [{ verdict: 'good_lead', note: 'x'.repeat(501) }], [[1, 2]]])('rejects %j with an InputError naming the fix', (body) => {
    expect(() => parseFeedbackSubmission(body)).toThrow(InputError);
    expect(() => parseFeedbackSubmission(body)).toThrow(/verdict is one of good_lead, bad_fit, wrong_owner/);
  });

  it('answers with the documented snackbar and global error shapes', () => {
    expect(feedbackSaved('bad_fit')).toEqual({ success: { type: 'snackbar', message: expect.stringContaining('Bad fit') } });
    expect(modalError('nope')).toEqual({ error: { message: 'nope' } });
  });
});

describe('authenticatePanelRequest', () => {
  const SECRET = 'panel-secret-0123456789';
  const NOW = Date.parse('2026-12-01T10:00:00Z');
  const token = (claims: Record<string, unknown> = {}) => signHs256({ userId: 7, companyId: 42, exp: NOW / 1000 + 300, ...claims }, SECRET);
  const query = (over: Record<string, unknown> = {}) => ({ resource: 'person', view: 'details', userId: '7', companyId: '42', selectedIds: '901', token: token(), ...over });

  it('returns the token\'s company and user and the selected person', () => {
    expect(authenticatePanelRequest(query(), SECRET, NOW)).toEqual({ companyId: '42', userId: '7', personId: '901' });
    expect(authenticatePanelRequest(query({ selectedIds: '901,902', resource: undefined }), SECRET, NOW).personId).toBe('901');
  });

  it.each([
    ['a URL naming another company', query({ companyId: '43' }), AuthError, /names company 43 but its signed token is for company 42/],
    ['a URL naming another user', query({ userId: '8' }), AuthError, /names user 8/],
    ['a doubled token', query({ token: [token(), token({ companyId: 43 })] }), AuthError, /more than once/],
    ['a doubled companyId', query({ companyId: ['42', '43'] }), AuthError, /more than once/],
    ['an organization view', query({ resource: 'organization' }), NotFoundError, /scores people/],
    ['no person id', query({ selectedIds: '' }), InputError, /selectedIds/],
    ['a non-numeric person id', query({ selectedIds: '../1' }), InputError, /selectedIds/],
  ])('refuses %s', (_what, q, type, message) => {
    expect(() => authenticatePanelRequest(q, SECRET, NOW)).toThrow(type);
    expect(() => authenticatePanelRequest(q, SECRET, NOW)).toThrow(message);
  });
});
