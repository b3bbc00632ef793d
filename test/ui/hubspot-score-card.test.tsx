// The HubSpot score card rendered with @hubspot/ui-extensions' own test renderer, from what
// the real backend route answers (a lead-router app with two portals, see card-app.ts),
// fetched the way HubSpot's proxy runs hubspot.fetch: signed, portal appended.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { Accordion, Alert, Button, EmptyState, List, StatisticsItem, Tag, Text } from '@hubspot/ui-extensions';
import type { RunningApp } from '../../src/main.ts';
import { LEAD_A, PORTAL_A, PUBLIC_BASE, cardCall, hubspotProxyFetch, startCardApp } from '../integration/server/hubspot-card/card-app.ts';
import { ScoreCardView } from '../../connectors/hubspot/app/src/app/cards/ScoreCardView.tsx';
import { ScoreCard } from '../../connectors/hubspot/app/src/app/cards/ScoreCardApp.tsx';
import { createCardApi } from '../../connectors/hubspot/app/src/app/cards/card-api.ts';
import type { CardView, FeedbackKind } from '../../connectors/hubspot/app/src/app/cards/types.ts';

import type { CardView as BackendCardView } from '../../src/server/hubspot-card/card-view.ts';

// The card declares the backend's answer again (HubSpot bundles the card folder alone); this
// fails the type check when the two declarations drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<CardView, BackendCardView> = true;

let app: RunningApp;
let view: CardView;
beforeAll(async () => {
  app = await startCardApp();
  const res = await cardCall(app, `/${LEAD_A}`);
  expect(res.status).toBe(200);
  view = (await res.json()) as CardView;
});
afterAll(async () => {
  await app.close();
});

describe('ScoreCardView (fixture from GET /hubspot/card/:objectId)', () => {
  it('declares the same view as the backend', () => {
    expect(sameShape).toBe(true);
  });

  it('shows score, tier, grade, owner, top reasons with points, the decision and the config version', () => {
    const { render, find, findByTestId } = createRenderer('crm.record.tab');
    render(<ScoreCardView view={view} onFeedback={() => undefined} onRescore={() => undefined} />);
    expect(findByTestId(StatisticsItem, 'score').props.number).toBe(view.score.total);
    expect(find(StatisticsItem, { label: 'Fit' }).props.number).toBe(view.score.fit);
    expect(findByTestId(Tag, 'tier').text).toBe(view.tier);
    expect(findByTestId(Text, 'grade').text).toBe(view.grade ?? '-');
    expect(findByTestId(Text, 'owner').text).toBe(view.owner ?? 'unassigned');
    const reasons = findByTestId(List, 'reasons').findAll(Text).map((t) => t.text);
    expect(reasons).toEqual(view.reasons.map((r) => `${r.points > 0 ? '+' : ''}${r.points} ${r.label}`));
    expect(reasons.length).toBeGreaterThan(0);
    expect(findByTestId(Text, 'decision').text).toBe(view.decision.sentence);
    expect(findByTestId(Text, 'config-version').text).toContain(`Config version ${view.configVersion}`);
  });

  it('puts the rules tried and the skipped candidates behind "Show why"', () => {
    const { render, findByTestId } = createRenderer('crm.record.tab');
    const withSkip: CardView = { ...view, decision: { ...view.decision, skipped: [{ owner: 'jan.dvorak@example.com', reason: 'out_of_office', detail: 'until 2027-01-02' }] } };
    render(<ScoreCardView view={withSkip} onFeedback={() => undefined} onRescore={() => undefined} />);
    const why = findByTestId(Accordion, 'why');
    expect(why.props.title).toBe('Show why');
    expect(why.find(List, { testId: 'rules-tried' }).findAll(Text).map((t) => t.text)).toEqual(view.decision.rulesTried);
    expect(why.find(List, { testId: 'skipped' }).find(Text).text).toBe('jan.dvorak@example.com: out of office (until 2027-01-02)');
  });

  it('sends each feedback kind and "rescore now" from its button', () => {
    const sent: string[] = [];
    const { render, findByTestId } = createRenderer('crm.record.tab');
    render(<ScoreCardView view={view} onFeedback={(k: FeedbackKind) => sent.push(k)} onRescore={() => sent.push('rescore')} />);
    for (const id of ['feedback-good_lead', 'feedback-bad_fit', 'feedback-wrong_owner', 'feedback-duplicate', 'rescore']) findByTestId(Button, id).trigger('onClick');
    expect(sent).toEqual(['good_lead', 'bad_fit', 'wrong_owner', 'duplicate', 'rescore']);
    expect(findByTestId(Button, 'feedback-duplicate').text).toBe('Duplicate');
  });
});

