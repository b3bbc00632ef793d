import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { buildPanelResponse, PANEL_FIELDS, PANEL_LIMITS, panelError, verifyPanelToken } from '../../../../connectors/pipedrive/panel.ts';
import { PANEL_TOKEN_SKEW_MS } from '../../../../connectors/pipedrive/panel-token.ts';
import type { Evaluation, ScoreContribution } from '../../../../src/engine/types.ts';
import { AuthError } from '../../../../src/errors.ts';

const SECRET = 'panel-secret-0123456789';
const NOW = Date.parse('2026-11-20T12:00:00Z');

function jwt(payload: Record<string, unknown>, secret = SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc(header)}.${enc(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const claims = { userId: 12415231, companyId: 8087566, iat: NOW / 1000 - 10, exp: NOW / 1000 + 300 };

describe('verifyPanelToken', () => {
  it('returns user and company of a valid HS256 token', () => {
    expect(verifyPanelToken(jwt(claims), SECRET, NOW)).toEqual({ userId: '12415231', companyId: '8087566' });
  });

  it('tolerates PANEL_TOKEN_SKEW_MS of clock skew on exp and nbf, and no more', () => {
    const skew = PANEL_TOKEN_SKEW_MS / 1000;
    expect(PANEL_TOKEN_SKEW_MS).toBe(30_000);
    expect(verifyPanelToken(jwt({ ...claims, exp: NOW / 1000 - skew + 1 }), SECRET, NOW).companyId).toBe('8087566');
    expect(() => verifyPanelToken(jwt({ ...claims, exp: NOW / 1000 - skew }), SECRET, NOW)).toThrow(/expired/);
    expect(verifyPanelToken(jwt({ ...claims, nbf: NOW / 1000 + skew }), SECRET, NOW).companyId).toBe('8087566');
    expect(() => verifyPanelToken(jwt({ ...claims, nbf: NOW / 1000 + skew + 1 }), SECRET, NOW)).toThrow(/not valid yet/);
  });

  it.each([
    ['a token without exp (would be valid forever)', jwt({ userId: 1, companyId: 2, iat: NOW / 1000 }), /no expiry/],
    ['a token whose exp is not a number', jwt({ ...claims, exp: String(NOW / 1000 + 300) }), /not a number/],
    ['a token expired an hour ago', jwt({ ...claims, exp: NOW / 1000 - 3600 }), /expired/],
    ['a token not valid yet', jwt({ ...claims, nbf: NOW / 1000 + 60 }), /not valid yet/],
    ['a bad signature', jwt(claims, 'another-secret-0123456'), /signature is invalid/],
    ['a tampered payload', (() => {
      const [h, , s] = jwt(claims).split('.');
      return `${h}.${Buffer.from(JSON.stringify({ ...claims, companyId: 1 })).toString('base64url')}.${s}`;
    })(), /signature is invalid/],
    ['alg none', jwt(claims, SECRET, { alg: 'none' }), /HS256 only/],
    ['not a JWT', 'abc.def', /not a JWT/],
    ['a missing token', undefined, /lacks the "token"/],
    ['a payload without companyId', jwt({ userId: 1, exp: NOW / 1000 + 60 }), /lacks userId \/ companyId/],
    ['a forged token without exp', jwt({ userId: 1, companyId: 2 }, 'wrong-secret-0123456789'), /signature is invalid/],
  ])('rejects %s', (_what, token, message) => {
    expect(() => verifyPanelToken(token, SECRET, NOW)).toThrow(AuthError);
    expect(() => verifyPanelToken(token, SECRET, NOW)).toThrow(message);
  });
});

function contribution(label: string, points: number, kind: 'fit' | 'engagement' = 'fit'): ScoreContribution {
  return { kind, group: 'g', rule: label, label, raw: points, points };
}

function evaluation(over: Partial<Evaluation> = {}): Evaluation {
  return {
    leadId: '8',
    score: {
      fit: 50,
      engagement: 32.25,
      total: 82.25,
      contributions: [contribution('company size 1000+', 30), contribution('free-mail domain', -20), contribution('title CFO', 25), contribution('webinar', 12.5, 'engagement')],
      adjustments: [],
    },
    tier: 'hot',
    grade: 'A1',
    route: { owner: 'anna@acme.test', rule: 'pharma', target: 'team', team: 'pharma', reason: '', trace: [], candidates: [] },
    reasons: '',
    ...over,
  };
}

describe('buildPanelResponse', () => {
  it('renders the score label, numbers, owner, rule and top reasons', () => {
    const res = buildPanelResponse(evaluation(), { ownerName: 'Anna Novak', link: 'https://lr.example/leads/8' });
    expect(res).toEqual({
      data: [
        {
          id: 8,
          header: 'Lead score',
          score: { color: 'red', label: 'Score 82 – hot' },
          fit: 50,
          engagement: 32.3,
          grade: 'A1',
          owner: 'Anna Novak',
          rule: 'pharma (team pharma)',
          decision: 'assigned to anna@acme.test',
          reasons: '- +30 company size 1000+\n- +25 title CFO\n- -20 free-mail domain\n- +12.5 webinar',
        },
      ],
      external_link: { url: 'https://lr.example/leads/8', label: 'Open in lead-router' },
    });
  });

  it('colours by tier and describes non-rule routes', () => {
    const warm = buildPanelResponse(evaluation({ tier: 'warm', route: { owner: null, rule: null, target: 'unassigned', reason: '', trace: [], candidates: [] } }));
    expect(warm.data[0]).toMatchObject({ score: { color: 'yellow' }, owner: 'Unassigned', rule: 'unassigned' });
    expect(buildPanelResponse(evaluation({ tier: 'platinum' })).data[0]!.score).toMatchObject({ color: 'grey' });
    expect(buildPanelResponse(evaluation({ tier: 'platinum' }), { tierColors: { platinum: 'purple' } }).data[0]!.score).toMatchObject({ color: 'purple' });
  });

  it('explains the decision and lists skipped members in brief, by name', () => {
    const route = {
      owner: 'anna@acme.test',
      rule: 'pharma',
      target: 'team' as const,
      team: 'pharma',
      reason: 'rule pharma -> team pharma (round_robin): anna@acme.test',
      tieBreak: 'lowest pointer',
      trace: [],
      candidates: [
        { owner: 'anna@acme.test', eligible: true },
        { owner: 'max@acme.test', eligible: false, skipped: 'out_of_office' as const, detail: 'out of office 2026-12-20..2027-01-02' },
        { owner: 'lena@acme.test', eligible: false, skipped: 'at_daily_cap' as const, detail: '20/20 today' },
        { owner: 'x_y@acme.test', eligible: false },
      ],
    };
    const names: Record<string, string> = { 'max@acme.test': 'Max Schmidt' };
    const obj = buildPanelResponse(evaluation({ route }), { nameOf: (e) => names[e] ?? e }).data[0]!;
    expect(obj.decision).toBe('rule pharma -\\> team pharma (round\\_robin): anna@acme.test (lowest pointer)');
    expect(obj.skipped).toBe('- Max Schmidt: out of office 2026-12-20..2027-01-02\n- lena@acme.test: at daily cap (20/20 today)\n- x\\_y@acme.test: not eligible');
  });

  it('keeps a long skipped list whole-line and says how many more there are', () => {
    const candidates = Array.from({ length: 40 }, (_, i) => ({ owner: `rep-number-${i}@a-rather-long-domain.example`, eligible: false, skipped: 'outside_hours' as const }));
    const obj = buildPanelResponse(evaluation({ route: { owner: null, rule: null, target: 'unassigned', reason: 'nobody available', trace: [], candidates } })).data[0]!;
    const lines = String(obj.skipped).split('\n');
    expect([...String(obj.skipped)].length).toBeLessThanOrEqual(PANEL_LIMITS.text);
    expect(lines.at(-1)).toBe(`… and ${40 - (lines.length - 1)} more`);
    expect(lines.slice(0, -1).every((l) => /^- rep-number-\d+@a-rather-long-domain\.example: outside working hours$/.test(l))).toBe(true);
  });

  it('stays within the panel limits with long labels and many reasons', () => {
    const long = 'x'.repeat(120);
    const e = evaluation({
      tier: 'a-very-long-tier-name-that-goes-on-and-on',
      score: { fit: 1, engagement: 1, total: 2, adjustments: [], contributions: Array.from({ length: 30 }, (_, i) => contribution(`${long}${i}`, i)) },
    });
    const res = buildPanelResponse(e, { ownerName: 'o'.repeat(400) });
    expect(res.data.length).toBeLessThanOrEqual(PANEL_LIMITS.objects);
    const obj = res.data[0]!;
    const fields = Object.keys(obj).filter((k) => k !== 'id' && k !== 'header');
    expect(fields.length).toBeLessThanOrEqual(PANEL_LIMITS.fields);
    expect(fields.every((k) => k in PANEL_FIELDS)).toBe(true);
    expect([...(obj.score as { label: string }).label].length).toBeLessThanOrEqual(PANEL_LIMITS.label);
    for (const k of ['owner', 'rule', 'decision', 'reasons', 'grade']) expect([...String(obj[k])].length).toBeLessThanOrEqual(PANEL_LIMITS.text);
    expect(String(obj.reasons).split('\n').every((line) => line.startsWith('- +'))).toBe(true); // whole lines only
  });

  it('escapes markdown in reason labels and omits a missing grade', () => {
    const res = buildPanelResponse(evaluation({ grade: null, score: { fit: 5, engagement: 0, total: 5, adjustments: [], contributions: [contribution('title *CEO*', 5)] } }));
    expect(res.data[0]).not.toHaveProperty('grade');
    expect(res.data[0]!.reasons).toBe('- +5 title \\*CEO\\*');
  });
});

describe('panelError', () => {
  it('builds the documented error object with a title of at most 30 characters', () => {
    expect(panelError('Lead not scored yet — please wait a moment', 'Try again in a minute.', { url: 'https://x', label: 'Retry' })).toEqual({
      error: { title: 'Lead not scored yet — please …', subtitle: 'Try again in a minute.', action: { url: 'https://x', label: 'Retry' } },
    });
  });
});
