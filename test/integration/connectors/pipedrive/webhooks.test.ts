import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { createPipedriveClient } from '../../../../connectors/pipedrive/client.ts';
import { WEBHOOK_EVENTS } from '../../../../connectors/pipedrive/webhooks.ts';
import { API, recordingScheduler, TENANT, testConfig } from '../../../unit/connectors/pipedrive/fixtures.ts';
import { jsonBody, useNock } from './nock-setup.ts';

useNock();

const URL_ = 'https://lr.example.com/webhooks/pipedrive';
const reg = { subscriptionUrl: URL_, httpAuthUser: 'lead-router-8087566', httpAuthPassword: 'pw', userId: '12094821' };
const client = () => createPipedriveClient({ tenant: TENANT, apiBase: API, auth: { kind: 'api_token', token: 't' }, scheduler: recordingScheduler(), config: testConfig() });

const existing = (id: number, object: string, action: string, over: Record<string, unknown> = {}) => ({
  id,
  event_object: object,
  event_action: action,
  subscription_url: URL_,
  version: '2.0',
  is_active: 1,
  type: 'application',
  http_auth_user: reg.httpAuthUser,
  ...over,
});

function capturePosts(times: number) {
  const bodies: Record<string, unknown>[] = [];
  let next = 100;
  nock(API)
    .post('/v1/webhooks')
    .times(times)
    .reply(200, (_path: string, body: nock.Body) => {
      bodies.push(jsonBody<Record<string, unknown>>(body));
      return { success: true, data: { id: next++ } };
    });
  return bodies;
}

describe('registerWebhooks / ensureWebhooks', () => {
  it('creates the ten v2 subscriptions with Basic credentials and the admin user', async () => {
    nock(API).get('/v1/webhooks').reply(200, { success: true, data: [] });
    const bodies = capturePosts(10);
    const result = await client().registerWebhooks(reg);
    expect(bodies.map((b) => `${b.event_action}.${b.event_object}`)).toEqual([
      'create.person',
      'change.person',
      'delete.person',
      'change.organization',
      'create.activity',
      'change.activity',
      'create.lead',
      'change.lead',
      'create.deal',
      'change.deal',
    ]);
    expect(bodies[0]).toEqual({
      subscription_url: URL_,
      event_action: 'create',
      event_object: 'person',
      name: 'lead-router create.person',
      version: '2.0',
      http_auth_user: 'lead-router-8087566',
      http_auth_password: 'pw',
      user_id: 12094821,
    });
    expect(result.created).toHaveLength(WEBHOOK_EVENTS.length);
    expect(result.kept).toEqual([]);
  });

  it('skips subscriptions that exist and re-creates those Pipedrive deleted', async () => {
    const present = WEBHOOK_EVENTS.filter((e) => !(e.object === 'person' && e.action === 'change') && e.object !== 'lead').map((e, i) => existing(i + 1, e.object, e.action));
    nock(API)
      .get('/v1/webhooks')
      .reply(200, {
        success: true,
        data: [...present, existing(50, 'person', 'change', { subscription_url: 'https://someone-else.example/hook' }), existing(51, 'lead', 'change', { version: '1.0' })],
      });
    const bodies = capturePosts(3);
    const result = await client().ensureWebhooks(reg);
    expect(bodies.map((b) => `${b.event_action}.${b.event_object}`)).toEqual(['change.person', 'create.lead', 'change.lead']);
    expect(result.kept.map((k) => k.event)).toEqual(['create.person', 'delete.person', 'change.organization', 'create.activity', 'change.activity', 'create.deal', 'change.deal']);
    expect(result.created.map((c) => c.id)).toEqual([100, 101, 102]);
  });

  it('replaces a subscription registered with other credentials (reinstall)', async () => {
    const present = WEBHOOK_EVENTS.map((e, i) => existing(i + 1, e.object, e.action, i === 0 ? { http_auth_user: 'old-user' } : {}));
    nock(API).get('/v1/webhooks').reply(200, { success: true, data: present });
    const del = nock(API).delete('/v1/webhooks/1').reply(200, { success: true });
    const bodies = capturePosts(1);
    const result = await client().ensureWebhooks(reg);
    expect(del.isDone()).toBe(true);
    expect(result.replaced).toEqual([{ id: 1, event: 'create.person' }]);
    expect(bodies).toHaveLength(1);
    expect(result.kept).toHaveLength(WEBHOOK_EVENTS.length - 1);
  });
});
