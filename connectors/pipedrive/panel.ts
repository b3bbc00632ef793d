// JSON panel for the person detail view (pipedrive.md §6): the score as a coloured label
// ("Score 82 – hot"), fit, engagement, grade, owner, routing rule, the decision in one sentence,
// the team members skipped and why, and the top reasons. lead-router scores persons only, so the
// panel is not offered on organizations or deals (their ids would name other records).
// Pipedrive's limits: at most 10 objects of at most 20 fields, text truncated at 255 characters,
// labels at 40; any type mismatch shows "Something went wrong", so every value is shaped to its
// declared type here. The panel's JSON schema in Developer Hub must declare exactly PANEL_FIELDS
// (additionalProperties is false); app-manifest.ts generates it.
import type { Evaluation } from '../../src/engine/types.ts';
import { formatPoints } from '../../src/engine/score-math.ts';
import { decisionText, md, skippedText, truncate } from './panel-explain.ts';

export { verifyPanelToken } from './panel-token.ts';

/** §6 limits. */
export const PANEL_LIMITS = { objects: 10, fields: 20, text: 255, label: 40, errorTitle: 30 } as const;

export type PanelColor = 'green' | 'red' | 'blue' | 'yellow' | 'purple' | 'grey';

/** The fields of the single panel object, with their §6 types, for the Developer Hub schema. */
export const PANEL_FIELDS = {
  score: 'label',
  fit: 'numerical',
  engagement: 'numerical',
  grade: 'text',
  owner: 'text',
  rule: 'text',
  decision: 'text',
  skipped: 'text',
  reasons: 'text',
} as const;

/** Human labels of PANEL_FIELDS, for the Developer Hub schema (app-manifest.ts). */
export const PANEL_FIELD_LABELS: Record<keyof typeof PANEL_FIELDS, string> = {
  score: 'Score',
  fit: 'Fit',
  engagement: 'Engagement',
  grade: 'Grade',
  owner: 'Owner',
  rule: 'Routing rule',
  decision: 'Why this owner',
  skipped: 'Skipped',
  reasons: 'Top reasons',
};

const TOP_REASONS = 5;

/** Conventional tier names -> colours; anything else is grey (override with opts.tierColors). */
const DEFAULT_TIER_COLORS: Record<string, PanelColor> = {
  hot: 'red',
  urgent: 'red',
  high: 'red',
  warm: 'yellow',
  medium: 'yellow',
  cold: 'blue',
  low: 'blue',
  nurture: 'purple',
};

export { truncate };

function topReasons(e: Evaluation): string {
  const items = e.score.contributions
    .slice()
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
    .slice(0, TOP_REASONS)
    .map((c) => `- ${formatPoints(c.points)} ${md(c.label)}`);
  if (!items.length) return 'No scoring rule matched';
  // Drop whole lines rather than cut one in half.
  while (items.join('\n').length > PANEL_LIMITS.text && items.length > 1) items.pop();
  return truncate(items.join('\n'), PANEL_LIMITS.text);
}

function ruleText(e: Evaluation): string {
  const r = e.route;
  if (r.rule) return `${r.rule}${r.team ? ` (team ${r.team})` : ''}`;
  const by: Record<string, string> = { keep_current: 'current owner kept', account_owner: 'account owner', fallback: 'fallback', unassigned: 'unassigned' };
  return by[r.target] ?? r.target;
}

export interface PanelOptions {
  ownerName?: string;
  /** Display name of an owner e-mail (for the skipped list); the e-mail when unknown. */
  nameOf?: (email: string) => string;
  /** "Open in lead-router" link (external_link). */
  link?: string;
  tierColors?: Record<string, PanelColor>;
}

export interface PanelResponse {
  data: Record<string, unknown>[];
  external_link?: { url: string; label: string };
}

export function buildPanelResponse(evaluation: Evaluation, opts: PanelOptions = {}): PanelResponse {
  const round = (n: number) => Math.round(n * 10) / 10;
  const tier = evaluation.tier;
  const color = opts.tierColors?.[tier] ?? DEFAULT_TIER_COLORS[tier.toLowerCase()] ?? 'grey';
  const numericId = /^\d+$/.test(evaluation.leadId) ? Number(evaluation.leadId) : evaluation.leadId;
  const object: Record<string, unknown> = {
    id: numericId,
    header: 'Lead score',
    score: { color, label: truncate(`Score ${Math.round(evaluation.score.total)} – ${tier}`, PANEL_LIMITS.label) },
    fit: round(evaluation.score.fit),
    engagement: round(evaluation.score.engagement),
    owner: truncate(opts.ownerName ?? evaluation.route.owner ?? 'Unassigned', PANEL_LIMITS.text),
    rule: truncate(ruleText(evaluation), PANEL_LIMITS.text),
    decision: decisionText(evaluation),
    reasons: topReasons(evaluation),
  };
  if (evaluation.grade) object.grade = truncate(evaluation.grade, PANEL_LIMITS.text);
  const skipped = skippedText(evaluation, opts.nameOf);
  if (skipped) object.skipped = skipped;
  const res: PanelResponse = { data: [object] };
  if (opts.link) res.external_link = { url: opts.link, label: 'Open in lead-router' };
  return res;
}

/**
 * The documented error state: send with an HTTP status above 300 (§6). Title at most 30
 * characters; the subtitle is markdown.
 */
export function panelError(title: string, subtitle: string, action?: { url: string; label: string }): { error: { title: string; subtitle: string; action?: { url: string; label: string } } } {
  return { error: { title: truncate(title, PANEL_LIMITS.errorTitle), subtitle: truncate(subtitle, PANEL_LIMITS.text), ...(action ? { action } : {}) } };
}