describe('ScoreCard against the backend, through a signing proxy', () => {
  it('loads the decision, records "wrong owner" for the signed user and confirms it', async () => {
    const api = createCardApi(hubspotProxyFetch(app, PORTAL_A, '8080'), PUBLIC_BASE);
    const { render, waitFor, findByTestId, maybeFind } = createRenderer('crm.record.tab');
    render(<ScoreCard objectId={LEAD_A} api={api} />);
    await waitFor(() => expect(maybeFind(StatisticsItem, { testId: 'score' })).not.toBeNull());
    expect(findByTestId(StatisticsItem, 'score').props.number).toBe(view.score.total);
    findByTestId(Button, 'feedback-wrong_owner').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'notice' })?.props.variant).toBe('success'));
    const stored = await app.store.listFeedback(`hubspot:${PORTAL_A}`, LEAD_A);
    expect(stored[0]).toMatchObject({ kind: 'wrong_owner', userId: '8080' });
  });

  it('records "duplicate" with the decision it judges, and queues it for the HubSpot property', async () => {
    const api = createCardApi(hubspotProxyFetch(app, PORTAL_A, '8081'), PUBLIC_BASE);
    const { render, waitFor, findByTestId, maybeFind } = createRenderer('crm.record.tab');
    render(<ScoreCard objectId={LEAD_A} api={api} />);
    await waitFor(() => expect(maybeFind(Button, { testId: 'feedback-duplicate' })).not.toBeNull());
    findByTestId(Button, 'feedback-duplicate').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'notice' })?.props.variant).toBe('success'));
    const tenant = `hubspot:${PORTAL_A}`;
    const [stored] = await app.store.listFeedback(tenant, LEAD_A);
    const [decision] = await app.store.getAudit(tenant, LEAD_A, 1);
    expect(stored).toMatchObject({ kind: 'duplicate', userId: '8081', source: 'card', decision: { decidedAt: decision!.at, owner: decision!.evaluation.route.owner } });
    const queued = await app.store.inboxClaim({ tenant, limit: 100, leaseMs: 1_000, now: Date.now() + 1_000, worker: 'card-test' });
    expect(queued.filter((r) => r.kind === 'feedback.write').map((r) => [r.objectId, r.payload])).toContainEqual([LEAD_A, { kind: 'duplicate', note: null }]);
  });

  it('lets the rep mark themselves away for a day, then back, for routing', async () => {
    const rep = 'petra.novakova@example.com'; // an owner in config/lead-router.yaml
    const api = createCardApi(hubspotProxyFetch(app, PORTAL_A, '9090', rep), PUBLIC_BASE);
    const { render, waitFor, findByTestId, maybeFind } = createRenderer('crm.record.tab');
    render(<ScoreCard objectId={LEAD_A} api={api} />);
    await waitFor(() => expect(maybeFind(Button, { testId: 'away' })).not.toBeNull());
    findByTestId(Button, 'away').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'notice' })?.props.variant).toBe('success'));
    expect(await app.store.listAbsences(`hubspot:${PORTAL_A}`, { owner: rep, after: Date.now() })).toEqual([
      expect.objectContaining({ setBy: `hubspot-user:9090 (${rep})`, endedAt: null }),
    ]);
    findByTestId(Button, 'back').trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'notice' })?.text).toMatch(/Welcome back/));
    expect(await app.store.listAbsences(`hubspot:${PORTAL_A}`, { owner: rep, after: Date.now() })).toEqual([]);
  });

  it('offers "rescore now" for a contact not scored yet, and queues it', async () => {
    const api = createCardApi(hubspotProxyFetch(app, PORTAL_A), PUBLIC_BASE);
    const { render, waitFor, find, maybeFind } = createRenderer('crm.record.tab');
    render(<ScoreCard objectId="31337" api={api} />);
    await waitFor(() => expect(maybeFind(EmptyState)).not.toBeNull());
    expect(find(EmptyState).props.title).toBe('Not scored yet');
    const before = (await app.store.inboxStats(`hubspot:${PORTAL_A}`)).pending;
    find(Button, { testId: 'rescore' }).trigger('onClick');
    await waitFor(() => expect(maybeFind(Alert, { testId: 'notice' })?.props.variant).toBe('success'));
    expect((await app.store.inboxStats(`hubspot:${PORTAL_A}`)).pending).toBe(before + 1);
  });
});
