// The score card's state: load the decision, send feedback, queue a rescore, mark the rep away
// or back (api is injected,
// hubspot.fetch in HubSpot, the real backend in tests).
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { CardApi, CardLoad } from './card-api.ts';
import { ScoreCardView, type ScoreCardViewProps } from './ScoreCardView.tsx';
import type { FeedbackKind } from './types.ts';
import { FEEDBACK_LABELS } from './types.ts';

export function ScoreCard({ objectId, api }: { objectId: string; api: CardApi }) {
  const [load, setLoad] = useState<CardLoad | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<ScoreCardViewProps['notice']>(null);

  const refresh = useCallback(async () => {
    try {
      setLoad(await api.load(objectId));
    } catch (err) {
      setLoad({ status: 'error', message: (err as Error).message });
    }
  }, [api, objectId]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const act = async (run: () => Promise<string | null>, success: string) => {
    setBusy(true);
    try {
      const failed = await run();
      setNotice(failed ? { variant: 'error', text: failed } : { variant: 'success', text: success });
    } catch (err) {
      setNotice({ variant: 'error', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };
  const onFeedback = (kind: FeedbackKind) => void act(() => api.feedback(objectId, kind), `Thanks: "${FEEDBACK_LABELS[kind]}" recorded.`).then(refresh);
  const onRescore = () => void act(() => api.rescore(objectId), 'Rescore queued: refresh in a few seconds.');
  const onAway = () => void act(() => api.away(24), 'You are marked away for 24 hours: new leads go to your team-mates.');
  const onBack = () => void act(() => api.back(), 'Welcome back: you receive new leads again.');

  if (!load) return <LoadingSpinner label="Loading lead score" />;
  if (load.status === 'error') return <ErrorState title="lead-router is unreachable"><Text>{load.message}</Text></ErrorState>;
  if (load.status === 'not_scored') {
    return (
      <EmptyState title="Not scored yet" layout="vertical">
        <Text>{load.message}</Text>
        {notice && <Alert title={notice.variant === 'success' ? 'Queued' : 'Could not queue'} variant={notice.variant} testId="notice">{notice.text}</Alert>}
        <Button testId="rescore" disabled={busy} onClick={onRescore}>Rescore now</Button>
      </EmptyState>
    );
  }
  return <ScoreCardView view={load.view} onFeedback={onFeedback} onRescore={onRescore} onAway={onAway} onBack={onBack} busy={busy} notice={notice} />;
}

