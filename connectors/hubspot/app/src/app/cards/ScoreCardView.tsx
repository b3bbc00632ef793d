// What the rep sees on the contact record: score, tier, grade, owner, top reasons with points,
// the routing decision in one sentence with "show why", the config version, and the actions.
import { Accordion, Alert, Button, ButtonRow, DescriptionList, DescriptionListItem, Divider, Flex, Heading, List, Statistics, StatisticsItem, Tag, Text } from '@hubspot/ui-extensions';
import type { CardView, FeedbackKind } from './types.ts';
import { FEEDBACK_LABELS } from './types.ts';

export interface ScoreCardViewProps {
  view: CardView;
  onFeedback: (kind: FeedbackKind) => void;
  onRescore: () => void;
  /** The calling rep marks themselves away for a day / back (routing skips them meanwhile). */
  onAway?: () => void;
  onBack?: () => void;
  busy?: boolean;
  /** Outcome of the last action, shown above the actions. */
  notice?: { variant: 'success' | 'error'; text: string } | null;
}

const points = (p: number) => `${p > 0 ? '+' : ''}${p}`;
const SKIP_TEXT: Record<string, string> = {
  inactive: 'inactive',
  unknown_owner: 'not a known owner',
  out_of_office: 'out of office',
  outside_hours: 'outside working hours',
  at_daily_cap: 'at daily cap',
  at_weekly_cap: 'at weekly cap',
  at_open_cap: 'at open-leads cap',
  missing_skill: 'missing skill',
  seniority: 'seniority',
  excluded: 'excluded (SLA breach)',
};

export function ScoreCardView({ view, onFeedback, onRescore, onAway, onBack, busy = false, notice = null }: ScoreCardViewProps) {
  const d = view.decision;
  return (
    <Flex direction="column" gap="sm">
      <Statistics>
        <StatisticsItem label="Score" number={view.score.total} testId="score" />
        <StatisticsItem label="Fit" number={view.score.fit} />
        <StatisticsItem label="Engagement" number={view.score.engagement} />
      </Statistics>
      <DescriptionList direction="row">
        <DescriptionListItem label="Tier">
          <Tag testId="tier">{view.tier}</Tag>
        </DescriptionListItem>
        <DescriptionListItem label="Grade">
          <Text testId="grade">{view.grade ?? '-'}</Text>
        </DescriptionListItem>
        <DescriptionListItem label="Owner">
          <Text testId="owner">{view.owner ?? 'unassigned'}</Text>
        </DescriptionListItem>
      </DescriptionList>
      <Heading>Top reasons</Heading>
      <List testId="reasons">
        {view.reasons.length ? view.reasons.map((r) => <Text key={r.label}>{`${points(r.points)} ${r.label}`}</Text>) : [<Text key="none">No scoring rule matched</Text>]}
      </List>
      <Text testId="decision" format={{ fontWeight: 'bold' }}>
        {d.sentence}
      </Text>
      <Accordion title="Show why" testId="why">
        <Heading>Rules tried</Heading>
        <List testId="rules-tried">{d.rulesTried.map((t, i) => <Text key={`${i}:${t}`}>{t}</Text>)}</List>
        {d.skipped.length > 0 && <Heading>Skipped</Heading>}
        {d.skipped.length > 0 && (
          <List testId="skipped">
            {d.skipped.map((s) => (
              <Text key={s.owner}>{`${s.owner}: ${SKIP_TEXT[s.reason] ?? s.reason}${s.detail ? ` (${s.detail})` : ''}`}</Text>
            ))}
          </List>
        )}
        {d.tieBreak && <Text>{`Tie-break: ${d.tieBreak}`}</Text>}
      </Accordion>
      <Text variant="microcopy" testId="config-version">{`Config version ${view.configVersion}, scored ${new Date(view.scoredAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`}</Text>
      <Divider />
      {notice && <Alert title={notice.variant === 'success' ? 'Saved' : 'Could not save'} variant={notice.variant} testId="notice">{notice.text}</Alert>}
      <ButtonRow>
        {(Object.keys(FEEDBACK_LABELS) as FeedbackKind[]).map((kind) => (
          <Button key={kind} testId={`feedback-${kind}`} variant="secondary" disabled={busy} onClick={() => onFeedback(kind)}>
            {FEEDBACK_LABELS[kind]}
          </Button>
        ))}
        <Button testId="rescore" variant="primary" disabled={busy} onClick={() => onRescore()}>
          Rescore now
        </Button>
      </ButtonRow>
      {onAway && onBack && (
        <ButtonRow>
          <Button testId="away" variant="secondary" disabled={busy} onClick={() => onAway()}>
            I'm away for 24 h
          </Button>
          <Button testId="back" variant="secondary" disabled={busy} onClick={() => onBack()}>
            I'm back
          </Button>
        </ButtonRow>
      )}
    </Flex>
  );
}
