// The JSON panel in single-company (API token) mode: served when PIPEDRIVE_PANEL_JWT_SECRET is
// set, verified JWT in, the person's score breakdown out; a bad token gets the error shape.
import { afterEach, describe, expect, it } from '@jest/globals';
import { COMPANY, isScored, samplePersons, startPair, waitUntil } from './pipedrive-harness.ts';
import { signHs256 } from '../helpers/jwt.ts';

const SECRET = 'panel-secret-for-the-e2e-0123456789';
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

const jwt = signHs256;

describe('Pipedrive JSON panel (API token mode)', () => {
  it('shows the score breakdown for a verified token and refuses a forged one', async () => {
    const pair = await startPair({ env: { PIPEDRIVE_PANEL_JWT_SECRET: SECRET } });
    cleanup = pair.close;
    const [person] = pair.sandbox.createPersons(samplePersons(1));
    const id = Number(person!['id']);
    await waitUntil(() => isScored(pair.sandbox, id), 15_000, 'scoring');
    await waitUntil(async () => (await pair.app.store.getAudit(`pipedrive:${COMPANY}`, String(id), 1)).length > 0, 5_000, 'audit');

    const token = jwt({ userId: 1, companyId: COMPANY, exp: Math.floor(Date.now() / 1000) + 300 }, SECRET);
    const ok = await fetch(`${pair.app.url}/panels/pipedrive?resource=person&view=details&selectedIds=${id}&token=${token}`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { data: Record<string, unknown>[] };
    expect(body.data).toHaveLength(1);
    expect(String((body.data[0]!['score'] as { label: string }).label)).toMatch(/^Score -?\d+ – (hot|warm|cold)$/);

    const forged = await fetch(`${pair.app.url}/panels/pipedrive?selectedIds=${id}&token=${jwt({ userId: 1, companyId: COMPANY }, 'wrong')}`);
    expect(forged.status).toBe(401);
    expect(((await forged.json()) as { error: { title: string } }).error.title).toBe('Not authorized');

    // Correctly signed but without exp: it would be valid forever, so it is refused.
    const eternal = await fetch(`${pair.app.url}/panels/pipedrive?selectedIds=${id}&token=${jwt({ userId: 1, companyId: COMPANY }, SECRET)}`);
    expect(eternal.status).toBe(401);
    expect(((await eternal.json()) as { error: { subtitle: string } }).error.subtitle).toMatch(/no expiry/);
  }, 60_000);
});
