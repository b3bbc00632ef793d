// A rep marks themselves away / back from the score card (issue 12, "Reps' own availability"):
// only a rep of the portal's config, only for themselves, stored with who set it, handed to the
// engine through the routing state, never visible to another portal.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../../../src/main.ts';
import { PORTAL_A, PORTAL_B, cardCall, startCardApp } from './card-app.ts';

const PETRA = 'petra.novakova@example.com'; // an owner in config/lead-router.yaml
const HOUR = 3_600_000;
let app: RunningApp;
beforeAll(async () => {
  app = await startCardApp();
});
afterAll(async () => {
  await app.close();
});

const away = (body: unknown, o: { portalId?: string; userEmail?: string } = {}) =>
  cardCall(app, '/me/availability', { method: 'POST', body, userEmail: PETRA, ...o });

describe('the score card: a rep marks themselves away and back', () => {
  it('stores the absence with who set it, lists it, and hands it to the routing state', async () => {
    const to = new Date(Date.now() + 4 * HOUR).toISOString();
    const res = await away({ to, note: 'customer visit' });
    expect(res.status).toBe(201);
    const { saved } = (await res.json()) as { saved: { to: string; note: string; setBy: string } };
    expect(saved).toMatchObject({ to, note: 'customer visit', setBy: `hubspot-user:4711 (${PETRA})` });

    const listed = (await (await cardCall(app, '/me/availability', { userEmail: PETRA })).json()) as { owner: string; absences: unknown[] };
    expect(listed).toMatchObject({ owner: PETRA, absences: [{ to, note: 'customer visit' }] });

    const owners = [{ owner: PETRA, dayStart: Date.now() - HOUR, weekStart: Date.now() - 24 * HOUR }];
    const tx = await app.store.routeAtomically(`hubspot:${PORTAL_A}`, 'probe', owners, [], (t) => ({ result: t }));
    expect(tx.state.absences?.[PETRA]).toEqual([expect.objectContaining({ to: Date.parse(to), note: 'customer visit' })]);
  });

  it('"I am back" ends it now; another portal never sees it', async () => {
    await away({ to: new Date(Date.now() + 2 * HOUR).toISOString() });
    const other = (await (await cardCall(app, '/me/availability', { portalId: PORTAL_B, userEmail: PETRA })).json()) as { absences: unknown[] };
    expect(other.absences).toEqual([]);
    const back = await cardCall(app, '/me/availability', { method: 'DELETE', userEmail: PETRA });
    expect(back.status).toBe(200);
    expect(((await back.json()) as { ended: number }).ended).toBeGreaterThanOrEqual(1);
    const listed = (await (await cardCall(app, '/me/availability', { userEmail: PETRA })).json()) as { absences: unknown[] };
    expect(listed.absences).toEqual([]);
    const audit = await app.store.listAbsences(`hubspot:${PORTAL_A}`, { owner: PETRA });
    expect(audit.every((a) => a.endedBy === `hubspot-user:4711 (${PETRA})`)).toBe(true);
  });

  it('refuses users who are not reps of the config (403), unsigned calls (401) and bad periods (400)', async () => {
    const to = new Date(Date.now() + HOUR).toISOString();
    const stranger = await away({ to }, { userEmail: 'someone@else.example' });
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as { message: string }).message).toMatch(/not one of lead-router's reps/);
    const unsigned = await cardCall(app, '/me/availability', { method: 'POST', body: { to }, userEmail: PETRA, sign: false });
    expect(unsigned.status).toBe(401);
    for (const body of [{ to: new Date(Date.now() - HOUR).toISOString() }, { from: to, to: new Date(Date.now() - 2 * HOUR).toISOString() }, { to: 'next tuesday' }, { to, extra: 1 }]) {
      expect((await away(body)).status).toBe(400);
    }
    expect(await app.store.listAbsences(`hubspot:${PORTAL_A}`, { owner: 'someone@else.example' })).toEqual([]);
  });
});
